import type { ListItem, Nodes as MdastNodes, Root as MdastRoot, RootContent } from 'mdast';
import { displayWidth, wrapText, type TextRun } from './wrap-text.js';

export interface TextLayout {
  /** Display columns of a line of prose (72 for e-mail). */
  readonly width: number;
  /** East Asian ambiguous characters (“ ” — …) take two columns: true for Chinese, Japanese, Korean. */
  readonly ambiguousIsWide: boolean;
}

/** Narrowest a nested block's prose gets, however deep it is indented. */
const MIN_WIDTH = 24;
/** Code blocks are indented by this, and never wrapped. */
const CODE_INDENT = '    ';

/**
 * Plain text of a digest for e-mail: prose wrapped at `layout.width` display columns (CJK text
 * may break between two characters), headings underlined to their display width, every link a
 * numbered reference (`Go 1.26 [1]`) listed at the end, inline code in backticks, code blocks
 * indented and never wrapped.
 */
export function mdastToText(tree: MdastRoot, layout: TextLayout): string {
  const links: string[] = [];
  const ref = (url: string) => {
    let n = links.indexOf(url);
    if (n === -1) n = links.push(url) - 1;
    return n + 1;
  };
  const wrap = (runs: readonly TextRun[], width: number) => wrapText(trimRuns(runs), { width: Math.max(width, MIN_WIDTH), ambiguousIsWide: layout.ambiguousIsWide });

  const inline = (nodes: readonly MdastNodes[]): TextRun[] =>
    nodes.flatMap((node): TextRun[] => {
      switch (node.type) {
        case 'text':
          return [{ text: node.value.replace(/[^\S\n]*\n[^\S\n]*/g, ' ') }];
        case 'inlineCode':
          return [{ text: backticks(node.value), keep: 'fit' }];
        case 'inlineMath':
          return [{ text: `$${node.value}$`, keep: 'fit' }];
        case 'break':
          return [{ text: '\n' }];
        case 'link': {
          // A figure's image linked to its own file: one reference, not two.
          const only = node.children.length === 1 ? node.children[0] : undefined;
          if (only?.type === 'image' && only.url === node.url) return inline([only]);
          const text = inline(node.children);
          const label = text.map((r) => r.text).join('').trim();
          if (label === node.url || label === '') return [{ text: node.url, keep: 'always' }];
          return [...text, { text: ` [${ref(node.url)}]`, keep: 'always' }];
        }
        case 'image':
          return [{ text: `[${node.alt || 'image'}]` }, { text: ` [${ref(node.url)}]`, keep: 'always' }];
        case 'html':
          return [];
        default:
          return 'children' in node ? inline(node.children as MdastNodes[]) : [];
      }
    });

  const block = (node: RootContent, width: number): string[] => {
    switch (node.type) {
      case 'heading': {
        const lines = wrap(inline(node.children), width);
        const underline = (node.depth <= 2 ? '=' : '-').repeat(Math.max(1, ...lines.map((l) => displayWidth(l, layout.ambiguousIsWide))));
        return [...lines, underline];
      }
      case 'paragraph':
        return wrap(inline(node.children), width);
      case 'math':
      case 'code':
        return node.value.split('\n').map((line) => (line === '' ? '' : CODE_INDENT + line));
      case 'blockquote':
        return blocks(node.children, width - 2).map((line) => (line === '' ? '>' : `> ${line}`));
      case 'list':
        return node.children.flatMap((item, i) => {
          const marker = node.ordered ? `${(node.start ?? 1) + i}. ` : '- ';
          const checkbox = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
          const pad = ' '.repeat(marker.length);
          const lines = listItem(item, width - marker.length, checkbox);
          const body = lines.map((line, n) => (n === 0 ? marker + line : line === '' ? '' : pad + line));
          return node.spread && i > 0 ? ['', ...body] : body;
        });
      case 'table':
        return node.children.flatMap((row) => wrap(row.children.flatMap((cell, i) => [...(i > 0 ? [{ text: ' | ' }] : []), ...inline(cell.children)]), width));
      case 'thematicBreak':
        return ['----'];
      case 'html':
        return [];
      default:
        return 'children' in node ? blocks(node.children as RootContent[], width) : [];
    }
  };

  const listItem = (item: ListItem, width: number, checkbox: string): string[] => {
    const lines = blocks(item.children, width - checkbox.length);
    if (lines.length === 0) return [checkbox.trimEnd()];
    return lines.map((line, n) => (n === 0 ? checkbox + line : line === '' || checkbox === '' ? line : ' '.repeat(checkbox.length) + line));
  };

  /** Blocks one after another, a blank line between two. */
  const blocks = (nodes: readonly RootContent[], width: number): string[] => {
    const out: string[] = [];
    for (const node of nodes) {
      const lines = block(node, width);
      if (lines.every((l) => l.trim() === '')) continue;
      if (out.length > 0) out.push('');
      out.push(...lines);
    }
    return out;
  };

  const body = blocks(tree.children, layout.width).join('\n');
  // A reference stays on one line however long its URL: a broken URL cannot be followed.
  const references = links.map((url, i) => `[${i + 1}] ${url}`).join('\n');
  return `${body}\n${references ? `\n${references}\n` : ''}`;
}

/** Inline code as Markdown writes it: a fence longer than any run of backticks inside. */
function backticks(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

/** No space at the start or the end of a paragraph. */
function trimRuns(runs: readonly TextRun[]): TextRun[] {
  const out = runs.filter((r) => r.text !== '');
  if (out.length === 0) return out;
  const first = out[0]!;
  out[0] = { ...first, text: first.text.replace(/^\s+/, '') };
  const last = out[out.length - 1]!;
  out[out.length - 1] = { ...last, text: last.text.replace(/\s+$/, '') };
  return out;
}
