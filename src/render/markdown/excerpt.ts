import type { Element, ElementContent, Root, RootContent } from 'hast';
import type {} from 'mdast-util-to-hast';
import { CJK_CHAR } from './text-stats.js';

const MORE = /^<!--\s*more\s*-->$/i;

/** Everything before a top-level `<!-- more -->`, or undefined when the page has no marker. */
export function excerptBeforeMore(tree: Root, pageHref?: string): Root | undefined {
  const index = tree.children.findIndex((n) => n.type === 'raw' && MORE.test(n.value.trim()));
  if (index === -1) return undefined;
  return forListing({ type: 'root', children: tree.children.slice(0, index) }, pageHref);
}

/** Blocks a summary skips: they do not read well cut short, out of context. */
const SKIPPED = new Set(['pre', 'table', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'img', 'script', 'style', 'iframe', 'video', 'audio', 'section', 'details']);
/** Skipped blocks that are not content of their own: leaving them out is not leaving anything out. */
const NOT_CONTENT = new Set(['hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'script', 'style']);

/**
 * The first `limit` words of prose, as HTML structure: a text is cut between words and every
 * element cut short is closed properly. A CJK character counts as half a word, as in reading
 * time (≈400 characters or ≈200 words a minute), so Chinese and English summaries come out
 * about equally long. Where a text is cut, the summary ends at a sentence boundary (Unicode
 * sentence segmentation, for 。！？ as for . ! ?): the last one before the limit, else the end of
 * the sentence being cut if it is near; only a sentence far longer than that is cut between words, with "…".
 */
export function summarize(tree: Root, limit: number, pageHref?: string): { tree: Root; truncated: boolean } {
  let remaining = limit;
  let truncated = false;
  const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
  const slack = Math.floor(limit / 4);
  // The text last kept, to tell whether a block stopped at the end of a sentence, and whether the
  // cut is marked already (the blocks around a cut stop there too).
  let lastText = '';
  let marked = false;
  const cut = (nodes: readonly ElementContent[]): ElementContent[] => {
    const out: ElementContent[] = [];
    for (const node of nodes) {
      if (remaining <= 0) {
        // The line breaks between list items or quoted paragraphs are not content left out.
        if (node.type === 'text' && node.value.trim() === '') continue;
        // Stopped inside a paragraph, after an element (`<code>`, a link) used the last words: "…"
        // unless what it kept ends a sentence. Not between blocks (a list item left out).
        if (!marked && out.length > 0 && !(node.type === 'element' && BLOCK.has(node.tagName)) && !SENTENCE_END.test(lastText)) out.push({ type: 'text', value: '…' });
        marked = true;
        truncated = true;
        break;
      }
      if (node.type === 'text') {
        const { text, used, whole } = takeUnits(node.value, remaining);
        remaining -= used;
        if (whole) {
          out.push({ type: 'text', value: text });
          if (text.trim() !== '') lastText = text;
          continue;
        }
        const ends = [...sentences.segment(node.value)].map((s) => s.index + s.segment.length);
        const before = ends.filter((end) => end <= text.length && node.value.slice(0, end).trim() !== '').at(-1);
        const after = ends.find((end) => end > text.length);
        const extra = after === undefined ? Infinity : takeUnits(node.value.slice(text.length, after), Infinity).used;
        if (before !== undefined) out.push({ type: 'text', value: node.value.slice(0, before).trimEnd() });
        else if (extra <= slack) out.push({ type: 'text', value: node.value.slice(0, after).trimEnd() });
        else out.push({ type: 'text', value: `${text.trimEnd()}…` });
        truncated = true;
        marked = true;
        remaining = 0;
      } else if (node.type === 'element') {
        if (node.tagName === 'br' && out.length === 0) continue;
        // A formula is whole or not there (it counts as one word).
        if (hasClass(node, 'katex')) {
          out.push(node);
          remaining -= 1;
          continue;
        }
        out.push({ ...node, children: cut(node.children) });
      }
    }
    return out;
  };
  const children: RootContent[] = [];
  for (const block of tree.children) {
    if (remaining <= 0) {
      truncated = truncated || block.type === 'element';
      break;
    }
    if (block.type !== 'element') continue;
    if (SKIPPED.has(block.tagName) || hasClass(block, 'math-display') || hasClass(block, 'diagram')) {
      // Code, a table, a figure… left out: the summary is not the whole post, so it says so
      // ("read more"), as when its text is cut. The footnotes are not the post's text.
      if (!NOT_CONTENT.has(block.tagName) && !(block.tagName === 'section' && 'dataFootnotes' in block.properties)) truncated = true;
      continue;
    }
    children.push(...cut([block]));
  }
  return { tree: forListing({ type: 'root', children }, pageHref), truncated };
}

/**
 * Make a fragment safe to show on a list page among others: no footnote references (their
 * targets are not there), no ids (they would repeat across excerpts), no `<!-- more -->`,
 * in-page `#fragment` links pointing at the post (`pageHref#fragment`), headings as bold text
 * (a list's own headings are the post titles) and task-list checkboxes as ☑/☐.
 */
function forListing(tree: Root, pageHref: string | undefined): Root {
  const clean = (nodes: readonly RootContent[]): RootContent[] =>
    nodes.flatMap((node): RootContent[] => {
      if (node.type === 'raw' && MORE.test(node.value.trim())) return [];
      if (node.type !== 'element') return [node];
      if (isFootnoteRef(node) || (node.tagName === 'section' && 'dataFootnotes' in node.properties)) return [];
      // A task's box as the character feeds show (☑/☐): its label's `for` would point at no id here.
      if (node.tagName === 'input' && node.properties['type'] === 'checkbox') return [{ type: 'text', value: node.properties['checked'] ? '☑' : '☐' }];
      if (HEADING.test(node.tagName)) return [{ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'element', tagName: 'strong', properties: {}, children: clean(node.children) as ElementContent[] }] }];
      const { id: _id, ...properties } = node.properties;
      const href = properties['href'];
      if (pageHref !== undefined && node.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) properties['href'] = pageHref + href;
      return [{ ...node, properties, children: clean(node.children) as ElementContent[] }];
    });
  return { type: 'root', children: clean(tree.children) };
}

const HEADING = /^h[1-6]$/;
/** Elements that hold blocks or are one: a cut before one is between blocks, not in a sentence. */
const BLOCK = new Set(['p', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'div', 'figure', 'figcaption', 'section', 'details', 'summary', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Text that ends a sentence (closing quotes and brackets after the mark allowed). */
const SENTENCE_END = /[.!?。！？…][\p{Pe}\p{Pf}"'」』]*\s*$/u;
export function hasClass(node: Element, name: string): boolean {
  const value: unknown = node.properties['className'];
  return Array.isArray(value) && value.includes(name);
}

function isFootnoteRef(node: Element): boolean {
  return node.tagName === 'sup' && node.children.some((c) => c.type === 'element' && 'dataFootnoteRef' in c.properties);
}

const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[^]/gu;

/** The longest prefix of `text` worth at most `max` words (a CJK character is half a word). */
function takeUnits(text: string, max: number): { text: string; used: number; whole: boolean } {
  let used = 0;
  let end = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const cost = CJK_CHAR.test(token) ? 0.5 : /^[\p{L}\p{N}]/u.test(token) ? 1 : 0;
    if (cost > 0) {
      if (used + cost > max) return { text: text.slice(0, end), used, whole: false };
      used += cost;
    }
    end = match.index + token.length;
  }
  return { text, used, whole: true };
}
