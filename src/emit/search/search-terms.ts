/**
 * Words of a text as search terms, the way the search page's script (templates/static/assets/
 * search.js, `queryTerms`) reads a query: Intl.Segmenter words, lower-cased (NFKC), and every run
 * of CJK characters cut into overlapping character pairs. ICU segments Chinese by dictionary and
 * context — "茶水间" alone is 茶水|间, and a word may be cut otherwise inside a sentence — so
 * pairs of characters are what is indexed: they match any substring of two or more characters
 * whatever the segmentation was. A run of one character is kept as it is.
 */

/** Han, kana, Hangul (and 々〆ー): scripts written without spaces between words. */
const CJK_PARTS = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}々〆ー]+)/u;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** Terms of `text` in order of appearance, repeats included. */
export function searchTerms(text: string, language: string): string[] {
  const terms: string[] = [];
  let run = '';
  let runEnd = -1;
  const flush = () => {
    if (run.length === 1) terms.push(run);
    for (let i = 0; i + 1 < run.length; i++) terms.push(run.slice(i, i + 2));
    run = '';
  };
  for (const { segment, index, isWordLike } of segmenterFor(language).segment(text.normalize('NFKC'))) {
    if (!isWordLike) continue;
    let at = index;
    // Odd parts are CJK ("a股" → "a", "股"); adjacent CJK segments (联合|办公|空间) form one run.
    segment.split(CJK_PARTS).forEach((part, i) => {
      if (part === '') return;
      if (i % 2 === 1) {
        if (at !== runEnd) flush();
        run += part;
        runEnd = at + part.length;
      } else {
        flush();
        terms.push(part.toLowerCase());
      }
      at += part.length;
    });
  }
  flush();
  return terms;
}
