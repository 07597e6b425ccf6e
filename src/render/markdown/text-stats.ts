import type { Element, Root, RootContent } from 'hast';

/** Characters of scripts written without spaces between words: each one counts as a word. */
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_GLOBAL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LATIN_WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

export interface TextCount {
  readonly cjk: number;
  readonly words: number;
}

/** CJK characters and space-separated words in a text (a CJK run is not a word). */
export function countText(text: string): TextCount {
  const cjk = text.match(CJK_GLOBAL)?.length ?? 0;
  const words = text.replace(CJK_GLOBAL, ' ').match(LATIN_WORD)?.length ?? 0;
  return { cjk, words };
}

export interface TextStats {
  /** CJK characters + Latin words. */
  readonly wordCount: number;
  /** Whole minutes, at least 1: ~400 CJK characters and ~200 words a minute. */
  readonly readingMinutes: number;
}

/** Word count and reading time of a page's prose (code blocks are not counted). */
export function textStats(tree: Root): TextStats {
  let cjk = 0;
  let words = 0;
  const walk = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const c = countText(node.value);
        cjk += c.cjk;
        words += c.words;
      } else if (node.type === 'element' && !isCodeBlock(node)) walk(node.children);
    }
  };
  walk(tree.children);
  return { wordCount: cjk + words, readingMinutes: Math.max(1, Math.ceil(cjk / 400 + words / 200)) };
}

function isCodeBlock(node: Element): boolean {
  return node.tagName === 'pre' || node.tagName === 'script' || node.tagName === 'style';
}
