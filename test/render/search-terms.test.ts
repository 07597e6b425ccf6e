import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../src/render/search-terms.js';
import { listTree } from '../helpers/site-fixture.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

interface SearchClient {
  searchTerms(text: string, language: string): string[];
}

describe('searchTerms', () => {
  it('lower-cases words and drops punctuation and spaces', () => {
    expect(searchTerms('Go 1.25 Release Notes: don’t panic!', 'en')).toEqual(['go', '1.25', 'release', 'notes', 'don’t', 'panic']);
  });

  it('cuts a Chinese run into overlapping pairs of characters, across dictionary word boundaries', () => {
    // ICU: 联合|办公|空间 — the pairs 合办 and 公空 cross its boundaries.
    expect(searchTerms('联合办公空间', 'zh-CN')).toEqual(['联合', '合办', '办公', '公空', '空间']);
    expect(searchTerms('ゲームの한국어', 'ja')).toEqual(['ゲー', 'ーム', 'ムの', 'の한', '한국', '국어']);
  });

  it('keeps words joined by an apostrophe, a dot or a colon, and splits at hyphens and slashes, as UAX #29 does', () => {
    expect(searchTerms("it's fmt.Println std::io e-mail a/b snake_case", 'en')).toEqual(["it's", 'fmt.println', 'std', 'io', 'e', 'mail', 'a', 'b', 'snake_case']);
    // the same words as Intl.Segmenter finds in plain prose
    const prose = 'Go 1.25 reads the cgroup CPU limit; don’t set GOMAXPROCS by hand any more.';
    const icu = [...new Intl.Segmenter('en', { granularity: 'word' }).segment(prose)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());
    expect(searchTerms(prose, 'en')).toEqual(icu);
  });

  it('cuts Thai, written without spaces, into words with Intl.Segmenter', () => {
    const terms = searchTerms('ภาษาไทยง่ายนิดเดียว', 'th');
    expect(terms).toContain('ง่าย');
    expect(terms.join('')).toBe('ภาษาไทยง่ายนิดเดียว');
  });

  it('does not join runs that punctuation, spaces or Latin words separate', () => {
    expect(searchTerms('办公，空间', 'zh')).toEqual(['办公', '空间']);
    expect(searchTerms('办公 空间', 'zh')).toEqual(['办公', '空间']);
    expect(searchTerms('远程Go开发', 'zh')).toEqual(['远程', 'go', '开发']);
  });

  it('keeps a run of one character, and splits a word of mixed scripts', () => {
    expect(searchTerms('第 3 期', 'zh')).toEqual(['第', '3', '期']);
    expect(searchTerms('A股上涨', 'zh')).toEqual(['a', '股上', '上涨']);
  });

  it('folds full-width forms (NFKC) so ＧＯ and GO are one term', () => {
    expect(searchTerms('ＧＯＭＡＸＰＲＯＣＳ　设置', 'zh')).toEqual(['gomaxprocs', '设置']);
  });

  it('finds a word inside a sentence whatever the segmentation of the sentence was', () => {
    const sentence = new Set(searchTerms('三年前我把工位上的东西搬回了杭州的出租屋，开始远程写代码。', 'zh'));
    for (const word of ['租屋', '出租屋', '杭州', '远程写代码']) {
      for (const term of searchTerms(word, 'zh')) expect(sentence, `${word}: ${term}`).toContain(term);
    }
  });
});

describe('the search page’s script reads text exactly as the index does', () => {
  it('gives the same terms for every content file of the sample site', async () => {
    const client = (await import(new URL('../../templates/static/assets/search.js', import.meta.url).href)) as SearchClient;
    const files = listTree(`${repo}content`).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(`${repo}content/${file}`, 'utf8');
      for (const language of ['zh-CN', 'en']) expect(client.searchTerms(text, language), file).toEqual(searchTerms(text, language));
    }
    const odd = 'İstanbul ＦＵＬＬ　width 々 〆切 ゲーム 한국어 A股 x.y e-mail ภาษาไทยง่าย ພາສາລາວ std::io';
    expect(client.searchTerms(odd, 'zh')).toEqual(searchTerms(odd, 'zh'));
  });
});
