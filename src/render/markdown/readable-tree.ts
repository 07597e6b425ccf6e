import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { DIAGRAM_CLASS } from './mermaid-diagrams.js';

/**
 * A copy of a tree for its plain text (a description, a summary): each typeset formula (KaTeX's
 * `.katex`, from quire or rehype-katex) is its TeX source again, instead of the formula's text
 * twice over (once from its MathML, once from its HTML), and diagrams (their source) are left
 * out. The tree itself is not changed.
 */
export function readableTree(tree: Root): Root {
  if (!hasSpecial(tree)) return tree;
  const copy = (nodes: readonly ElementContent[]): ElementContent[] =>
    nodes.flatMap((node): ElementContent[] => {
      if (node.type !== 'element') return [node];
      const classes = classList(node);
      if (classes.includes('katex')) {
        const annotation = findAnnotation(node);
        return [{ type: 'text', value: annotation ? toString(annotation) : '' }];
      }
      if (node.tagName === 'div' && classes.includes(DIAGRAM_CLASS)) return [];
      return [{ ...node, children: copy(node.children) }];
    });
  return { ...tree, children: copy(tree.children as ElementContent[]) as Root['children'] };
}

function hasSpecial(node: Root | Element): boolean {
  return node.children.some((c) => c.type === 'element' && (classList(c).includes('katex') || classList(c).includes(DIAGRAM_CLASS) || hasSpecial(c)));
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
