import type { Element, Root as HastRoot, RootContent } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Ids of the headings of the notes merged into a weekly issue's tree: the `### [title](link)`
 * headings `buildIssueTree` writes, the only top-level headings that carry their id already in
 * the Markdown tree (every other id is given later, by `addHeadingIds`).
 */
export function noteHeadingIds(tree: MdastRoot): Set<string> {
  const ids = new Set<string>();
  for (const node of tree.children) {
    const id: unknown = node.type === 'heading' && node.depth === 3 ? node.data?.hProperties?.['id'] : undefined;
    if (typeof id === 'string' && id !== '') ids.add(id);
  }
  return ids;
}

/**
 * The commentary of each note in an issue's HTML tree, by the id of its heading: the top-level
 * nodes after the heading up to the next heading of level 1 to 3, or the footnotes section. For
 * the notes stream, where notes of many issues share a page: ids are taken off (they would clash),
 * with the `aria-describedby` that points at them, and links within the issue page
 * (`#fn-1`) lead to it (`issueHref#fn-1`).
 */
export function noteParts(tree: HastRoot, ids: ReadonlySet<string>, issueHref: string): Map<string, HastRoot> {
  const parts = new Map<string, HastRoot>();
  let current: RootContent[] | undefined;
  for (const node of tree.children) {
    if (node.type === 'element' && /^h[1-3]$/.test(node.tagName)) {
      const id = node.properties['id'];
      current = typeof id === 'string' && ids.has(id) ? [] : undefined;
      if (current && typeof id === 'string') parts.set(id, { type: 'root', children: current });
      continue;
    }
    if (node.type === 'element' && node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) current = undefined;
    current?.push(node);
  }
  for (const part of parts.values()) {
    const copy = structuredClone(part.children);
    part.children = trimmed(copy);
    visit(part, 'element', (element: Element) => {
      delete element.properties['id'];
      delete element.properties['ariaDescribedBy'];
      const href = element.properties['href'];
      if (typeof href === 'string' && href.startsWith('#')) element.properties['href'] = issueHref + href;
    });
  }
  return parts;
}

/** Without the blank text between blocks at either end. */
function trimmed(nodes: RootContent[]): RootContent[] {
  const blank = (node: RootContent | undefined) => node?.type === 'text' && node.value.trim() === '';
  while (blank(nodes[0])) nodes.shift();
  while (blank(nodes.at(-1))) nodes.pop();
  return nodes;
}
