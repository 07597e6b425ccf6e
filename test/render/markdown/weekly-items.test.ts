import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { weeklyItems } from '../../../src/render/markdown/weekly-items.js';

const parse = (markdown: string) => unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;

/** Each top-level block as `type[:depth] text`, and item headings' class and domain. */
function outline(tree: Root): string[] {
  return tree.children.map((node: RootContent) => {
    if (node.type !== 'heading') return `${node.type} ${toString(node)}`;
    const small = node.children.find((c) => c.type === 'emphasis' && c.data?.hName === 'small');
    const classes = (node.data?.hProperties?.['className'] as string[] | undefined)?.join(' ') ?? '';
    return `h${node.depth}${classes ? `.${classes}` : ''} ${toString({ ...node, children: node.children.filter((c) => c !== small) }).trim()}${small ? ` <${toString(small)}>` : ''}`;
  });
}

describe('weeklyItems', () => {
  it('turns the link items of a section into headings with their domain, then their commentary', () => {
    const tree = weeklyItems(
      parse(
        [
          '导语，附一个列表：',
          '- [intro link](https://intro.example.com/) stays a list item',
          '## 技术',
          '- [Go 1.25](https://go.dev/blog/go1.25)\n\n  评论。\n\n  第二段。',
          '- [Temporal](https://www.tc39.es/t) —— 同一行的评论',
          '- [mise](https://mise.jdx.dev/)：冒号后的评论',
          '- [bare](https://bare.example.org/)',
          '- 一条没有链接的想法',
          '- 又一条',
          '### [Own heading](https://blog.example.net/x)',
          '作者自己的 H3。',
          '### 不是链接的小标题',
        ].join('\n\n'),
      ),
    );
    expect(outline(tree)).toEqual([
      'paragraph 导语，附一个列表：',
      'list intro link stays a list item',
      'h2 技术',
      'h3.weekly-item Go 1.25 <go.dev>',
      'paragraph 评论。',
      'paragraph 第二段。',
      'h3.weekly-item Temporal <tc39.es>',
      'paragraph 同一行的评论',
      'h3.weekly-item mise <mise.jdx.dev>',
      'paragraph 冒号后的评论',
      'h3.weekly-item bare <bare.example.org>',
      'list 一条没有链接的想法又一条',
      'h3.weekly-item Own heading <blog.example.net>',
      'paragraph 作者自己的 H3。',
      'h3 不是链接的小标题',
    ]);
    const heading = tree.children[3] as Heading;
    expect(heading.children[0]).toMatchObject({ type: 'link', url: 'https://go.dev/blog/go1.25' });
  });

  it('numbers what is left of an ordered list from where it stopped, and leaves the input tree alone', () => {
    const source = parse('## 阅读\n\n1. 第一条\n2. [link](https://a.example/)\n3. 第三条\n');
    const before = JSON.stringify(source);
    const tree = weeklyItems(source);
    expect(tree.children.map((n) => (n.type === 'list' ? `list@${n.start}` : n.type))).toEqual(['heading', 'list@1', 'heading', 'list@3']);
    expect(JSON.stringify(source)).toBe(before);
  });

  it('leaves a heading that already has its domain as it is (a merged note)', () => {
    const note: Heading = {
      type: 'heading',
      depth: 3,
      data: { hProperties: { id: 'note-x', className: ['weekly-item'] } },
      children: [{ type: 'link', url: 'https://x.example/', children: [{ type: 'text', value: 'x' }] }, { type: 'text', value: ' ' }, { type: 'emphasis', data: { hName: 'small' }, children: [{ type: 'text', value: 'x.example' }] }],
    };
    const tree = weeklyItems({ type: 'root', children: [{ type: 'heading', depth: 2, children: [{ type: 'text', value: 'S' }] }, note] });
    expect(tree.children[1]).toBe(note);
  });
});
