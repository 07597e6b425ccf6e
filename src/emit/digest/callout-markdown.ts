import type { Element } from 'hast';
import { defaultHandlers, type Handle } from 'hast-util-to-mdast';
import type { Blockquote, Paragraph } from 'mdast';

/**
 * hast-util-to-mdast handler for the Markdown digest: a callout of the feed HTML
 * (`<blockquote data-callout="note">` with its title paragraph) is written back as GitHub's alert,
 * `> [!NOTE]` on the first line of its text, the marker raw (not escaped to `\[!NOTE]`).
 */
export const calloutBlockquote: Handle = (state, node: Element) => {
  const kind = node.properties['dataCallout'];
  if (typeof kind !== 'string' || !/^[a-z]+$/.test(kind)) return defaultHandlers.blockquote(state, node);
  const title = node.children.find((c) => c.type === 'element');
  const quote = defaultHandlers.blockquote(state, { ...node, children: node.children.filter((c) => c !== title) }) as Blockquote;
  const marker = { type: 'html' as const, value: `[!${kind.toUpperCase()}]` };
  const first = quote.children[0];
  if (first?.type === 'paragraph') first.children.unshift(marker, { type: 'text', value: '\n' });
  else quote.children.unshift({ type: 'paragraph', children: [marker] } satisfies Paragraph);
  return quote;
};
