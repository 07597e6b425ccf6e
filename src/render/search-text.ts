import type { Nodes, Root } from 'mdast';

/** Nodes whose text is not prose a reader would search for: code blocks, raw HTML, front matter, link definitions. */
const SKIPPED = new Set(['code', 'html', 'yaml', 'toml', 'definition']);
/** Nodes that end a block of text: a newline keeps words of two paragraphs apart. */
const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'tableCell', 'blockquote', 'footnoteDefinition', 'thematicBreak', 'break']);

/** The searchable text of an entry's Markdown tree: prose, inline code, link text and image alt. */
export function searchText(tree: Root): string {
  const parts: string[] = [];
  const walk = (node: Nodes) => {
    if (SKIPPED.has(node.type)) return;
    if (node.type === 'text' || node.type === 'inlineCode') parts.push(node.value);
    else if (node.type === 'image' || node.type === 'imageReference') parts.push(` ${node.alt ?? ''} `);
    if ('children' in node) for (const child of node.children) walk(child);
    if (BLOCKS.has(node.type)) parts.push('\n');
  };
  walk(tree);
  return parts.join('');
}
