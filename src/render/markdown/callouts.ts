import type { Blockquote, Paragraph, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { eachNode } from '../../load/each-node.js';
import { uiStrings, type UiStrings } from '../ui-strings.js';

export const CALLOUT_KINDS = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

/** GitHub's alert marker, alone on the first line of a block quote (any case, as GitHub reads it). */
export const CALLOUT_MARKER = /^\[!(note|tip|important|warning|caution)\][ \t]*(?:\n[ \t]*|$)/i;

const TITLE_KEY: Record<CalloutKind, keyof UiStrings> = {
  note: 'calloutNote',
  tip: 'calloutTip',
  important: 'calloutImportant',
  warning: 'calloutWarning',
  caution: 'calloutCaution',
};

/** The callout a block quote is (`> [!NOTE]` on its first line), or undefined. */
export function calloutKind(node: Blockquote): CalloutKind | undefined {
  const first = node.children[0];
  const text = first?.type === 'paragraph' ? first.children[0] : undefined;
  const match = text?.type === 'text' ? CALLOUT_MARKER.exec(text.value) : null;
  return match ? (match[1]!.toLowerCase() as CalloutKind) : undefined;
}

/**
 * remark plugin: a GitHub alert (`> [!NOTE]`, TIP, IMPORTANT, WARNING, CAUTION) becomes a
 * `<blockquote class="callout callout-note" data-callout="note">` whose first paragraph is its
 * title in bold, in the page's language (`注意`, `Note`): what any feed reader or mail client
 * shows as it is. The page adds an icon (see `decoratePage`); the Markdown digest writes the
 * marker back (see export-digest.ts).
 */
export function remarkCallouts() {
  return (tree: Root, file: VFile) => {
    const t = uiStrings(file.data.quire?.language ?? 'en');
    eachNode(tree, (node) => {
      if (node.type !== 'blockquote') return;
      const kind = calloutKind(node);
      if (!kind) return;
      const first = node.children[0] as Paragraph;
      const text = first.children[0] as Text;
      text.value = text.value.replace(CALLOUT_MARKER, '');
      if (text.value === '') first.children.shift();
      if (first.children[0]?.type === 'break') first.children.shift();
      if (first.children.length === 0) node.children.shift();
      const title: Paragraph = { type: 'paragraph', data: { hProperties: { className: ['callout-title'] } }, children: [{ type: 'strong', children: [{ type: 'text', value: t[TITLE_KEY[kind]] }] }] };
      node.children.unshift(title);
      node.data = { ...node.data, hProperties: { className: ['callout', `callout-${kind}`], dataCallout: kind } };
    });
  };
}
