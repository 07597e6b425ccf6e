import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';

/**
 * A copy of a tree in which each typeset formula (KaTeX's `.katex`, from quire or rehype-katex) is
 * its TeX source again, as plain text: what a summary or a description shows, instead of the
 * formula's text twice over (once from its MathML, once from its HTML). The tree itself is not changed.
 */
export function formulasAsTex(tree: Root): Root {
  if (!hasFormula(tree)) return tree;
  const copy = (nodes: readonly ElementContent[]): ElementContent[] =>
    nodes.map((node) => {
      if (node.type !== 'element') return node;
      if (classList(node).includes('katex')) {
        const annotation = findAnnotation(node);
        return { type: 'text', value: annotation ? toString(annotation) : '' };
      }
      return { ...node, children: copy(node.children) };
    });
  return { ...tree, children: copy(tree.children as ElementContent[]) as Root['children'] };
}

function hasFormula(node: Root | Element): boolean {
  return node.children.some((c) => c.type === 'element' && (classList(c).includes('katex') || hasFormula(c)));
}

function findAnnotation(node: Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'annotation') return child;
    const found = findAnnotation(child);
    if (found) return found;
  }
  return undefined;
}

function classList(node: Element): string[] {
  const value: unknown = node.properties['className'];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}
