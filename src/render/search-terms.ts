/**
 * Words of a text as search terms, the way the search page's script (templates/static/assets/
 * search.js, `searchTerms`) reads a query; a test keeps the two equal.
 *
 * - Chinese, Japanese and Korean runs become overlapping character pairs (`联合办公空间` → 联合
 *   合办 办公 公空 空间; a run of one character stays as it is). ICU segments CJK by dictionary
 *   and context — `租屋` alone is one word, in `…杭州的出租屋` it is 出租|屋 — so pairs, not
 *   words, are what let a word be found in the middle of any sentence.
 * - Thai, Lao, Khmer and Myanmar, written without spaces and not paired, are cut into words by
 *   `Intl.Segmenter` in the page's language.
 * - Everything else is words of letters, marks, digits and `_`, joined by `'`, `’`, `.` or `:`
 *   (`don't`, `1.25`, `fmt.println`), as Unicode word boundaries (UAX #29) would have them.
 *   A regular expression, not `Intl.Segmenter`: ICU's segmenter costs ≈50 ms on a 13 KB post
 *   (a minute for 1000 posts), the expression well under 1 ms.
 *
 * Text is NFKC-normalised (`ＧＯ` → `go`) and lower-cased.
 */

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}々〆ー`;
const DICTIONARY = String.raw`\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
const LETTER = String.raw`(?:(?![${CJK}${DICTIONARY}])[\p{L}\p{M}\p{N}_])`;
const PIECES = new RegExp(String.raw`([${CJK}]+)|([${DICTIONARY}]+)|${LETTER}+(?:['’.:]${LETTER}+)*`, 'gu');

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
  for (const [piece, cjk, dictionary] of text.normalize('NFKC').matchAll(PIECES)) {
    if (cjk !== undefined) {
      if (cjk.length === 1) terms.push(cjk);
      for (let i = 0; i + 1 < cjk.length; i++) terms.push(cjk.slice(i, i + 2));
    } else if (dictionary !== undefined) {
      for (const { segment, isWordLike } of segmenterFor(language).segment(dictionary)) if (isWordLike) terms.push(segment.toLowerCase());
    } else terms.push(piece.toLowerCase());
  }
  return terms;
}
