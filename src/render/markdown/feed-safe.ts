import type { Element, ElementContent, Nodes, Properties, Root, RootContent } from 'hast';
import { unsafeUrlProperties } from '../../load/url-attributes.js';

const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite'] as const;
/** Elements that run script or a plugin, take input, or change where the page's URLs lead. */
const DROPPED = new Set(['script', 'style', 'button', 'noscript', 'template', 'iframe', 'form', 'input', 'object', 'embed', 'applet', 'frame', 'frameset', 'base', 'meta', 'link']);
/** The only `style` kept: a table column's alignment, as quire writes it from GFM. */
const TABLE_ALIGNMENT = /^text-align:(?:left|right|center)$/;
const RULE: Element = { type: 'element', tagName: 'hr', properties: {}, children: [] };

/**
 * A copy of a page's tree for feeds and e-mail, where nothing can be resolved against the
 * site: every URL absolute (`#fn-1` → `https://…/posts/x/#fn-1`, `/img.png` →
 * `https://…/img.png`), no scripts, buttons or styles, no event-handler attribute (`onerror`), no
 * URL with an unsafe scheme (see `unsafeScheme`), no `style` attribute but a table column's
 * alignment and no `hidden` (nothing hidden from the reader), a `<picture>` reduced to its `<img src>`, code blocks reduced to one
 * `<pre><code>` with inline colours (see `feedCodeBlock`). Raw HTML written in the Markdown is
 * parsed first (hast-util-raw, the HTML parsing algorithm over the whole tree, so an `<a>` opened
 * in one raw node and closed in another is one element): its URLs are made absolute like the rest.
 * The parser is loaded with the first tree that has raw HTML: parse5 weighs ≈10 MiB a thread.
 */
export async function feedSafeTree(page: Root, pageAbsoluteUrl: string, codeBlock: (node: Element) => ElementContent[] | undefined): Promise<Root> {
  const tree = hasRawHtml(page) ? ((await import('hast-util-raw')).raw(page) as Root) : page;
  const clean = (nodes: readonly RootContent[]): RootContent[] =>
    nodes.flatMap((node): RootContent[] => {
      // Comments (`<!-- more -->`) mean nothing to a reader, and some parsers drop them anyway. A
      // raw node left here is one (other raw HTML was parsed above, scripts into elements).
      if (node.type === 'comment' || (node.type === 'raw' && isComment(node.value))) return [];
      if (node.type !== 'element') return [node];
      if (DROPPED.has(node.tagName)) {
        // A task-list checkbox carries meaning: keep it as a character.
        if (node.tagName === 'input' && node.properties['type'] === 'checkbox') return [{ type: 'text', value: node.properties['checked'] ? '☑' : '☐' }];
        return [];
      }
      // Readers and mail clients show one image: the `<img>` of a `<picture>`, its `src` alone, without the link to the full size (see `responsiveImage`).
      if (node.tagName === 'a' && Array.isArray(node.properties['className']) && node.properties['className'].includes('image-full')) return clean(node.children);
      if (node.tagName === 'picture') {
        const images = node.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'img');
        return clean(images.map(({ properties: { srcSet: _srcSet, sizes: _sizes, ...properties }, ...img }) => ({ ...img, properties })));
      }
      // The footnotes' heading is hidden on the page by a class readers strip: a rule instead.
      if (node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) node = { ...node, children: node.children.map((c) => (c.type === 'element' && /^h[1-6]$/.test(c.tagName) ? RULE : c)) };
      const replaced = codeBlock(node);
      if (replaced) return replaced as RootContent[];
      const properties = safeProperties(node);
      for (const attribute of URL_ATTRIBUTES) {
        const value = properties[attribute];
        if (typeof value === 'string' && value !== '') properties[attribute] = absolute(value, pageAbsoluteUrl);
      }
      const srcSet: unknown = properties['srcSet'];
      if (typeof srcSet === 'string' || Array.isArray(srcSet)) properties['srcSet'] = absoluteSrcset(Array.isArray(srcSet) ? srcSet.join(', ') : srcSet, pageAbsoluteUrl);
      return [{ ...node, properties, children: clean(node.children) as Element['children'] }];
    });
  return { type: 'root', children: clean(tree.children) };
}

/** An element's attributes without event handlers, unsafe URLs, styles (table alignment aside) or `hidden`. */
function safeProperties(node: Element): Properties {
  const properties: Properties = {};
  const unsafe = new Set(unsafeUrlProperties(node).map((found) => found.property));
  for (const [name, value] of Object.entries(node.properties)) {
    if (/^on/i.test(name) || unsafe.has(name) || name === 'hidden' || name === 'srcDoc') continue;
    if (name === 'style' && !((node.tagName === 'td' || node.tagName === 'th') && typeof value === 'string' && TABLE_ALIGNMENT.test(value))) continue;
    properties[name] = value;
  }
  return properties;
}

/** Raw HTML other than comments (`<!-- more -->` is in most posts, and is dropped as it is). */
function hasRawHtml(node: Nodes): boolean {
  if (node.type === 'raw') return !isComment(node.value);
  return 'children' in node && node.children.some(hasRawHtml);
}

function isComment(html: string): boolean {
  return /^\s*<!--[\s\S]*-->\s*$/.test(html);
}

function absolute(value: string, base: string): string {
  if (/^(mailto|tel|data):/i.test(value)) return value;
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

function absoluteSrcset(value: string, base: string): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url, ...descriptor] = candidate.trim().split(/\s+/);
      return [absolute(url ?? '', base), ...descriptor].join(' ');
    })
    .join(', ');
}
