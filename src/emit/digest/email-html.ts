import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import juice from 'juice';
import { visit } from 'unist-util-visit';

/** Width of the e-mail's text column: the template's 600 px card less its 24 px padding each side. */
export const EMAIL_COLUMN_WIDTH = 552;

/**
 * The e-mail template's HTML as e-mail clients need it: the `<style>` rules inlined into each
 * element by juice and the `<style>` removed (Gmail drops it), then every `class` removed, so no
 * look depends on a stylesheet; each image no wider than the text column, with valid `width` and
 * `height` (integers, scaled together; none when the size is not known: the inline
 * `max-width:100%` caps it then).
 */
export function emailHtml(templateHtml: string): string {
  const inlined = juice(templateHtml, {
    removeStyleTags: true,
    preserveMediaQueries: false,
    preserveFontFaces: false,
    preserveImportant: false,
    applyWidthAttributes: false,
    applyHeightAttributes: false,
    applyAttributesTableElements: false,
  });
  const tree = fromHtml(inlined);
  visit(tree, 'element', (node: Element) => {
    delete node.properties['className'];
    if (node.tagName === 'img') capImage(node);
  });
  return toHtml(tree);
}

function capImage(img: Element): void {
  const width = pixels(img.properties['width']);
  const height = pixels(img.properties['height']);
  delete img.properties['width'];
  delete img.properties['height'];
  if (width === undefined) return;
  const shown = Math.min(width, EMAIL_COLUMN_WIDTH);
  img.properties['width'] = shown;
  if (height !== undefined) img.properties['height'] = Math.max(1, Math.round((height * shown) / width));
}

/** A `width`/`height` attribute that is a whole number of pixels; undefined for `auto`, `50%`, … */
function pixels(value: unknown): number | undefined {
  const text = String(value ?? '').trim();
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n > 0 ? n : undefined;
}
