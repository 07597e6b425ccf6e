import type { PageNode } from '../collect/page-tree.js';
import { hrefOf } from '../collect/url-path.js';
import type { Route, Site } from '../types.js';
import { uiStrings } from './ui-strings.js';
import { prefixed, sectionLang } from '../collect/entry-language.js';
import { sectionOfRoute } from './language-views.js';
import type { ViewContext } from './views.js';

/** An entry of the top nav. `current`: `page` on the page itself, `true` on the section or list it is in. */
export interface MenuItemView {
  readonly name: string;
  readonly title: string;
  readonly url: string;
  readonly external: boolean;
  readonly current: 'page' | 'true' | undefined;
}

/** A page or folder of the side navigation; `url` is undefined for a folder without an index page. */
export interface SideNavNode {
  readonly title: string;
  readonly url: string | undefined;
  readonly children: readonly SideNavNode[];
}

export interface NavView {
  readonly menu: readonly MenuItemView[];
  /** The tree of the page's top-level folder, when it has more than one page and the page does not say `sidebar: false`. */
  readonly sidebar: SideNavNode | undefined;
  readonly prev: { readonly title: string; readonly url: string } | undefined;
  readonly next: { readonly title: string; readonly url: string } | undefined;
}

/**
 * What templates get as `nav` on every page: the top nav (config `nav.menu` in order, entries
 * with nothing behind them left out) and, on pages, the side navigation and the pages before and
 * after. The side navigation of each top-level folder is made once (`ctx.sideNavs`).
 */
export function navView(route: Route, ctx: ViewContext): NavView {
  const { site, config } = ctx;
  const href = (url: string) => hrefOf(url, config.basePath);
  const key = route.type === 'page' ? route.key : undefined;
  const place = key !== undefined ? site.pageTree.places[key] : undefined;
  // Another language's section: its words, its archive and tags, its versions of the pages.
  const section = sectionOfRoute(route, site, config);
  const t = uiStrings(section.lang);
  const inSection = (url: string) => prefixed(url, section.prefix);
  const menu: MenuItemView[] = [];
  const builtin = (name: string, title: string, url: string, section: boolean) => {
    const current = route.url === url ? 'page' : section && route.url.startsWith(url) ? 'true' : undefined;
    menu.push({ name, title, url: href(url), external: false, current });
  };
  for (const item of config.nav.menu) {
    if (typeof item !== 'string') {
      const external = !item.url.startsWith('/');
      const url = external ? item.url : config.basePath.replace(/\/$/, '') + item.url;
      menu.push({ name: 'link', title: item.title, url, external, current: !external && item.url === route.url ? 'page' : undefined });
    } else if (item === 'archive') {
      if (section.posts.length > 0) builtin('archive', t.archive, inSection('/archive/'), false);
    } else if (item === 'weekly') {
      if (site.weeklyIssues.length > 0) builtin('weekly', t.weekly, '/weekly/', true);
    } else if (item === 'tags') {
      if (section.tags.length > 0) builtin('tags', t.tags, inSection('/tags/'), true);
    } else if (item === 'notes') {
      if (site.noteStream.length > 0) builtin('notes', t.notes, '/notes/', true);
    } else if (item === 'search') {
      builtin('search', t.search, '/search/', false);
    } else {
      site.pageTree.roots.forEach((root, index) => {
        const target = firstPage(root);
        if (!root.menu || target === undefined) return;
        // In another language's section, the version of the page in that language (none: not listed).
        const key = section.prefix === '/' ? target : site.translations[target]?.find((k) => sectionLang(site.entries[k]!.entry, config) === section.lang);
        if (key === undefined) return;
        const { url, entry } = site.entries[key]!;
        // The home page is the site title's link already.
        if (url === section.prefix && !root.folder) return;
        const current = route.url === url ? 'page' : place?.root === index ? 'true' : undefined;
        const title = key === target ? root.title : entry.title;
        menu.push({ name: 'page', title, url: href(url), external: false, current });
      });
    }
  }

  if (!place || key === undefined) return { menu, sidebar: undefined, prev: undefined, next: undefined };
  const link = (k: string | undefined) => (k === undefined ? undefined : { title: site.entries[k]!.entry.title, url: href(site.entries[k]!.url) });
  let sidebar: SideNavNode | undefined;
  if (site.entries[key]!.entry.sidebar !== false) {
    sidebar = ctx.sideNavs.get(place.root);
    if (!sidebar) ctx.sideNavs.set(place.root, (sidebar = sideNavNode(site.pageTree.roots[place.root]!, site, href)));
  }
  return { menu, sidebar, prev: link(place.prev), next: link(place.next) };
}

/** The first page of a node, depth first: its own, else its first child's. */
function firstPage(node: PageNode): string | undefined {
  if (node.key !== undefined) return node.key;
  for (const child of node.children) {
    const found = firstPage(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

function sideNavNode(node: PageNode, site: Site, href: (url: string) => string): SideNavNode {
  return {
    title: node.title,
    url: node.key !== undefined ? href(site.entries[node.key]!.url) : undefined,
    children: node.children.map((child) => sideNavNode(child, site, href)),
  };
}
