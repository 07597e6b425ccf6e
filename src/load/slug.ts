/** Longest slug in UTF-8 bytes: file names are limited to 255 bytes, and URLs stay readable. */
const MAX_SLUG_BYTES = 180;

/**
 * A URL path segment from free text. Unicode letters (CJK included) are kept; whitespace
 * becomes `-`; characters that are unsafe in paths or URLs (`/ \ ? # % " < > | : * ^ \``,
 * controls) are dropped; the result never starts or ends with `.` or `-`.
 */
export function slugify(text: string): string {
  let slug = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[/\\?#%"'<>|:*^`[\]{}!$&'(),;=@~]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  slug = truncateBytes(slug, MAX_SLUG_BYTES).replace(/[-.]+$/, '');
  return slug;
}

function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > max) break;
    out += ch;
    bytes += size;
  }
  return out;
}
