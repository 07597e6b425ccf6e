import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

export interface PageLinks {
  /** href/src values of a, link, img, script, source. */
  readonly urls: string[];
  readonly ids: Set<string>;
}

/** Parse an HTML page with a real HTML parser and list its URLs and element ids. */
export function pageLinks(html: string): PageLinks {
  const tree = fromHtml(html);
  const urls: string[] = [];
  const ids = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    const id = node.properties['id'];
    if (typeof id === 'string') ids.add(id);
    for (const attribute of ['href', 'src']) {
      const value = node.properties[attribute];
      if (typeof value === 'string') urls.push(value);
    }
  });
  return { urls, ids };
}
