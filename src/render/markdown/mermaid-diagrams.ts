import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { eachElement } from './each-element.js';

/** The class of the element that holds a diagram's source on the page (what assets/diagrams.js looks for). */
export const DIAGRAM_CLASS = 'diagram';

/**
 * Rehype plugin: a ```` ```mermaid ```` fence becomes `<div class="diagram"><pre class="mermaid">`
 * with its source, which the page's script (assets/diagrams.js with Mermaid, linked only on pages
 * that have one) draws in the browser; without JavaScript the source stays readable. Runs before
 * the code blocks are highlighted, so the fence is not highlighted as code.
 */
export function mermaidDiagrams() {
  return (tree: Root) => {
    eachElement(tree, (node: Element, index, parent) => {
      if (node.tagName !== 'pre' || index === undefined || !parent) return;
      const code = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      const classes: unknown = code?.properties['className'];
      if (!code || !Array.isArray(classes) || !classes.includes('language-mermaid')) return;
      const source = toString(code).replace(/\n$/, '');
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: [DIAGRAM_CLASS] },
        children: [{ type: 'element', tagName: 'pre', properties: { className: ['mermaid'] }, children: [{ type: 'text', value: source }] }],
        position: node.position,
      };
    });
  };
}
