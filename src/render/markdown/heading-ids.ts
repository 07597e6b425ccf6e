import GithubSlugger from 'github-slugger';
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { eachElement, SKIP } from './each-element.js';

export interface TocItem {
  readonly depth: number;
  readonly id: string;
  readonly text: string;
  readonly children: readonly TocItem[];
}

const HEADING = /^h([1-6])$/;

/**
 * Give every heading a GitHub-style id (CJK kept, unique within the page; an id set by the
 * author or a plugin is kept) and return the h2–h4 outline. A fresh slugger per page.
 */
export function addHeadingIds(tree: Root): TocItem[] {
  const slugger = new GithubSlugger();
  // Ids the author (or a plugin) set are kept; generated ones must not collide with them.
  const taken = new Set<string>();
  eachElement(tree, (node: Element) => {
    const id = node.properties['id'];
    if (typeof id === 'string' && id !== '') taken.add(id);
  });
  const flat: Array<{ depth: number; id: string; text: string }> = [];
  eachElement(tree, (node: Element) => {
    // The footnotes' heading (hidden on the page) is no part of the outline.
    if (node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) return SKIP;
    const match = HEADING.exec(node.tagName);
    if (!match) return;
    const text = tocText(node);
    const existing = node.properties['id'];
    let id: string;
    if (typeof existing === 'string' && existing !== '') id = existing;
    else {
      do id = slugger.slug(text);
      while (taken.has(id));
      taken.add(id);
      node.properties['id'] = id;
    }
    const depth = Number(match[1]);
    if (depth >= 2 && depth <= 4 && text !== '') flat.push({ depth, id, text });
    return undefined;
  });
  return nest(flat);
}

/** The heading's text for ids and the TOC, without side labels such as a weekly note's domain. */
function tocText(node: Element): string {
  const label = (child: Element['children'][number]) => child.type === 'element' && Array.isArray(child.properties['className']) && child.properties['className'].includes('domain');
  return toString({ ...node, children: node.children.filter((c) => !label(c)) }).trim();
}

function nest(flat: ReadonlyArray<{ depth: number; id: string; text: string }>): TocItem[] {
  type Mutable = { depth: number; id: string; text: string; children: Mutable[] };
  const root: Mutable[] = [];
  const stack: Mutable[] = [];
  for (const h of flat) {
    const item: Mutable = { ...h, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1]!.children : root).push(item);
    stack.push(item);
  }
  return root;
}
