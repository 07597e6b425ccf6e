import type { TocItem } from './markdown/heading-ids.js';

/**
 * The table of contents an entry shows: its h2–h4 outline cut to the depth its front matter's
 * `toc:` asks for (false: none; true or unset: the site's `toc.depth`).
 */
export function tocToDepth(toc: readonly TocItem[], own: boolean | number | undefined, siteDepth: number | false): readonly TocItem[] {
  const depth = own === false ? false : typeof own === 'number' ? own : siteDepth;
  if (depth === false) return [];
  const cut = (items: readonly TocItem[]): TocItem[] => items.filter((item) => item.depth <= depth).map((item) => ({ ...item, children: cut(item.children) }));
  return cut(toc);
}
