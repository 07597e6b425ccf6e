import type { Parent, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** CommonMark's punctuation: Unicode P and S. */
const PUNCTUATION = /[\p{P}\p{S}]/u;
const LEADING = /^[\p{P}\p{S}]+/u;
const TRAILING = /[\p{P}\p{S}]+$/u;
const ATTENTION = new Set(['strong', 'emphasis', 'delete']);

/**
 * Move punctuation at the edge of bold, italic and struck-through text out of it where standard
 * Markdown would not see the markers: `**好用，**推荐` is not bold to CommonMark or GitHub (a
 * closing `**` after punctuation must be followed by a space or punctuation), so it is written
 * `**好用**，推荐`; likewise `推荐**「好用」**的` becomes `推荐「**好用**」的`. Quire reads both; the
 * tools a digest is pasted into (Buttondown, GitHub, most editors) read only the second. Only
 * where the marker would fail is anything moved; a run that is all punctuation stays, and
 * mdast-util-to-markdown encodes its neighbour instead.
 */
export function attentionOutsidePunctuation(tree: Root): void {
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const parent = node as Parent;
    for (let i = 0; i < parent.children.length; i += 1) {
      const child = parent.children[i]!;
      if (!ATTENTION.has(child.type)) continue;
      const inner = (child as Parent).children as PhrasingContent[];
      const after = firstChar(parent.children[i + 1]);
      const last = inner.at(-1);
      if (after !== undefined && !isSpaceOrPunctuation(after) && last?.type === 'text' && TRAILING.test(last.value)) {
        const moved = TRAILING.exec(last.value)![0];
        if (moved.length < last.value.length || inner.length > 1) {
          last.value = last.value.slice(0, -moved.length);
          if (last.value === '') inner.pop();
          parent.children.splice(i + 1, 0, { type: 'text', value: moved });
        }
      }
      const before = lastChar(parent.children[i - 1]);
      const first = inner[0];
      if (before !== undefined && !isSpaceOrPunctuation(before) && first?.type === 'text' && LEADING.test(first.value)) {
        const moved = LEADING.exec(first.value)![0];
        if (moved.length < first.value.length || inner.length > 1) {
          first.value = first.value.slice(moved.length);
          if (first.value === '') inner.shift();
          parent.children.splice(i, 0, { type: 'text', value: moved });
          i += 1;
        }
      }
    }
  });
}

function isSpaceOrPunctuation(char: string): boolean {
  return /\s/u.test(char) || PUNCTUATION.test(char);
}

/** The first character a node writes, when it is text; another node starts with a marker (punctuation). */
function firstChar(node: unknown): string | undefined {
  if (node === undefined) return undefined;
  const n = node as { type: string; value?: string };
  return n.type === 'text' ? [...(n.value ?? '')][0] : '*';
}

function lastChar(node: unknown): string | undefined {
  if (node === undefined) return undefined;
  const n = node as { type: string; value?: string };
  return n.type === 'text' ? [...(n.value ?? '')].at(-1) : '*';
}
