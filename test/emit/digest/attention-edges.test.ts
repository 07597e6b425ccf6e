import type { Root } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { attentionOutsidePunctuation } from '../../../src/emit/digest/attention-edges.js';

/** Write `tree` as the digest does, then read it back with plain GFM (no CJK-friendly rules). */
function roundTrip(tree: Root): { markdown: string; marked: string[] } {
  attentionOutsidePunctuation(tree);
  const markdown = toMarkdown(tree, { extensions: [gfmToMarkdown()] });
  const marked: string[] = [];
  visit(unified().use(remarkParse).use(remarkGfm).parse(markdown), ['strong', 'emphasis', 'delete'], (node) => void marked.push(`${node.type}:${toString(node)}`));
  return { markdown, marked };
}

const paragraph = (...children: Root['children'][number][]): Root => ({ type: 'root', children: [{ type: 'paragraph', children: children as never }] });

describe('attentionOutsidePunctuation', () => {
  it('moves a closing comma and opening and closing quotes out, so plain GFM sees the markers', () => {
    const result = roundTrip(
      paragraph(
        { type: 'text', value: '这个' },
        { type: 'strong', children: [{ type: 'text', value: '好用，' }] },
        { type: 'text', value: '推荐' },
        { type: 'emphasis', children: [{ type: 'text', value: '「好用」' }] },
        { type: 'text', value: '的' },
      ),
    );
    expect(result.markdown).toBe('这个**好用**，推荐「*好用*」的\n');
    expect(result.marked).toEqual(['strong:好用', 'emphasis:好用']);
  });

  it('leaves punctuation in place where the markers already work: before a space, before punctuation, at the end', () => {
    const result = roundTrip(
      paragraph(
        { type: 'strong', children: [{ type: 'text', value: 'Yes!' }] },
        { type: 'text', value: ' then ' },
        { type: 'strong', children: [{ type: 'text', value: '好用，' }] },
        { type: 'text', value: '。' },
        { type: 'delete', children: [{ type: 'text', value: '删掉。' }] },
      ),
    );
    expect(result.markdown).toBe('**Yes!** then **好用，**。~~删掉。~~\n');
    expect(result.marked).toEqual(['strong:Yes!', 'strong:好用，', 'delete:删掉。']);
  });

  it('keeps a run that is all punctuation bold (its neighbour is written as a character reference)', () => {
    const result = roundTrip(paragraph({ type: 'text', value: '好' }, { type: 'strong', children: [{ type: 'text', value: '！' }] }, { type: 'text', value: '好' }));
    expect(result.marked).toEqual(['strong:！']);
  });
});
