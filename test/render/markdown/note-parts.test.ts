import type { Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { fromHtml } from 'hast-util-from-html';
import type { Root as MdastRoot } from 'mdast';
import { describe, expect, it } from 'vitest';
import { noteHeadingIds, noteParts } from '../../../src/render/markdown/note-parts.js';

const fragment = (html: string) => fromHtml(html, { fragment: true }) as HastRoot;

describe('noteHeadingIds', () => {
  it('finds the h3 headings that carry their id in the Markdown tree (merged notes), not the others', () => {
    const tree: MdastRoot = {
      type: 'root',
      children: [
        { type: 'heading', depth: 2, children: [{ type: 'text', value: '工具' }] },
        { type: 'heading', depth: 3, data: { hProperties: { id: 'note-fzf', className: ['weekly-item'] } }, children: [{ type: 'text', value: 'fzf' }] },
        { type: 'heading', depth: 3, data: { hProperties: { className: ['weekly-item'] } }, children: [{ type: 'text', value: 'mise' }] },
        { type: 'heading', depth: 2, data: { hProperties: { id: 'other' } }, children: [{ type: 'text', value: '阅读' }] },
      ],
    };
    expect([...noteHeadingIds(tree)]).toEqual(['note-fzf']);
  });
});

describe('noteParts', () => {
  const issue = fragment(
    [
      '<p>导语</p>',
      '<h2 id="工具">工具</h2>',
      '<h3 id="note-a" class="weekly-item"><a href="https://a.example/">A</a></h3>',
      '<p id="para">A 的评论<sup><a href="#user-content-fn-1" id="user-content-fnref-1" aria-describedby="footnote-label">1</a></sup>。</p>',
      '<ul><li>一点</li></ul>',
      '<h3 id="mise" class="weekly-item"><a href="https://mise.jdx.dev/">mise</a></h3>',
      '<p>作者自己的条目。</p>',
      '<h3 id="note-b" class="weekly-item">B</h3>',
      '<p>B 的评论。</p>',
      '<section data-footnotes class="footnotes"><h2 id="footnote-label">脚注</h2><ol><li id="user-content-fn-1">脚注。</li></ol></section>',
    ].join('\n'),
  );

  it('takes each note’s blocks up to the next heading or the footnotes, ids off and in-page links leading to the issue', () => {
    const parts = noteParts(issue, new Set(['note-a', 'note-b']), '/blog/weekly/3/');
    expect([...parts.keys()]).toEqual(['note-a', 'note-b']);
    expect(toHtml(parts.get('note-a')!)).toBe('<p>A 的评论<sup><a href="/blog/weekly/3/#user-content-fn-1">1</a></sup>。</p>\n<ul><li>一点</li></ul>');
    expect(toHtml(parts.get('note-b')!)).toBe('<p>B 的评论。</p>');
  });

  it('leaves the issue tree as it was', () => {
    const before = toHtml(issue);
    noteParts(issue, new Set(['note-a']), '/w/');
    expect(toHtml(issue)).toBe(before);
  });
});
