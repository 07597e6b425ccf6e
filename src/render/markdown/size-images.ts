import type { Element, Root } from 'hast';
import type { ImageDimensions, ImageSizes } from '../../discover/read-image-sizes.js';
import { responsiveImage } from './responsive-image.js';

/** The dimensions of the site file an `<img src>` points at, if it is one quire copies and could read. */
export type ImageSizeLookup = (href: string) => ImageDimensions | undefined;

/** A lookup over the measured copies, for hrefs under the base path (`/blog/posts/x/a.png?v=2`). */
export function imageSizeLookup(sizes: ImageSizes | Readonly<Record<string, ImageDimensions>>, basePath: string): ImageSizeLookup {
  const get = sizes instanceof Map ? (key: string) => sizes.get(key) : (key: string) => (Object.hasOwn(sizes, key) ? (sizes as Readonly<Record<string, ImageDimensions>>)[key] : undefined);
  const prefix = basePath.endsWith('/') ? basePath : `${basePath}/`;
  return (href) => {
    const pathPart = href.replace(/[?#].*$/, '');
    if (!pathPart.startsWith(prefix)) return undefined;
    try {
      return get(decodeURI(pathPart.slice(prefix.length)).normalize('NFC'));
    } catch {
      return undefined;
    }
  };
}

/**
 * Every Markdown image of a page: `loading="lazy"` and `decoding="async"`, and the file's own
 * `width`/`height` so the browser keeps its place before it loads (no layout shift; CSS scales it
 * down with `height: auto`). An image quire made smaller copies of becomes a `<picture>` (see
 * `responsiveImage`). Runs after links are rewritten, so `src` is the final href. Attributes
 * the author wrote are kept (an image with its own size or `srcset` is left as written); an image
 * that is external, missing or unreadable gets no size.
 */
export function sizeImages(tree: Root, lookup: ImageSizeLookup | undefined): void {
  const walk = (parent: Root | Element, insideLink: boolean): void => {
    parent.children.forEach((node, index) => {
      if (node.type !== 'element') return;
      if (node.tagName !== 'img') {
        walk(node, insideLink || node.tagName === 'a');
        return;
      }
      const props = node.properties;
      props['loading'] ??= 'lazy';
      props['decoding'] ??= 'async';
      const src = props['src'];
      if (lookup === undefined || typeof src !== 'string' || props['width'] !== undefined || props['height'] !== undefined || props['srcSet'] !== undefined) return;
      const size = lookup(src);
      if (!size) return;
      props['width'] = size.width;
      props['height'] = size.height;
      const inPicture = parent.type === 'element' && parent.tagName === 'picture';
      if (size.responsive && !inPicture) parent.children[index] = responsiveImage(node, size.responsive, insideLink);
    });
  };
  walk(tree, false);
}

/**
 * The file a page shows for a local image href: the copy in its own format when quire makes
 * smaller copies of it (see `responsiveImage`), with that file's size; else the href itself.
 */
export function shownImage(href: string, lookup: ImageSizeLookup | undefined): { url: string; width: number | undefined; height: number | undefined } {
  const size = lookup?.(href);
  const fallback = size?.responsive?.fallback;
  if (!fallback) return { url: href, width: size?.width, height: size?.height };
  const pathPart = href.replace(/[?#].*$/, '');
  return { url: pathPart.slice(0, pathPart.lastIndexOf('/') + 1) + encodeURIComponent(fallback.name), width: fallback.width, height: fallback.height };
}
