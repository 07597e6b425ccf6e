import type { Nodes, Parents, Root } from 'mdast';

/** Returned by a visitor of `eachNode`: do not go into this node's children. */
export const SKIP = 'skip';

export type NodeVisitor = (node: Nodes, index: number, parent: Parents) => typeof SKIP | number | undefined | void;

/**
 * Each node of a Markdown tree below its root, in document order (pre-order), as `visit(tree,
 * visitor)` of unist-util-visit visits them, with the part of its contract quire uses: the visitor
 * may return `SKIP` (the node's children are not visited), or an index of `parent.children` to
 * go on from after it replaced or removed nodes there (the children of the node it was given are
 * visited first, unless it returned `SKIP`). Without unist-util-visit's per-node cost (a closure
 * named with `Object.defineProperty`, an `indexOf` in the parent); see also `eachElement`.
 */
export function eachNode(tree: Root, visitor: NodeVisitor): void {
  walk(tree, visitor);
}

function walk(parent: Parents, visitor: NodeVisitor): void {
  let index = 0;
  // `parent.children` read again each time, as the visitor may replace or splice it.
  while (index < parent.children.length) {
    const child = parent.children[index]!;
    const result = visitor(child, index, parent);
    if (result !== SKIP && 'children' in child) walk(child, visitor);
    index = typeof result === 'number' ? result : index + 1;
  }
}
