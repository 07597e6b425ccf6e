/**
 * The origin that a rendered entry's feed copies (`feedHtml`, `feedExcerptHtml`, a note's
 * `feedHtml`) make their URLs absolute against. A rendered entry is cached, and the same cache
 * serves `quire build` (the site's own origin) and `quire dev` (a loopback origin): with a stand-in
 * origin in the record, neither invalidates the other. The feeds and the digest put the site's
 * origin in its place as they write (`withSiteOrigin`). `.invalid` is reserved (RFC 2606): no
 * real link points there.
 */
export const STAND_IN_ORIGIN = 'https://quire-site-origin.invalid';

/** The stand-in's URL of the site's root (base path included), for `new URL(…, siteRoot)`. */
export const STAND_IN_SITE = `${STAND_IN_ORIGIN}/`;

/** A rendered entry's feed HTML with the site's origin (scheme, host, port) in place of the stand-in. */
export function withSiteOrigin(html: string, siteUrl: string): string {
  return html.includes(STAND_IN_ORIGIN) ? html.replaceAll(STAND_IN_ORIGIN, new URL(siteUrl).origin) : html;
}
