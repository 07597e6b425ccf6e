import type { Root as MdastRoot } from 'mdast';
import { eachNode } from './each-node.js';

/**
 * Sizes of Markdown shapes whose parse or render grows faster than the text (micromark and the
 * HTML tools recurse or rescan): each is checked by a linear look at the source before parsing.
 */
export interface MarkdownLimits {
  /** Lists and block quotes open at once on one line (markers, and indentation / 4). */
  readonly nesting: number;
  /** Lists, list items and block quotes closed (nested ones, or by text after them), per file: micromark re-copies its events for each. */
  readonly containerBlocks: number;
  /** `*`, `_` and `~` delimiter runs that can close emphasis, per paragraph (blank-line separated). */
  readonly emphasisRuns: number;
  /** Rows of one table (until a blank line). */
  readonly tableRows: number;
  /** Columns of one table (cells of its delimiter row). */
  readonly tableColumns: number;
  /** Footnote definitions per file. */
  readonly footnotes: number;
  /** Raw HTML elements open at once, over the whole file. */
  readonly htmlNesting: number;
}

export type LimitName = keyof MarkdownLimits | 'tags' | 'fileBytes';

export interface LimitProblem {
  readonly limit: LimitName;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

const DELIMITER_ROW = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const FOOTNOTE_DEFINITION = /^[ \t>]*\[\^[^\]\s]+\]:/;
const BLANK = /^[ \t>]*$/;
const THEMATIC_BREAK = /^[ \t>]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;

/**
 * Every limit of `limits` the Markdown exceeds, each once, at the line:column where it is first
 * passed. `firstLine` is the file line of the text's first line. One pass, constant work per
 * character (no regular expression can backtrack over more than one line's delimiter row).
 */
export function scanMarkdownLimits(markdown: string, firstLine: number, limits: MarkdownLimits): LimitProblem[] {
  const found = new Map<LimitName, LimitProblem>();
  const report = (limit: keyof MarkdownLimits, message: string, line: number, column: number) => {
    if (!found.has(limit)) found.set(limit, { limit, message: `${message}; the limit is ${limits[limit]} (\`limits.${limit}\`)`, line, column });
  };
  let footnotes = 0;
  let closings = 0;
  /** Containers open after the last line that had any, as counted by `containerPrefix`. */
  let depth = 0;
  let runs = 0;
  let tableRows = -1;
  let start = 0;
  for (let index = 0; start <= markdown.length; index++) {
    let end = markdown.indexOf('\n', start);
    if (end === -1) end = markdown.length;
    const line = markdown.slice(start, end);
    const lineNo = firstLine + index;
    start = end + 1;

    if (BLANK.test(line)) {
      runs = 0;
      tableRows = -1;
      continue;
    }

    const prefix = containerPrefix(line);
    if (prefix.depth > limits.nesting) report('nesting', `lists and block quotes nested ${prefix.depth} deep`, lineNo, prefix.columnOver(limits.nesting));
    // Containers this line closes: all of them before text; before a list marker at the margin,
    // those nested in the item it follows (a sibling item of a flat list closes nothing nested).
    let closed = 0;
    if (prefix.depth > 0) {
      if (prefix.indent < 2) closed = Math.max(0, depth - prefix.quotes - 1);
      depth = prefix.depth;
    } else if (prefix.indent < 2 && depth > 0) {
      closed = depth;
      depth = 0;
    }
    if (closed > 0 && (closings += closed) > limits.containerBlocks) report('containerBlocks', `more than ${limits.containerBlocks} lists and block quotes closed`, lineNo, 1);

    if (FOOTNOTE_DEFINITION.test(line) && ++footnotes > limits.footnotes) report('footnotes', `more than ${limits.footnotes} footnote definitions`, lineNo, line.indexOf('[') + 1);

    if (tableRows >= 0 && ++tableRows > limits.tableRows) report('tableRows', `a table of more than ${limits.tableRows} rows`, lineNo, 1);
    if (line.includes('|') && line.includes('-') && DELIMITER_ROW.test(line)) {
      tableRows = 0;
      const columns = line.replace(/^[ \t>]*\|?|\|?[ \t]*$/g, '').split('|').length;
      if (columns > limits.tableColumns) report('tableColumns', `a table of ${columns} columns`, lineNo, 1);
    }

    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c !== '*' && c !== '_' && c !== '~') continue;
      if (i > 0 && line[i - 1] === '\\') continue;
      let j = i + 1;
      while (j < line.length && line[j] === c) j++;
      if (canClose(c, line[i - 1], line[j]) && ++runs > limits.emphasisRuns) {
        report('emphasisRuns', `more than ${limits.emphasisRuns} emphasis delimiters (\`${c}\`) in one paragraph`, lineNo, i + 1);
      }
      i = j - 1;
    }
  }
  return [...found.values()];
}

