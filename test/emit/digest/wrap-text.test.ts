import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { wrapText } from '../../../src/emit/digest/wrap-text.js';

const at = (width: number) => ({ width, ambiguousIsWide: false });

describe('wrapText', () => {
  it('breaks Chinese between two Han characters, counting each as two columns', () => {
    const text = '跨时区团队写的前端代码里，日期处理永远是高发区。光是这一点就能避免一大半问题，文档写得很清楚，值得通读。';
    const lines = wrapText([{ text }], at(20));
    expect(lines.join('')).toBe(text);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(20);
    // ten Han characters fill 20 columns: a line is full, not cut at 20 UTF-16 units
    expect(lines[0]).toBe('跨时区团队写的前端代');
    // no line starts with a closing punctuation mark (UAX #14)
    for (const line of lines) expect(line).not.toMatch(/^[，。、：]/);
  });

  it('breaks English between words and keeps emoji sequences whole', () => {
    const lines = wrapText([{ text: 'family 👨‍👩‍👧 thumbs 👍🏽 flag 🇨🇳 and some more words after them' }], at(12));
    expect(lines).toEqual(['family 👨‍👩‍👧', 'thumbs 👍🏽', 'flag 🇨🇳 and', 'some more', 'words after', 'them']);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(12);
  });

  it('does not break inside a kept run that fits, and keeps a reference with its word', () => {
    const runs = [{ text: '要用 ' }, { text: '`git branch | fzf`', keep: 'fit' as const }, { text: ' 切换 Go' }, { text: ' [12]', keep: 'always' as const }, { text: ' 好' }];
    expect(wrapText(runs, at(20))).toEqual(['要用', '`git branch | fzf`', '切换 Go [12] 好']);
    // where the line is full just before the reference, the word goes down with it
    expect(wrapText([{ text: 'aaaa bbbb cccc Go' }, { text: ' [12]', keep: 'always' }], at(17))).toEqual(['aaaa bbbb cccc', 'Go [12]']);
    // the same text without the kept run breaks before "[12]"
    expect(wrapText([{ text: 'aaaa bbbb cccc Go [12]' }], at(17))).toEqual(['aaaa bbbb cccc Go', '[12]']);
  });

  it('breaks a kept run that is wider than the line, and leaves an unbreakable word whole', () => {
    const code = '`a b c d e f g h i j k l m n o p q r s t u v w x y z`';
    expect(wrapText([{ text: code, keep: 'fit' }], at(20)).length).toBeGreaterThan(1);
    const url = 'https://example.org/a/very/long/path/that/is/longer/than/the/line';
    expect(wrapText([{ text: 'see ' }, { text: url, keep: 'always' }], at(20))).toEqual(['see', url]);
  });

  it('takes a line feed as a hard break, and gives one empty line for empty text', () => {
    expect(wrapText([{ text: 'one\ntwo three' }], at(72))).toEqual(['one', 'two three']);
    expect(wrapText([], at(72))).toEqual(['']);
  });

  it('counts East Asian ambiguous characters as two columns when told to', () => {
    const text = '“引号”——破折号……'.repeat(4);
    for (const line of wrapText([{ text }], { width: 20, ambiguousIsWide: true })) expect(stringWidth(line, { ambiguousIsNarrow: false })).toBeLessThanOrEqual(20);
  });
});
