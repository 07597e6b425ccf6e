import type { Nodes, Paragraph, PhrasingContent, Root, Text } from 'mdast';
import { CALLOUT_MARKER, calloutKind } from './markdown/callouts.js';

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
    else if (node.type === 'image') parts.push(` ${node.alt ?? ''} ${node.title ?? ''} `);
    else if (node.type === 'imageReference') parts.push(` ${node.alt ?? ''} `);
    // A callout's `[!NOTE]` marker is syntax, not prose.
    if (node.type === 'blockquote' && calloutKind(node)) {
      const [first, ...rest] = node.children;
      const paragraph = first as Paragraph;
      const [text, ...inline] = paragraph.children as [Text, ...PhrasingContent[]];
      walk({ ...node, children: [{ ...paragraph, children: [{ ...text, value: text.value.replace(CALLOUT_MARKER, '') }, ...inline] }, ...rest] });
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child);
    if (BLOCKS.has(node.type)) parts.push('\n');
  };
  walk(tree);
  return parts.join('');
}
