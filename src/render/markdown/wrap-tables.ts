import type { Element, Root } from 'hast';
import { eachElement, SKIP } from './each-element.js';

/**
 * Each table in `<div class="table-scroll" tabindex="0">`: a wide table scrolls sideways inside
 * its own box on a phone instead of widening the page, and the box can be scrolled with the
 * keyboard (it takes focus). The table keeps its table semantics (no `display: block` on it).
 */
export function wrapTables(tree: Root): Root {
  eachElement(tree, (node: Element, index, parent) => {
    if (node.tagName !== 'table' || !parent || index === undefined) return;
    if (parent.type === 'element' && hasClass(parent, 'table-scroll')) return SKIP;
    parent.children[index] = { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], tabIndex: 0 }, children: [node], position: node.position };
    return SKIP;
  });
  return tree;
}

function hasClass(node: Element, name: string): boolean {
  const classes = node.properties['className'];
  return Array.isArray(classes) && classes.map(String).includes(name);
}
