import type { Nodes as MdastNodes, Root as MdastRoot, RootContent } from 'mdast';

/**
 * Plain text of a digest for e-mail: paragraphs, lists and headings as text, every link a
 * numbered reference (`Go 1.26 [1]`) listed at the end, code blocks verbatim.
 */
export function mdastToText(tree: MdastRoot): string {
  const links: string[] = [];
  const ref = (url: string) => {
    let n = links.indexOf(url);
    if (n === -1) n = links.push(url) - 1;
    return n + 1;
  };

  const inline = (nodes: readonly MdastNodes[]): string =>
    nodes
      .map((node): string => {
        switch (node.type) {
          case 'text':
          case 'inlineCode':
            return node.value;
          case 'break':
            return '\n';
          case 'link': {
            const text = inline(node.children).trim();
            return text === node.url ? `${text} [${ref(node.url)}]` : `${text} [${ref(node.url)}]`;
          }
          case 'image':
            return `[${node.alt || 'image'}] [${ref(node.url)}]`;
          case 'html':
            return '';
          default:
            return 'children' in node ? inline(node.children as MdastNodes[]) : '';
        }
      })
      .join('');

  const block = (node: RootContent, indent: string): string => {
    switch (node.type) {
      case 'heading': {
        const text = inline(node.children).trim();
        return node.depth <= 2 ? `${text}\n${'='.repeat(width(text))}` : `${text}\n${'-'.repeat(width(text))}`;
      }
      case 'paragraph':
        return indentLines(inline(node.children).trim(), indent);
      case 'code':
        return node.value;
      case 'blockquote':
        return node.children.map((c) => block(c, '')).join('\n\n').replace(/^/gm, `${indent}> `);
      case 'list':
        return node.children
          .map((item, i) => {
            const marker = node.ordered ? `${(node.start ?? 1) + i}. ` : '- ';
            const checkbox = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
            const body = item.children.map((c) => block(c, '')).join('\n\n');
            const pad = ' '.repeat(marker.length);
            const lines = body.split('\n').map((line, n) => (n === 0 || line === '' ? line : indent + pad + line));
            return indent + marker + checkbox + lines.join('\n');
          })
          .join('\n');
      case 'table':
        return node.children.map((row) => indent + row.children.map((cell) => inline(cell.children).trim()).join(' | ')).join('\n');
      case 'thematicBreak':
        return `${indent}----`;
      case 'html':
        return '';
      default:
        return 'children' in node ? (node.children as RootContent[]).map((c) => block(c, indent)).join('\n\n') : '';
    }
  };

  const body = tree.children
    .map((n) => block(n, ''))
    .filter((s) => s.trim() !== '')
    .join('\n\n');
  const references = links.map((url, i) => `[${i + 1}] ${url}`).join('\n');
  return `${body}\n${references ? `\n${references}\n` : ''}`;
}

function indentLines(text: string, indent: string): string {
  return indent ? text.replace(/^/gm, indent) : text;
}

/** Display width: East Asian wide characters take two columns. */
function width(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u.test(ch) ? 2 : 1;
  return Math.max(3, Math.min(n, 72));
}
