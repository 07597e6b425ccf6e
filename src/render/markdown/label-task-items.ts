import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { eachElement } from './each-element.js';

/**
 * GFM task-list checkboxes get the item's text as `aria-label`: remark-gfm writes a bare
 * `<input type="checkbox" disabled>`, which screen readers announce as an unnamed checkbox (axe:
 * "Form elements must have labels"). Nested lists are not part of the label.
 */
export function labelTaskItems(tree: Root): void {
  eachElement(tree, (item: Element) => {
    if (item.tagName !== 'li' || !hasClass(item, 'task-list-item')) return;
    const checkbox = findCheckbox(item.children);
    if (!checkbox || checkbox.properties['ariaLabel'] !== undefined) return;
    const own = item.children.filter((child) => !(child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol')));
    const label = own.map((child) => toString(child)).join(' ').replace(/\s+/g, ' ').trim();
    if (label !== '') checkbox.properties['ariaLabel'] = label;
  });
}

/** The item's own checkbox: a child, or a child of its first paragraph (a "loose" list). */
function findCheckbox(children: readonly ElementContent[]): Element | undefined {
  for (const child of children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'input' && child.properties['type'] === 'checkbox') return child;
    if (child.tagName === 'p') return findCheckbox(child.children);
  }
  return undefined;
}

function hasClass(node: Element, name: string): boolean {
  const classes = node.properties['className'];
  return Array.isArray(classes) && classes.map(String).includes(name);
}
