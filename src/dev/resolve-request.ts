type Refused = { readonly kind: 'redirect'; readonly location: string } | { readonly kind: 'not-found' } | { readonly kind: 'bad-request'; readonly reason: string };

/** A request for a file of the site being served from memory: its output path (`posts/x/index.html`), or what to answer instead. */
export type ResolvedOutput = { readonly kind: 'output'; readonly outputPath: string } | Refused;

/** The files and folders of a site that is not on disk; output paths relative to its root, `/` separators. */
export interface OutputTree {
  isFile(outputPath: string): boolean;
  isFolder(outputPath: string): boolean;
}

/**
 * Map a request path to a file of the site held in memory (`quire dev`), the way a static host
 * does: the base path is stripped (`/` and `/blog` redirect to `/blog/`), the rest is
 * percent-decoded (Chinese slugs), `dir/` serves `dir/index.html` and `dir` redirects to `dir/`.
 * `..` segments, encoded slashes and backslashes and NUL are refused.
 */
export function resolveOutputRequest(tree: OutputTree, basePath: string, rawPath: string, rawQuery = ''): ResolvedOutput {
  const request = requestSegments(basePath, rawPath, rawQuery);
  if (request.kind !== 'segments') return request;
  const rel = request.segments.join('/');
  if (rel !== '' && tree.isFile(rel)) return { kind: 'output', outputPath: rel };
  if (rel === '' || tree.isFolder(rel)) {
    // One leading slash, never `//host/`: a path such as `/.//evil.example` must not redirect off the site.
    if (!rawPath.endsWith('/')) return { kind: 'redirect', location: `/${rawPath.replace(/^[/\\]+/, '')}/${rawQuery}` };
    const index = rel === '' ? 'index.html' : `${rel}/index.html`;
    if (tree.isFile(index)) return { kind: 'output', outputPath: index };
  }
  return { kind: 'not-found' };
}

/** The path under the base path, percent-decoded and checked, as segments; or what to answer instead. */
function requestSegments(basePath: string, rawPath: string, rawQuery: string): { readonly kind: 'segments'; readonly segments: string[] } | Refused {
  if (!rawPath.startsWith(basePath)) {
    // The site lives under /blog/: a request for / or /blog goes there.
    if (rawPath === '/' || `${rawPath}/` === basePath) return { kind: 'redirect', location: basePath + rawQuery };
    return { kind: 'not-found' };
  }
  const rest = rawPath.slice(basePath.length);
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { kind: 'bad-request', reason: 'a broken %-escape in the path' };
    }
    if (segment.includes('/') || segment.includes('\\') || segment.includes('\u0000')) return { kind: 'bad-request', reason: 'an encoded slash, backslash or NUL in the path' };
    if (segment === '..') return { kind: 'bad-request', reason: 'a `..` segment in the path' };
    if (segment === '.' || segment === '') continue;
    segments.push(segment.normalize('NFC'));
  }
  return { kind: 'segments', segments };
}
