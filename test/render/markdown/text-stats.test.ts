import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { CJK_CHAR, countText, textStats } from '../../../src/render/markdown/text-stats.js';

const html = (source: string) => fromHtml(source, { fragment: true });

describe('countText', () => {
  it('counts CJK characters and Latin words separately', () => {
    expect(countText('你好世界 hello world')).toEqual({ cjk: 4, words: 2 });
  });

  it('does not count a CJK run as a word, nor punctuation as anything', () => {
    expect(countText('Go语言，很快！')).toEqual({ cjk: 4, words: 1 });
    expect(countText('— … !?')).toEqual({ cjk: 0, words: 0 });
    expect(countText('')).toEqual({ cjk: 0, words: 0 });
  });

  it('keeps contractions, hyphenated words and numbers as one word', () => {
    expect(countText("don't stop-me 3.14 e.g.")).toEqual({ cjk: 0, words: 4 });
  });

  it('counts Japanese kana and Korean hangul as CJK', () => {
    expect(countText('ひらがな カタカナ 한국어')).toEqual({ cjk: 11, words: 0 });
  });
});

describe('CJK_CHAR', () => {
  it('matches one CJK character and not Latin letters', () => {
    expect(CJK_CHAR.test('中')).toBe(true);
    expect(CJK_CHAR.test('a')).toBe(false);
    expect(CJK_CHAR.test('，')).toBe(false);
  });
});

describe('textStats', () => {
  it('reads 800 CJK characters in 2 minutes', () => {
    expect(textStats(html(`<p>${'字'.repeat(800)}</p>`))).toEqual({ wordCount: 800, readingMinutes: 2 });
  });

  it('reads 400 words in 2 minutes', () => {
    expect(textStats(html(`<p>${'word '.repeat(400)}</p>`))).toEqual({ wordCount: 400, readingMinutes: 2 });
  });

  it('rounds up and adds both scripts', () => {
    // 200 characters (0.5 min) + 150 words (0.75 min) = 1.25 → 2 minutes.
    expect(textStats(html(`<p>${'字'.repeat(200)}</p><p>${'word '.repeat(150)}</p>`))).toEqual({ wordCount: 350, readingMinutes: 2 });
  });

  it('takes at least one minute', () => {
    expect(textStats(html(''))).toEqual({ wordCount: 0, readingMinutes: 1 });
    expect(textStats(html('<p>hi</p>'))).toEqual({ wordCount: 1, readingMinutes: 1 });
  });

  it('does not count code blocks, scripts or styles, but counts inline code', () => {
    const tree = html(`<p>one <code>two</code></p><pre><code>${'x '.repeat(1000)}</code></pre><script>var a = 1;</script><style>p { color: red }</style>`);
    expect(textStats(tree)).toEqual({ wordCount: 2, readingMinutes: 1 });
  });

  it('counts text nested in lists and tables', () => {
    expect(textStats(html('<ul><li>alpha <em>beta</em></li></ul><table><tr><td>中文</td></tr></table>')).wordCount).toBe(4);
  });
});
