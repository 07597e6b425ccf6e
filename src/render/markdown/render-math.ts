import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { diagnostic } from '../../diagnostics.js';
import { sourcePlace } from '../../collect/weekly/note-origins.js';
import { eachElement } from './each-element.js';

type Katex = typeof import('katex').default;
type FromHtml = typeof import('hast-util-from-html').fromHtml;

/** A `$…$` or `$$…$$` of the page as remark-math hands it to HTML: `code.math-inline`, `pre > code.math-display`. */
interface MathNode {
  readonly node: Element;
  readonly index: number;
  readonly parent: Root | Element;
  readonly tex: string;
  readonly display: boolean;
}

/**
 * Rehype plugin: every formula (remark-math's `code.math-inline` and `pre > code.math-display`)
 * rendered by KaTeX at build time, as HTML for the page's eyes and MathML with the TeX as its
 * annotation (see `feedMath` for feeds). A formula KaTeX cannot parse is a `MathError` at its
 * place and is left as its TeX source in a code element. KaTeX and the HTML parser are loaded
 * with the first page that has a formula.
 */
export function renderMath() {
  return async (tree: Root, file: VFile) => {
    const found = mathNodes(tree);
    if (found.length === 0) return;
    const [katex, fromHtml] = await Promise.all([import('katex').then((m) => m.default), import('hast-util-from-html').then((m) => m.fromHtml)]);
    for (const math of found) {
      math.parent.children[math.index] = renderOne(math, katex, fromHtml, file);
    }
  };
}

function mathNodes(tree: Root): MathNode[] {
  const found: MathNode[] = [];
  eachElement(tree, (node: Element, index, parent) => {
    if (index === undefined || !parent) return;
    if (node.tagName === 'code' && classList(node).includes('math-inline')) {
      found.push({ node, index, parent, tex: toString(node), display: false });
      return;
    }
    const code = node.tagName === 'pre' && node.children.length === 1 ? node.children[0] : undefined;
    if (code?.type === 'element' && code.tagName === 'code' && classList(code).includes('math-display')) {
      found.push({ node, index, parent, tex: toString(code).replace(/\n$/, ''), display: true });
    }
  });
  return found;
}

function renderOne({ node, tex, display }: MathNode, katex: Katex, fromHtml: FromHtml, file: VFile): Element {
  try {
    // A command KaTeX does not trust (\href, \includegraphics, \htmlClass…) would be drawn as red text: an error instead.
    const untrusted: string[] = [];
    const trust = (context: { command: string }): boolean => {
      untrusted.push(context.command);
      return false;
    };
    const html = katex.renderToString(tex, { displayMode: display, output: 'htmlAndMathml', throwOnError: true, strict: 'ignore', trust });
    if (untrusted.length > 0) throw Object.assign(new Error(`${[...new Set(untrusted)].join(', ')} is not allowed in a formula (it could link or load from anywhere)`), { rawMessage: undefined, position: undefined });
    const children = fromHtml(html, { fragment: true }).children as ElementContent[];
    visit({ type: 'root', children } as Root, (n) => void delete (n as { position?: unknown }).position);
    const span = children.find((c): c is Element => c.type === 'element') ?? { type: 'element', tagName: 'span', properties: {}, children };
    const out: Element = display ? { type: 'element', tagName: 'div', properties: { className: ['math', 'math-display'] }, children: [span] } : span;
    out.position = node.position;
    return out;
  } catch (error) {
    const data = file.data.quire;
    const e = error as { name?: string; rawMessage?: string; message?: string; position?: number };
    if (data) {
      const place = sourcePlace(data.entry, node.position);
      // An inline formula on one line: point at the character KaTeX stopped at (after the opening `$`).
      const column = !display && place.column !== undefined && e.position !== undefined && node.position?.start.line === node.position?.end.line ? place.column + 1 + e.position : place.column;
      data.diagnostics.push(
        diagnostic('MathError', `cannot typeset ${display ? 'the display formula' : 'the formula'} $${tex.length > 60 ? `${tex.slice(0, 60)}…` : tex}$: ${e.rawMessage ?? e.message ?? String(error)}`, { ...place, column }, 'fix the TeX (KaTeX supports: https://katex.org/docs/supported.html); to write a dollar sign, escape it as \\$; to turn math off, set `markdown.math: false`'),
      );
    }
    const code: Element = { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: tex }] };
    const out: Element = display ? { type: 'element', tagName: 'pre', properties: {}, children: [code] } : code;
    out.position = node.position;
    return out;
  }
}

function classList(node: Element): string[] {
  const value: unknown = node.properties['className'];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}
