import type { Element, Root } from 'hast';

/** Returned by a visitor of `eachElement`: do not go into this element's children. */
export const SKIP = 'skip';

export type ElementVisitor = (node: Element, index: number, parent: Root | Element) => typeof SKIP | number | undefined | void;

/**
 * Each element of a hast tree in document order (pre-order; the root is not an element), as
 * `visit(tree, 'element', visitor)` of unist-util-visit visits them, with the part of its contract
 * quire's plugins use: the visitor
 * may return `SKIP` (its children are not visited), or an index of `parent.children` to go on from
 * after it replaced or removed nodes there (the children of the element it was given are visited
 * first, unless it returned `SKIP`). Without unist-util-visit's per-node cost — a closure with a
 * name set by `Object.defineProperty`, and an `indexOf` in the parent — which was ≈2 s of the
 * ≈22 s of CPU time of a cold build of 1000 posts, spread over a dozen walks of every page.
 */
export function eachElement(tree: Root, visitor: ElementVisitor): void {
  walk(tree, visitor);
}

function walk(parent: Root | Element, visitor: ElementVisitor): void {
  let index = 0;
  // `parent.children` read again each time, as the visitor may replace or splice it.
  while (index < parent.children.length) {
    const child = parent.children[index]!;
    if (child.type !== 'element') {
      index++;
      continue;
    }
    const result = visitor(child, index, parent);
    if (result !== SKIP) walk(child, visitor);
    index = typeof result === 'number' ? result : index + 1;
  }
}
