import type { Element, ElementContent, Properties, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Diagnostic } from '../../diagnostics.js';
import { warning } from '../../diagnostics.js';
import { feedCodeBlock } from '../code/feed-code-block.js';
import { DIAGRAM_CLASS } from './mermaid-diagrams.js';
import { eachElement, SKIP } from './each-element.js';

/** What a feed or e-mail says under a diagram's source, by the language of the page. */
const DIAGRAM_NOTE = {
  zh: { label: '图表', link: '在网站上查看' },
  en: { label: 'Diagram', link: 'view it on the site' },
} as const;

export interface FeedBlockContext {
  /** The entry's language: the words of the diagram note. */
  readonly language: string;
  /** The page's absolute URL, which the diagram note links to. */
  readonly pageAbsoluteUrl: string;
  /** Told of content the feed form cannot show as the page does (a plugin's output), with the file it is in. */
  readonly report?: ((diagnostic: Diagnostic) => void) | undefined;
  /** The entry's display path, for those diagnostics. */
  readonly file: string;
}

/**
 * The feed and e-mail form of the blocks that need the site's CSS or JavaScript: code blocks (see
 * `feedCodeBlock`), formulas (KaTeX's output, quire's or rehype-katex's, as bare MathML with
 * the TeX in `alttext` and its annotation) and diagrams (their source as a code block, and a
 * note that links to the page). A code figure a plugin made without a `<pre>` is kept as it is
 * (cleaned like the rest) and reported, rather than dropped. Returns undefined for anything else.
 */
export function feedBlocks(ctx: FeedBlockContext): (node: Element) => ElementContent[] | undefined {
  return (node) => {
    const classes = classList(node);
    if (classes.includes('katex') || classes.includes('katex-display') || (classes.includes('math-display') && node.tagName === 'div')) {
      const math = feedMath(node, !classes.includes('katex'));
      if (math) return [math];
    }
    if (node.tagName === 'div' && classes.includes(DIAGRAM_CLASS)) return feedDiagram(node, ctx);
    if (node.tagName === 'figure' && classes.includes('code-block') && !hasChild(node, 'pre')) {
      ctx.report?.(warning('PluginOutput', 'a code block figure has no <pre> (a plugin made it): feeds and e-mail show its text without the page\'s styling', { file: ctx.file }, 'a plugin that replaces code blocks should keep a `<pre><code>` in its output; or turn the plugin off'));
      return undefined;
    }
    return feedCodeBlock(node);
  };
}

/** Elements that hold content a reader would miss, though feeds and e-mail leave them out. */
const CONTENT_HOLDERS = new Set(['iframe', 'object', 'embed', 'template', 'noscript', 'script']);
/** Script types that run code (the rest hold data: `math/tex`, `text/x-mermaid`, JSON…). */
const CODE_SCRIPT = /^(|module|(text|application)\/(javascript|ecmascript)|text\/babel)$/i;

/**
 * Warn (`PluginOutput`) of each element a plugin made (an element in the page's tree: raw HTML
 * written in the Markdown is still raw there) that holds content and that feeds and e-mail leave
 * out: an embed, or a script that carries data (`<script type="math/tex">`) rather than code.
 */
export function reportDroppedPluginOutput(tree: Root, ctx: FeedBlockContext): void {
  eachElement(tree, (node: Element) => {
    if (!CONTENT_HOLDERS.has(node.tagName)) return;
    if (node.tagName === 'script' && (CODE_SCRIPT.test(String(node.properties['type'] ?? '').trim()) || toString(node).trim() === '')) return SKIP;
    if ((node.tagName === 'template' || node.tagName === 'noscript') && toString(node).trim() === '') return SKIP;
    ctx.report?.(warning('PluginOutput', `a plugin made a <${node.tagName}> that feeds and e-mail leave out, with what it holds`, { file: ctx.file }, 'make the plugin write its content as HTML a reader shows (text, <pre>, <img>, <math>), or turn the plugin off'));
    return SKIP;
  });
}

/** KaTeX's `<math>` (inside `.katex-mathml`) alone, with the TeX as `alttext`; `display` for a block. */
function feedMath(node: Element, display: boolean): Element | undefined {
  const math = find(node, (n) => n.tagName === 'math');
  if (!math) return undefined;
  const annotation = find(math, (n) => n.tagName === 'annotation');
  const tex = annotation ? toString(annotation) : undefined;
  const properties: Properties = { ...safe(math.properties) };
  if (display) properties['display'] = 'block';
  if (tex !== undefined) properties['alttext'] = tex;
  return { type: 'element', tagName: 'math', properties, children: math.children.map(clean) };
}

function feedDiagram(node: Element, ctx: FeedBlockContext): ElementContent[] {
  const source = toString(node).replace(/\n$/, '');
  const words = /^zh\b/i.test(ctx.language) ? DIAGRAM_NOTE.zh : DIAGRAM_NOTE.en;
  const separator = words === DIAGRAM_NOTE.zh ? '：' : ': ';
  return [
    { type: 'element', tagName: 'pre', properties: {}, children: [{ type: 'element', tagName: 'code', properties: { className: ['language-mermaid'] }, children: [{ type: 'text', value: source }] }] },
    {
      type: 'element',
      tagName: 'p',
      properties: {},
      children: [{ type: 'element', tagName: 'em', properties: {}, children: [{ type: 'text', value: `${words.label}${separator}` }, { type: 'element', tagName: 'a', properties: { href: ctx.pageAbsoluteUrl }, children: [{ type: 'text', value: words.link }] }] }],
    },
  ];
}

/** MathML as KaTeX writes it, without anything a reader could follow or run (`href`, event handlers, styles). */
function clean(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node;
  return { ...node, properties: safe(node.properties), children: node.children.map(clean) };
}

function safe(properties: Properties): Properties {
  return Object.fromEntries(Object.entries(properties).filter(([name]) => !/^(on|href$|src$|style$|class)/i.test(name)));
}

function find(node: Element, test: (n: Element) => boolean): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (test(child)) return child;
    const found = find(child, test);
    if (found) return found;
  }
  return undefined;
}

function hasChild(node: Element, tagName: string): boolean {
  return node.children.some((c) => c.type === 'element' && c.tagName === tagName);
}

function classList(node: Element): string[] {
  const value: unknown = node.properties['className'];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}
