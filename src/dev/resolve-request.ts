import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export type Resolved =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'bad-request'; readonly reason: string };

/**
 * Map a request path to a file of the built site in `folder`, the way a static host does:
 * the base path is stripped (`/` redirects to it), the rest is percent-decoded (Chinese slugs),
 * `dir/` serves `dir/index.html` and `dir` redirects to `dir/`. Nothing outside `folder` is ever
 * served: `..` segments, encoded slashes and backslashes, NUL and symlinks out are refused.
 */
export function resolveRequest(folder: string, basePath: string, rawPath: string, rawQuery = ''): Resolved {
  const request = requestSegments(basePath, rawPath, rawQuery);
  if (request.kind !== 'segments') return request;
  const { segments } = request;
  const target = path.join(folder, ...segments);
  const rel = path.relative(folder, target);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { kind: 'bad-request', reason: 'outside the site' };

  const stats = statOf(target);
  if (stats?.isFile()) return inside(folder, target) ? { kind: 'file', file: target } : { kind: 'not-found' };
  if (stats?.isDirectory()) {
    if (!rawPath.endsWith('/')) return { kind: 'redirect', location: `${rawPath}/${rawQuery}` };
    const index = path.join(target, 'index.html');
    if (statOf(index)?.isFile() && inside(folder, index)) return { kind: 'file', file: index };
  }
  return { kind: 'not-found' };
}

/** A request for a file of the site being served from memory: its output path (`posts/x/index.html`). */
export type ResolvedOutput = { readonly kind: 'output'; readonly outputPath: string } | Exclude<Resolved, { kind: 'file' }>;

/** The files and folders of a site that is not on disk; output paths relative to its root, `/` separators. */
export interface OutputTree {
  isFile(outputPath: string): boolean;
  isFolder(outputPath: string): boolean;
}

/** `resolveRequest` for a site held in memory (`quire dev`): the same base path, decoding, folder and redirect rules. */
export function resolveOutputRequest(tree: OutputTree, basePath: string, rawPath: string, rawQuery = ''): ResolvedOutput {
  const request = requestSegments(basePath, rawPath, rawQuery);
  if (request.kind !== 'segments') return request;
  const rel = request.segments.join('/');
  if (rel !== '' && tree.isFile(rel)) return { kind: 'output', outputPath: rel };
  if (rel === '' || tree.isFolder(rel)) {
    if (!rawPath.endsWith('/')) return { kind: 'redirect', location: `${rawPath}/${rawQuery}` };
    const index = rel === '' ? 'index.html' : `${rel}/index.html`;
    if (tree.isFile(index)) return { kind: 'output', outputPath: index };
  }
  return { kind: 'not-found' };
}

/** The path under the base path, percent-decoded and checked, as segments; or what to answer instead. */
function requestSegments(basePath: string, rawPath: string, rawQuery: string): { readonly kind: 'segments'; readonly segments: string[] } | Exclude<Resolved, { kind: 'file' }> {
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

function statOf(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** The real path is inside the real folder (a symlink in public/ could point anywhere). */
function inside(folder: string, file: string): boolean {
  try {
    const rel = path.relative(realpathSync(folder), realpathSync(file));
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  } catch {
    return false;
  }
}
