import type { Root as MdastRoot } from 'mdast';

/**
 * Node types whose position nothing reads: diagnostics point at code blocks, links, images and
 * headings (and raw HTML), never at plain text or the blocks around it. Their positions are most
 * of a parsed tree's objects (each is an object and two points), held from loading to rendering.
 */
const UNPLACED = new Set(['text', 'paragraph', 'emphasis', 'strong', 'delete', 'inlineCode', 'list', 'listItem', 'table', 'tableRow', 'tableCell', 'blockquote', 'break', 'thematicBreak']);

/** Drop the positions no diagnostic uses from a parsed tree, in place (it is the caller's own). */
export function compactTree(tree: MdastRoot): MdastRoot {
  const walk = (node: { type: string; position?: unknown; children?: unknown[] }) => {
    if (UNPLACED.has(node.type)) delete node.position;
    if (node.children) for (const child of node.children) walk(child as typeof node);
  };
  walk(tree);
  return tree;
}
