import type { Element } from 'hast';
import type { ResponsiveImage } from '../../collect/plan-images.js';

/**
 * `<img>` → `<picture>` with one `<source srcset sizes>` per format of its smaller copies, the
 * `<img src>` now the copy in its own format (its `width`/`height` those of that file), and —
 * unless it already sits in a link or has no text alternative (a link must have a name) — a link
 * to the original for the full size. `src` is the final href of the original
 * (`/blog/posts/x/shot.png`); the copies are beside it.
 */
export function responsiveImage(img: Element, responsive: ResponsiveImage, insideLink: boolean): Element {
  const src = String(img.properties['src']);
  const pathPart = src.replace(/[?#].*$/, '');
  const dir = pathPart.slice(0, pathPart.lastIndexOf('/') + 1);
  const href = (name: string) => dir + encodeURIComponent(name);
  const { fallback } = responsive;
  const sources: Element[] = responsive.sources
    .filter((source) => source.files.length > 0)
    .map((source) => ({
      type: 'element',
      tagName: 'source',
      properties: { type: source.type, srcSet: source.files.map((file) => `${href(file.name)} ${file.width}w`).join(', '), sizes: responsive.sizes },
      children: [],
    }));
  const image: Element = { ...img, properties: { ...img.properties, src: href(fallback.name), width: fallback.width, height: fallback.height } };
  const picture: Element = { type: 'element', tagName: 'picture', properties: {}, children: [...sources, image], position: img.position };
  const alt = img.properties['alt'];
  if (insideLink || typeof alt !== 'string' || alt.trim() === '') return picture;
  return { type: 'element', tagName: 'a', properties: { href: src, className: ['image-full'] }, children: [picture], position: img.position };
}
