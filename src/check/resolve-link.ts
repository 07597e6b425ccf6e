import { hrefOf } from '../collect/url-path.js';

export type LinkTarget =
  /** mailto:, tel:, data:, javascript:, an empty href or a bare `#`: nothing to check. */
  | { readonly kind: 'skip' }
  /** An http(s) URL of another site (the fragment removed). */
  | { readonly kind: 'external'; readonly url: string }
  /** On the site's host but not under its base path: a 404 once published. */
  | { readonly kind: 'outside-base'; readonly pathname: string }
  | { readonly kind: 'malformed'; readonly reason: string }
  /** `path` is decoded and relative to the base path (`/posts/远程办公/`); `fragment` decoded. */
  | { readonly kind: 'internal'; readonly path: string; readonly fragment: string | undefined };

export interface SiteAddress {
  /** Absolute site URL ending in `/`, e.g. `https://example.org/blog/`. */
  readonly url: string;
  /** `/blog/`. */
  readonly basePath: string;
}

/**
 * What a URL in a built page points at, resolved as a browser would from the page's own URL:
 * relative paths, `..`, percent-escapes, absolute URLs of the site itself.
 */
export function resolveLink(value: string, pageUrl: string, site: SiteAddress): LinkTarget {
  const raw = value.trim();
  if (raw === '' || raw === '#') return { kind: 'skip' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^https?:/i.test(raw)) return { kind: 'skip' };
  let absolute: URL;
  try {
    absolute = new URL(raw, new URL(hrefOf(pageUrl, site.basePath), site.url));
  } catch {
    return { kind: 'malformed', reason: 'it is not a valid URL' };
  }
  if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') return { kind: 'skip' };
  if (absolute.origin !== new URL(site.url).origin) {
    absolute.hash = '';
    return { kind: 'external', url: absolute.href };
  }
  let pathname = absolute.pathname;
  if (`${pathname}/` === site.basePath) pathname = site.basePath;
  if (!pathname.startsWith(site.basePath)) return { kind: 'outside-base', pathname };
  const segments: string[] = [];
  for (const segment of pathname.slice(site.basePath.length).split('/')) {
    try {
      segments.push(decodeURIComponent(segment).normalize('NFC'));
    } catch {
      return { kind: 'malformed', reason: `"${segment}" has a broken %-escape` };
    }
  }
  let fragment: string | undefined;
  if (absolute.hash.length > 1) {
    try {
      fragment = decodeURIComponent(absolute.hash.slice(1));
    } catch {
      fragment = absolute.hash.slice(1);
    }
  }
  return { kind: 'internal', path: `/${segments.join('/')}`, fragment };
}

/** The output file an internal path is served from: `dir/` → `dir/index.html`; `dir` too (hosts redirect it). */
export function fileForPath(urlPath: string, files: ReadonlySet<string>): string | undefined {
  const rel = urlPath.slice(1);
  if (rel === '' || rel.endsWith('/')) {
    const index = `${rel}index.html`;
    return files.has(index) ? index : undefined;
  }
  if (files.has(rel)) return rel;
  return files.has(`${rel}/index.html`) ? `${rel}/index.html` : undefined;
}
