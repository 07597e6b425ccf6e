import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';

const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite'] as const;
const DROPPED = new Set(['script', 'style', 'button', 'noscript', 'template', 'iframe', 'form', 'input']);

/**
 * A copy of a page's tree for feeds and e-mail, where nothing can be resolved against the
 * site: every URL absolute (`#fn-1` → `https://…/posts/x/#fn-1`, `/img.png` →
 * `https://…/img.png`), no scripts, buttons or styles, code blocks reduced to one
 * `<pre><code>` with inline colours (see `feedCodeBlock`). Raw HTML written in the Markdown is
 * parsed first (hast-util-raw, the HTML parsing algorithm over the whole tree, so an `<a>` opened
 * in one raw node and closed in another is one element): its URLs are made absolute like the rest.
 * The parser is loaded with the first tree that has raw HTML: parse5 weighs ≈10 MiB a thread.
 */
export async function feedSafeTree(page: Root, pageAbsoluteUrl: string, codeBlock: (node: Element) => ElementContent[] | undefined): Promise<Root> {
  const tree = hasRawHtml(page) ? ((await import('hast-util-raw')).raw(page) as Root) : page;
  const clean = (nodes: readonly RootContent[]): RootContent[] =>
    nodes.flatMap((node): RootContent[] => {
      // Comments (`<!-- more -->`) mean nothing to a reader, and some parsers drop them anyway. A
      // raw node left here is one (other raw HTML was parsed above, scripts into elements).
      if (node.type === 'comment' || (node.type === 'raw' && isComment(node.value))) return [];
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

/** Raw HTML other than comments (`<!-- more -->` is in most posts, and is dropped as it is). */
function hasRawHtml(node: Nodes): boolean {
  if (node.type === 'raw') return !isComment(node.value);
  return 'children' in node && node.children.some(hasRawHtml);
}

function isComment(html: string): boolean {
  return /^\s*<!--[\s\S]*-->\s*$/.test(html);
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