/** Whether a run of `c` between `before` and `after` is right-flanking (and, for `_`, may close). */
function canClose(c: string, before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || SPACE.test(before)) return false;
  const afterSpace = after === undefined || SPACE.test(after);
  const afterPunct = after !== undefined && PUNCTUATION.test(after);
  const rightFlanking = !PUNCTUATION.test(before) || afterSpace || afterPunct;
  if (!rightFlanking) return false;
  if (c !== '_') return true;
  // `snake_case`: an intraword `_` closes nothing.
  const leftFlanking = !afterSpace && (!afterPunct || SPACE.test(before) || PUNCTUATION.test(before));
  return !leftFlanking || afterPunct;
}

/** Block quote and list markers at the start of a line, counted with the indentation before them. */
function containerPrefix(line: string): { depth: number; quotes: number; indent: number; columnOver(limit: number): number } {
  let i = 0;
  let indent = 0;
  while (line[i] === ' ' || line[i] === '\t') indent += line[i++] === '\t' ? 4 - (indent % 4) : 1;
  const listsAllowed = !THEMATIC_BREAK.test(line);
  const markers: number[] = [];
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    const c = line[i];
    if (c === '>') {
      markers.push(i++);
      continue;
    }
    if (!listsAllowed) break;
    if ((c === '-' || c === '*' || c === '+') && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
      markers.push(i++);
      continue;
    }
    let j = i;
    while (j < line.length && j - i < 10 && line[j]! >= '0' && line[j]! <= '9') j++;
    if (j > i && (line[j] === '.' || line[j] === ')') && (j + 1 === line.length || line[j + 1] === ' ' || line[j + 1] === '\t')) {
      markers.push(i);
      i = j + 1;
      continue;
    }
    break;
  }
  // Each nested level needs 2+ columns; / 4 leaves deeply indented code (a C comment's ` * `) alone.
  const fromIndent = markers.length > 0 ? Math.floor(indent / 4) : 0;
  return {
    depth: markers.length + fromIndent,
    quotes: markers.filter((at) => line[at] === '>').length,
    indent,
    columnOver: (limit) => (markers[Math.max(0, limit - fromIndent)] ?? 0) + 1,
  };
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'frame', 'basefont', 'isindex']);
/** Elements the HTML parser closes by itself when a sibling opens: they never nest deeper. */
const SELF_ENDING = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rt', 'rp', 'rb', 'rtc', 'colgroup', 'caption', 'html', 'head', 'body']);

/**
 * Raw HTML written in the Markdown, nested deeper than `limit` (the HTML parser and the tree
 * walkers after it recurse once per level): where the element that passes it opens. Only HTML
 * the Markdown parser found counts, not code. Linear: each tag is looked at once.
 */
export function htmlNestingProblem(tree: MdastRoot, limit: number): LimitProblem | undefined {
  let depth = 0;
  let problem: LimitProblem | undefined;
  eachNode(tree, (node) => {
    // After the first problem the rest of the tree is passed over.
    if (problem || node.type !== 'html') return;
    const text = node.value;
    let i = text.indexOf('<');
    while (i !== -1 && !problem) {
      if (text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        if (close === -1) break;
        i = text.indexOf('<', close + 3);
        continue;
      }
      const tag = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/.exec(text.slice(i, i + 80));
      if (!tag) {
        i = text.indexOf('<', i + 1);
        continue;
      }
      const gt = text.indexOf('>', i);
      const selfClosing = gt !== -1 && text[gt - 1] === '/';
      const name = tag[2]!.toLowerCase();
      if (tag[1] === '/') depth = Math.max(0, depth - 1);
      else if (!selfClosing && !VOID.has(name) && !SELF_ENDING.has(name) && ++depth > limit) {
        const before = text.slice(0, i);
        const lines = before.split('\n');
        const start = node.position?.start;
        problem = {
          limit: 'htmlNesting',
          message: `raw HTML elements nested ${depth} deep; the limit is ${limit} (\`limits.htmlNesting\`)`,
          line: (start?.line ?? 1) + lines.length - 1,
          column: lines.length === 1 ? (start?.column ?? 1) + i : lines[lines.length - 1]!.length + 1,
        };
      }
      if (gt === -1) break;
      i = text.indexOf('<', gt + 1);
    }
  });
  return problem;
}
