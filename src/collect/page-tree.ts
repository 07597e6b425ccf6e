import type { Entry } from '../types.js';

/** A page, or a folder of pages, in the tree of content/pages/. */
export interface PageNode {
  /** Source key of the page (a folder's index.md for a folder); undefined for a folder without one. */
  readonly key: string | undefined;
  readonly title: string;
  /** Path under pages/ without the extension: `guide` (a folder), `guide/install` (a page). */
  readonly path: string;
  readonly weight: number | undefined;
  /** False when the page (a folder: its index page) says `menu: false`. */
  readonly menu: boolean;
  /** A folder (its page, if any, is its index.md), not a page file. */
  readonly folder: boolean;
  readonly children: readonly PageNode[];
}

/** Where a page sits in a top-level folder of more than one page. */
export interface PagePlace {
  /** Index of its top-level folder in `PageTree.roots`. */
  readonly root: number;
  /** Paths of the folders it is in (the top-level one first), itself included when it is a folder's page. */
  readonly ancestors: readonly string[];
  /** The pages before and after it, depth first, in the same top-level folder. */
  readonly prev: string | undefined;
  readonly next: string | undefined;
}

export interface PageTree {
  /** Top-level pages and folders, in order. */
  readonly roots: readonly PageNode[];
  /** By source key: the pages of top-level folders with more than one page (lone pages have none). */
  readonly places: Readonly<Record<string, PagePlace>>;
}

interface Draft {
  key: string | undefined;
  entry: Entry | undefined;
  path: string;
  name: string;
  folder: boolean;
  folders: Map<string, Draft>;
  pages: Draft[];
}

/**
 * The published pages as a tree by folder: `pages/guide/index.md` is the page of the folder
 * `guide`, the other files and folders in it are its children. Siblings are ordered by `weight:`
 * (lower first; pages without one after those with one), then title (in the site language's
 * collation), then path.
 */
export function pageTree(pages: ReadonlyArray<{ readonly key: string; readonly entry: Entry }>, language: string): PageTree {
  const top: Draft = { key: undefined, entry: undefined, path: '', name: '', folder: true, folders: new Map(), pages: [] };
  for (const { key, entry } of pages) {
    const parts = key.replace(/^pages\//, '').replace(/\.(md|markdown)$/i, '').split('/');
    const isIndex = parts.length > 1 && /^index$/i.test(parts.at(-1)!);
    let at = top;
    for (const name of parts.slice(0, -1)) {
      let next = at.folders.get(name);
      if (!next) at.folders.set(name, (next = { key: undefined, entry: undefined, path: at.path ? `${at.path}/${name}` : name, name, folder: true, folders: new Map(), pages: [] }));
      at = next;
    }
    if (isIndex) {
      at.key = key;
      at.entry = entry;
    } else {
      at.pages.push({ key, entry, path: parts.join('/'), name: parts.at(-1)!, folder: false, folders: new Map(), pages: [] });
    }
  }

  const collator = new Intl.Collator(language);
  const finish = (draft: Draft): PageNode => {
    const children = [...draft.folders.values(), ...draft.pages].map(finish);
    children.sort((a, b) => byWeight(a.weight, b.weight) || collator.compare(a.title, b.title) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
      key: draft.key,
      title: draft.entry?.title ?? draft.name,
      path: draft.path,
      weight: draft.entry?.weight,
      menu: draft.entry?.menu !== false,
      folder: draft.folder,
      children,
    };
  };
  const roots = finish(top).children;

  const places: Record<string, PagePlace> = {};
  roots.forEach((root, index) => {
    const order: Array<{ key: string; ancestors: string[] }> = [];
    const visit = (node: PageNode, ancestors: string[]) => {
      const inside = node.folder ? [...ancestors, node.path] : ancestors;
      if (node.key !== undefined) order.push({ key: node.key, ancestors: inside });
      for (const child of node.children) visit(child, inside);
    };
    visit(root, []);
    if (order.length < 2) return;
    order.forEach(({ key, ancestors }, i) => {
      places[key] = { root: index, ancestors, prev: order[i - 1]?.key, next: order[i + 1]?.key };
    });
  });
  return { roots, places };
}

/** Lower weights first; pages without one after those with one. */
function byWeight(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a - b;
}
