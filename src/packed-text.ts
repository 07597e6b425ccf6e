import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Text a build holds for every entry at once but reads for few: an entry's page and feed HTML
 * (from the render of the entry to its page and feeds), deflated, and its source file (for code
 * frames in messages), as the bytes it was read as. Deflated text is base64: plain JSON, so it
 * goes into cache records and to worker threads as it is. 1000 generated posts: 19 MB of page
 * HTML and 16 MB of feed HTML as strings, 6.6 MB packed. Deflating costs ≈0.1 ms per 10 KB,
 * inflating less; text is inflated where it is used (a post's own page, a feed item, a digest).
 * The sources (8 MB) are kept as bytes: deflating them cost more CPU than the 6 MB it saved.
 */
export type PackedText = { readonly deflated: string } | { readonly utf8: Uint8Array };

export function packText(text: string): PackedText {
  return { deflated: deflateRawSync(text, { level: 1 }).toString('base64') };
}

/**
 * A file's text kept as the bytes it was read as (valid UTF-8: the load checked it), decoded
 * when read: every entry's source, parsed or taken from the build cache.
 */
export function fileText(bytes: Uint8Array): PackedText {
  return { utf8: bytes };
}

export function unpackText(packed: PackedText): string {
  if ('utf8' in packed) {
    // As loadEntry decodes a file: TextDecoder drops a BOM, and so does the load, once more.
    const text = new TextDecoder('utf-8').decode(packed.utf8);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  return inflateRawSync(Buffer.from(packed.deflated, 'base64')).toString('utf8');
}

/**
 * Where an object whose getters inflate packed text (an entry's view: `content`) keeps a function
 * giving the same data with the text left packed: what the page cache hashes, so that telling
 * whether a page changed does not inflate every entry's HTML. Not enumerable: neither JSON nor
 * templates see it.
 */
export const PACKED_FORM = Symbol('quire.packedForm');

/** `value`, or the form with its text packed if it has one (see PACKED_FORM). */
export function packedForm(value: object): unknown {
  const form = (value as { [PACKED_FORM]?: unknown })[PACKED_FORM];
  return typeof form === 'function' ? (form as () => unknown)() : value;
}

/** A value shaped like a PackedText (for records read back from the cache). */
export function isPackedText(value: unknown): value is PackedText {
  return typeof value === 'object' && value !== null && typeof (value as { deflated?: unknown }).deflated === 'string';
}
