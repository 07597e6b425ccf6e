import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';

/**
 * Where no stylesheet reaches (feeds, e-mail) a block has no token colours: no one palette reads on
 * both a light reader and a dark one (NetNewsWire's dark stylesheet keeps inline colours), so the
 * code takes the reader's own text colour. Backgrounds are translucent tints that work on either:
 * a neutral one for the block, and one per marked line. Readers that strip `style` still see added
 * and removed lines: they are wrapped in `<ins>` and `<del>`.
 */
export const FEED_CODE_BACKGROUND = 'rgba(128,128,128,0.12)';
export const FEED_LINE_BACKGROUND: Readonly<Record<'highlighted' | 'add' | 'remove', string>> = {
  highlighted: 'rgba(255,200,0,0.22)',
  add: 'rgba(46,160,67,0.22)',
  remove: 'rgba(248,81,73,0.22)',
};

/**
 * The feed and e-mail form of a code block: an optional caption paragraph and one
 * `<pre><code>` whose only styling is a neutral tint and font styles. No classes, CSS variables, gutters
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
    properties: { style: `background-color:${FEED_CODE_BACKGROUND}` },
    // The fence's language as HTML marks it (`language-go`): readers that highlight use it, and the
    // Markdown digest writes it back on the fence. No style depends on it.
    children: [{ type: 'element', tagName: 'code', properties: languageOf(code), children: content.flatMap(strip) }],
  });
  return out;
}

function languageOf(code: Element | undefined): Element['properties'] {
  const language = code ? classList(code).find((c) => /^language-[\w#+.-]+$/.test(c)) : undefined;
  return language ? { className: [language] } : {};
}

/** A token or line as feeds get it: a span only where it keeps a style (a font style, a marked line's tint), else its text alone. */
function strip(node: ElementContent): ElementContent[] {
  if (node.type !== 'element') return [node];
  const classes = classList(node);
  const mark = classes.includes('add') ? 'add' : classes.includes('remove') ? 'remove' : classes.includes('highlighted') ? 'highlighted' : undefined;
  const properties = inlineStyle(node.properties['style'], mark && FEED_LINE_BACKGROUND[mark]);
  const children = node.children.flatMap(strip);
  const kept: ElementContent[] = properties['style'] === undefined ? children : [{ type: 'element', tagName: 'span', properties, children }];
  if (mark === 'add' || mark === 'remove') return [{ type: 'element', tagName: mark === 'add' ? 'ins' : 'del', properties: {}, children: kept }];
  return kept;
}

function classList(node: Element): string[] {
  const value: unknown = node.properties['className'];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

/** Declarations kept from a token's style: font styles only (no colours, CSS variables or `tab-size`). */
const FEED_SAFE_PROPERTY = /^(font-style|font-weight|text-decoration)\s*:/;

/** The font declarations of an inline style, plus a background. */
function inlineStyle(style: unknown, background: string | undefined): Element['properties'] {
  const declarations = typeof style === 'string' ? style.split(';').map((d) => d.trim()).filter((d) => FEED_SAFE_PROPERTY.test(d)) : [];
  if (background) declarations.push(`background-color:${background}`);
  return declarations.length > 0 ? { style: declarations.join(';') } : {};
}
