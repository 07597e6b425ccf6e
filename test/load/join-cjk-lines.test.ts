import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { joinCjkLines } from '../../src/load/join-cjk-lines.js';

const parse = (markdown: string) => unified().use(remarkParse).use(remarkGfm).parse(markdown);
const joined = (markdown: string) => toString(joinCjkLines(parse(markdown)));

describe('joinCjkLines', () => {
  it('removes a soft break between two CJK characters, across nodes too', () => {
    expect(joined('汉字\n第二行')).toBe('汉字第二行');
    expect(joined('第一句。\n第二句，\n「第三句」')).toBe('第一句。第二句，「第三句」');
    expect(joined('**粗体**\n第二行')).toBe('粗体第二行');
    expect(joined('第一行\n*第二行*')).toBe('第一行第二行');
    expect(joined('ひらがな\nカタカナ\n한국어')).toBe('ひらがなカタカナ한국어');
    expect(joined('汉字   \n  第二行'.replace('   ', ' '))).toBe('汉字第二行');
  });

  it('keeps the space between CJK and Latin, Latin and Latin, and leaves hard breaks and code alone', () => {
    expect(joined('中文\nLatin\n中文')).toBe('中文\nLatin\n中文');
    expect(joined('one\ntwo')).toBe('one\ntwo');
    const tree = parse('汉字  \n第二行\n`代码`\n中文');
    joinCjkLines(tree);
    expect(tree.children[0]).toMatchObject({ children: [{ value: '汉字' }, { type: 'break' }, { value: '第二行\n' }, { type: 'inlineCode', value: '代码' }, { value: '\n中文' }] });
  });

  it('joins lines within each block only', () => {
    const tree = joinCjkLines(parse('> 引用\n> 第二行\n\n- 列表\n  继续'));
    expect(toString(tree.children[0])).toBe('引用第二行');
    expect(toString(tree.children[1])).toBe('列表继续');
  });
});
