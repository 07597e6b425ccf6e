import type { Nodes, Root, Text } from 'mdast';
import { classifyCharacter, isCjk } from 'micromark-extension-cjk-friendly-util';

/** A soft line break as the parser leaves it in a text node, with the spaces around it. */
const SOFT_BREAK = /[ \t]*\n[ \t]*/g;

/**
 * Remove each soft line break (a newline inside a paragraph, not a hard break) that stands
 * between two CJK characters (Han, kana, Hangul, full-width punctuation: the definition the
 * CJK-friendly emphasis rules use), in place: `汉字\n第二行` reads `汉字第二行`, while `中文\nLatin`
 * keeps its space. Done on the parsed tree, so pages, summaries, feeds and search agree. The
 * characters either side may sit in other nodes (`**粗体**\n第二行`); code and HTML are left alone.
 */
export function joinCjkLines(tree: Root): Root {
  // Each block's inline text in order: a text node, or a boundary (code, an image, a hard break).
  let run: Array<Text | undefined> = [];
  const flush = () => {
    run.forEach((node, i) => {
      if (!node || !node.value.includes('\n')) return;
      node.value = node.value.replace(SOFT_BREAK, (match, offset: number, value: string) => {
        const before = offset > 0 ? value.slice(0, offset) : edge(run, i, -1);
        const after = offset + match.length < value.length ? value.slice(offset + match.length) : edge(run, i, 1);
        return cjkAt(before, -1) && cjkAt(after, 1) ? '' : match;
      });
    });
    run = [];
  };
  const walk = (node: Nodes) => {
    if (node.type === 'text') run.push(node);
    else if (!('children' in node)) run.push(undefined);
    else {
      const block = node.type !== 'emphasis' && node.type !== 'strong' && node.type !== 'delete' && node.type !== 'link' && node.type !== 'linkReference';
      if (block) flush();
      for (const child of node.children) walk(child);
      if (block) flush();
    }
  };
  walk(tree);
  return tree;
}

/** The text next to run[i] on one side, as it stood before any change: '' at a boundary. */
function edge(run: ReadonlyArray<Text | undefined>, i: number, step: -1 | 1): string {
  for (let j = i + step; j >= 0 && j < run.length; j += step) {
    const node = run[j];
    if (!node) return '';
    if (node.value !== '') return node.value;
  }
  return '';
}

/** Whether the last (side -1) or first (side 1) character of `text` is a CJK character. */
function cjkAt(text: string, side: -1 | 1): boolean {
  const chars = side === 1 ? text.slice(0, 2) : text.slice(-2);
  const char = side === 1 ? chars.codePointAt(0) : [...chars].at(-1)?.codePointAt(0);
  return char !== undefined && isCjk(classifyCharacter(char));
}
