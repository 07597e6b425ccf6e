import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';

/**
 * The feed and e-mail form of a code block: one `<pre><code>` whose only styling is inline light
 * colours. No classes, CSS variables, captions, gutters or buttons that need the site's CSS or
 * JavaScript, so a reader shows the code and its text is the source, byte for byte.
 */
export function feedCodeBlock(block: Element): Element {
  const pre = findPre(block);
  if (!pre) return { type: 'element', tagName: 'pre', properties: {}, children: [{ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: toString(block) }] }] };
  const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const content = code ? code.children : pre.children;
  return {
    type: 'element',
    tagName: 'pre',
    properties: inlineStyleOnly(pre.properties['style']),
    children: [{ type: 'element', tagName: 'code', properties: {}, children: content.map(strip) }],
  };
}

function findPre(node: Element): Element | undefined {
  if (node.tagName === 'pre') return node;
  for (const child of node.children) {
    if (child.type === 'element') {
      const found = findPre(child);
      if (found) return found;
    }
  }
  return undefined;
}

function strip(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node;
  return { type: 'element', tagName: 'span', properties: inlineStyleOnly(node.properties['style']), children: node.children.map(strip) };
}

/** Keep plain declarations of an inline style, drop custom properties (`--shiki-dark: …`). */
function inlineStyleOnly(style: unknown): Element['properties'] {
  if (typeof style !== 'string') return {};
  const kept = style
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !d.startsWith('--'))
    .join(';');
  return kept ? { style: kept } : {};
}
