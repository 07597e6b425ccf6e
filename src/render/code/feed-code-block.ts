import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';

/** Backgrounds for marked lines where no stylesheet reaches (feeds, e-mail): the light theme's. */
const LINE_BACKGROUND: Readonly<Record<string, string>> = { highlighted: '#fff8c5', add: '#e6ffec', remove: '#ffebe9' };

/**
 * The feed and e-mail form of a code block: an optional caption paragraph and one
 * `<pre><code>` whose only styling is inline light colours. No classes, CSS variables, gutters
 * or buttons that need the site's CSS or JavaScript, so a reader shows the code and the text of
 * the block is the source, byte for byte. Returns undefined for an element that is not a code block.
 */
export function feedCodeBlock(node: Element): ElementContent[] | undefined {
  const isFigure = node.tagName === 'figure' && classList(node).includes('code-block');
  if (!isFigure && node.tagName !== 'pre') return undefined;
  const pre = isFigure ? node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'pre') : node;
  const out: ElementContent[] = [];
  const caption = isFigure ? node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'figcaption') : undefined;
  if (caption) out.push({ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: toString(caption) }] }] });
  if (!pre) return out;
  const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const content = code ? code.children : pre.children;
  out.push({
    type: 'element',
    tagName: 'pre',
    properties: inlineStyle(pre.properties['style'], undefined),
    // The fence's language as HTML marks it (`language-go`): readers that highlight use it, and the
    // Markdown digest writes it back on the fence. No style depends on it.
    children: [{ type: 'element', tagName: 'code', properties: languageOf(code), children: content.map(strip) }],
  });
  return out;
}

function languageOf(code: Element | undefined): Element['properties'] {
  const language = code ? classList(code).find((c) => /^language-[\w#+.-]+$/.test(c)) : undefined;
  return language ? { className: [language] } : {};
}

function strip(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node;
  const classes = classList(node);
  const background = classes.includes('highlighted') ? LINE_BACKGROUND['highlighted'] : classes.includes('add') ? LINE_BACKGROUND['add'] : classes.includes('remove') ? LINE_BACKGROUND['remove'] : undefined;
  return { type: 'element', tagName: 'span', properties: inlineStyle(node.properties['style'], background), children: node.children.map(strip) };
}

function classList(node: Element): string[] {
  const value: unknown = node.properties['className'];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

/** Declarations a feed reader may honour and validators accept: colours and font styles only. */
const FEED_SAFE_PROPERTY = /^(color|background-color|font-style|font-weight|text-decoration)\s*:/;

/** The colour and font declarations of an inline style (no CSS variables, no `tab-size`), plus a background. */
function inlineStyle(style: unknown, background: string | undefined): Element['properties'] {
  const declarations = typeof style === 'string' ? style.split(';').map((d) => d.trim()).filter((d) => FEED_SAFE_PROPERTY.test(d)) : [];
  if (background) declarations.push(`background-color:${background}`);
  return declarations.length > 0 ? { style: declarations.join(';') } : {};
}
