import type { Element, ElementContent, Root } from 'hast';
import { eachElement } from './each-element.js';

/**
 * rehype plugin: an image alone in its paragraph with a title (`![alt](a.png "标题")`) becomes
 * `<figure class="figure"><a href="a.png"><img alt></a><figcaption>标题</figcaption></figure>`:
 * the title is the caption, read by every reader as text, and the image links to its full-size
 * file (or where the author linked it). Runs after links are rewritten, so `href` is the image's
 * final URL; a resized image (`<picture>`, linked to its original) becomes a figure the same way.
 */
export function rehypeFigures() {
  return (tree: Root) => {
    eachElement(tree, (node: Element, index, parent) => {
      if (node.tagName !== 'p' || !parent || index === undefined) return;
      const content = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
      if (content.length !== 1 || content[0]!.type !== 'element') return;
      const only = content[0]!;
      const linked = only.tagName === 'a' && only.children.length === 1 && only.children[0]!.type === 'element' ? only : undefined;
      const shown = linked ? (linked.children[0] as Element) : only;
      // A resized image is a <picture> (see responsive-image.ts), already linked to its original
      // when it has a text alternative: its <img> carries the title.
      const img = shown.tagName === 'picture' ? shown.children.find((c): c is Element => c.type === 'element' && c.tagName === 'img') : shown;
      const title = img?.properties['title'];
      if (!img || img.tagName !== 'img' || typeof title !== 'string' || title.trim() === '' || typeof img.properties['src'] !== 'string') return;
      delete img.properties['title'];
      const link: Element = linked ?? (shown === img ? { type: 'element', tagName: 'a', properties: { href: img.properties['src'] }, children: [img] } : shown);
      const caption: ElementContent = { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: title.trim() }] };
      parent.children[index] = { type: 'element', tagName: 'figure', properties: { className: ['figure'] }, children: [link, caption], position: node.position };
    });
  };
}
