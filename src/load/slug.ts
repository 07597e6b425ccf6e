/** Longest slug in UTF-8 bytes: file names are limited to 255 bytes, and URLs stay readable. */
const MAX_SLUG_BYTES = 180;

/**
 * Characters that show nothing (soft hyphen, zero-width space, word joiner, BOM, invisible
 * operators) or reorder what is shown (bidi controls such as U+202E): they make `g\u200Bo` look
 * like `go` while being another tag, and a URL read backwards.
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
/** Zero-width (non-)joiners change emoji and Persian or Indic words; beside ASCII or at an end they change nothing. */
const JOINER_BY_ASCII = /(?<=^|[\u0000-\u007f])[\u200c\u200d]+|[\u200c\u200d]+(?=$|[\u0000-\u007f])/g;

/** `text` without the invisible and direction-changing characters that would make two equal-looking names differ. */
export function withoutInvisibles(text: string): string {
  return text.replace(INVISIBLE, '').replace(JOINER_BY_ASCII, '');
}

/**
 * A URL path segment from free text. Unicode letters (CJK included) are kept; whitespace
 * becomes `-`; characters that are unsafe in paths or URLs (`/ \ ? # % " < > | : * ^ \``,
 * controls, invisible and bidi-control characters) are dropped; the result never starts or ends with `.` or `-`.
 */
export function slugify(text: string): string {
  let slug = withoutInvisibles(text)
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
