/** What a URL is used for: a link to follow, or an image to show. */
export type UrlUse = 'link' | 'image';

/** Schemes a link may have. `tel:` only opens the reader's phone app, like `mailto:` their mail. */
const LINK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const IMAGE_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);
/** Raster images written inline; not SVG, whose document can carry script. Tested on the parsed (normalised) URL. */
const INLINE_RASTER_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|avif)[;,]/;
/** Relative URLs are resolved against this, so they come out with an allowed scheme. */
const BASE = 'https://relative.invalid/';

/** The schemes a link may have, for messages. */
export const SAFE_LINK_SCHEMES = 'http:, https:, mailto:, tel:, relative and #fragment URLs';
export const SAFE_IMAGE_SCHEMES = 'http:, https:, relative URLs and data:image/png, jpeg, gif, webp or avif';

/**
 * The scheme (`javascript:`) that makes `value` unsafe to publish as a link or an image, or
 * undefined when it is safe. The value is parsed as a browser does (WHATWG URL): leading and
 * trailing spaces and C0 controls dropped, tabs and newlines removed anywhere (`java\tscript:`),
 * the scheme lowercased. A value no browser can parse leads nowhere, and passes.
 */
export function unsafeScheme(value: string, use: UrlUse): string | undefined {
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if ((use === 'link' ? LINK_SCHEMES : IMAGE_SCHEMES).has(url.protocol)) return undefined;
  if (use === 'image' && INLINE_RASTER_IMAGE.test(url.href)) return undefined;
  return url.protocol;
}

/**
 * The unsafe scheme among the image candidates of a `srcset`, or undefined. Every piece between
 * spaces and commas is checked, so each URL a browser can read from it is (a piece of a data URL
 * cut at its comma is relative, and passes).
 */
export function unsafeSrcsetScheme(value: string): string | undefined {
  for (const piece of value.split(/[\s,]+/)) {
    if (piece === '') continue;
    const scheme = unsafeScheme(piece, 'image');
    if (scheme !== undefined) return scheme;
  }
  return undefined;
}

/** Why a URL of this (unsafe) scheme is not published, for messages. */
export function whyUnsafe(scheme: string): string {
  if (scheme === 'javascript:' || scheme === 'vbscript:') return `${scheme} URLs run script in the reader's browser`;
  if (scheme === 'data:') return 'a data: URL other than an inline PNG, JPEG, GIF, WebP or AVIF image can carry a script document';
  return `quire does not publish ${scheme} URLs`;
}
