import type { Element } from 'hast';
import { unsafeScheme, unsafeSrcsetScheme, type UrlUse } from './safe-url.js';

/** Attributes holding one URL, by hast property name lowercased (`formAction`, `xLinkHref` for `xlink:href`). */
const URL_PROPERTIES: Readonly<Record<string, UrlUse>> = {
  href: 'link',
  action: 'link',
  formaction: 'link',
  xlinkhref: 'link',
  cite: 'link',
  data: 'link',
  codebase: 'link',
  classid: 'link',
  archive: 'link',
  longdesc: 'link',
  usemap: 'link',
  manifest: 'link',
  profile: 'link',
  icon: 'link',
  src: 'image',
  poster: 'image',
  background: 'image',
  lowsrc: 'image',
  dynsrc: 'image',
};
/** SVG animations can set an `href` to any of these values. */
const ANIMATIONS = new Set(['animate', 'set', 'animatemotion', 'animatetransform']);
const ANIMATION_VALUES = new Set(['to', 'from', 'by', 'values']);

export interface UnsafeUrlProperty {
  /** The hast property name, as in `element.properties`. */
  readonly property: string;
  /** The attribute's value as read (entities decoded). */
  readonly value: string;
  /** The scheme that makes it unsafe, e.g. `javascript:`. */
  readonly scheme: string;
  /** Whether it is followed as a link or shown as an image. */
  readonly use: UrlUse;
}

/**
 * The URL attributes of an element that a reader's browser would follow to a script or a
 * document (`href="javascript:…"`, `src="data:text/html,…"`, a `srcset` or `ping` candidate,
 * an SVG `<set to="javascript:…">`), see `unsafeScheme`.
 */
export function unsafeUrlProperties(element: Element): UnsafeUrlProperty[] {
  const found: UnsafeUrlProperty[] = [];
  const animation = ANIMATIONS.has(element.tagName.toLowerCase());
  for (const [property, raw] of Object.entries(element.properties)) {
    if (raw === null || raw === undefined || typeof raw === 'boolean') continue;
    const value = Array.isArray(raw) ? raw.join(property.toLowerCase() === 'srcset' ? ', ' : ' ') : String(raw);
    const name = property.toLowerCase();
    let scheme: string | undefined;
    const use: UrlUse = name === 'srcset' ? 'image' : Object.hasOwn(URL_PROPERTIES, name) ? URL_PROPERTIES[name]! : 'link';
    if (name === 'srcset') scheme = unsafeSrcsetScheme(value);
    else if (name === 'ping') scheme = value.split(/\s+/).map((url) => unsafeScheme(url, 'link')).find((s) => s !== undefined);
    else if (animation && ANIMATION_VALUES.has(name)) scheme = value.split(';').map((url) => unsafeScheme(url.trim(), 'link')).find((s) => s !== undefined);
    else if (Object.hasOwn(URL_PROPERTIES, name)) scheme = unsafeScheme(value, use);
    if (scheme !== undefined) found.push({ property, value, scheme, use });
  }
  return found;
}
