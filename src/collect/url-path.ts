/**
 * Site-internal URL paths. A URL path here is decoded (`/posts/远程办公/`), starts with `/`
 * and is relative to the site's base path; it becomes a file under the output folder and,
 * percent-encoded and prefixed with the base path, an href.
 */

export type UrlPathResult = { readonly ok: true; readonly url: string; readonly outputPath: string } | { readonly ok: false; readonly reason: string };

const MAX_SEGMENT_BYTES = 240;

/** Validate and normalise a URL path; `outputPath` is where its HTML goes under the output folder. */
export function toUrlPath(raw: string): UrlPathResult {
  if (raw.includes('\u0000')) return { ok: false, reason: 'it contains a NUL character' };
  if (raw.includes('\\')) return { ok: false, reason: 'it contains a backslash' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) return { ok: false, reason: 'it is not a path on this site' };
  let decoded: string;
  try {
    decoded = decodeURI(raw);
  } catch {
    return { ok: false, reason: 'it has a broken %-escape' };
  }
  if (decoded.includes('\\')) return { ok: false, reason: 'it contains an encoded backslash' };
  // decodeURI keeps %2F: a folder named `..%2f..%2fx` would be a trap for servers that decode it.
  if (/%2f/i.test(decoded)) return { ok: false, reason: 'it contains an encoded slash (%2F)' };
  const segments = decoded.split('/');
  const trailingSlash = decoded.endsWith('/') || segments.at(-1) === '';
  const parts = segments.filter((s) => s !== '');
  for (const part of parts) {
    if (part === '.' || part === '..') return { ok: false, reason: 'it contains a `.` or `..` segment' };
    if (/[\u0000-\u001f\u007f?#]/.test(part)) return { ok: false, reason: `the segment "${part}" contains a control character, ? or #` };
    if (Buffer.byteLength(part) > MAX_SEGMENT_BYTES) return { ok: false, reason: `the segment "${part.slice(0, 40)}…" is longer than ${MAX_SEGMENT_BYTES} bytes` };
  }
  const last = parts.at(-1);
  const isFile = !trailingSlash && last !== undefined && /\.(html?|xml|json|txt)$/i.test(last);
  const joined = parts.map((p) => p.normalize('NFC')).join('/');
  if (isFile) return { ok: true, url: `/${joined}`, outputPath: joined };
  const url = joined === '' ? '/' : `/${joined}/`;
  return { ok: true, url, outputPath: joined === '' ? 'index.html' : `${joined}/index.html` };
}

/** The href of a site URL path under `basePath`: each segment percent-encoded. */
export function hrefOf(url: string, basePath: string): string {
  const encoded = url
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return basePath.replace(/\/$/, '') + encoded;
}
