import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';

const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite'] as const;
const DROPPED = new Set(['script', 'style', 'button', 'noscript', 'template', 'iframe', 'form', 'input']);

/**
 * A copy of a page's tree for feeds and e-mail, where nothing can be resolved against the
 * site: every URL absolute (`#fn-1` → `https://…/posts/x/#fn-1`, `/img.png` →
 * `https://…/img.png`), no scripts, buttons or styles, code blocks reduced to one
 * `<pre><code>` with inline colours (see `feedCodeBlock`). Raw HTML written in the Markdown is
 * parsed first (hast-util-raw, the HTML parsing algorithm over the whole tree, so an `<a>` opened
 * in one raw node and closed in another is one element): its URLs are made absolute like the rest.
 */
export function feedSafeTree(page: Root, pageAbsoluteUrl: string, codeBlock: (node: Element) => ElementContent[] | undefined): Root {
  const tree = hasRaw(page) ? (raw(page) as Root) : page;
  const clean = (nodes: readonly RootContent[]): RootContent[] =>
    nodes.flatMap((node): RootContent[] => {
      if (node.type === 'raw' && /^\s*<(script|style|button|iframe)\b/i.test(node.value)) return [];
      // Comments (`<!-- more -->`) mean nothing to a reader, and some parsers drop them anyway.
      if (node.type === 'comment' || (node.type === 'raw' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value))) return [];
      if (node.type !== 'element') return [node];
      if (DROPPED.has(node.tagName)) {
        // A task-list checkbox carries meaning: keep it as a character.
        if (node.tagName === 'input' && node.properties['type'] === 'checkbox') return [{ type: 'text', value: node.properties['checked'] ? '☑' : '☐' }];
        return [];
      }
      const replaced = codeBlock(node);
      if (replaced) return replaced as RootContent[];
      const properties = { ...node.properties };
      for (const attribute of URL_ATTRIBUTES) {
        const value = properties[attribute];
        if (typeof value === 'string' && value !== '') properties[attribute] = absolute(value, pageAbsoluteUrl);
      }
      const srcSet: unknown = properties['srcSet'];
      if (typeof srcSet === 'string' || Array.isArray(srcSet)) properties['srcSet'] = absoluteSrcset(Array.isArray(srcSet) ? srcSet.join(', ') : srcSet, pageAbsoluteUrl);
      return [{ ...node, properties, children: clean(node.children) as Element['children'] }];
    });
  return { type: 'root', children: clean(tree.children) };
}

function hasRaw(node: Nodes): boolean {
  return node.type === 'raw' || ('children' in node && node.children.some(hasRaw));
}

function absolute(value: string, base: string): string {
  if (/^(mailto|tel|data):/i.test(value)) return value;
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

function absoluteSrcset(value: string, base: string): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url, ...descriptor] = candidate.trim().split(/\s+/);
      return [absolute(url ?? '', base), ...descriptor].join(' ');
    })
    .join(', ');
}
