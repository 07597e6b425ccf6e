import { hrefOf } from '../collect/url-path.js';
import type { CategoryTerm, SeriesInfo, Site } from '../types.js';

export interface CategoryView {
  readonly name: string;
  readonly path: readonly string[];
  readonly url: string;
  readonly count: number;
  readonly parents: ReadonlyArray<{ readonly name: string; readonly url: string }>;
  readonly children: readonly CategoryView[];
}

/** What templates see of a category: its parents (for a breadcrumb) and its subtree, every URL an href. */
export function categoryView(term: CategoryTerm, categories: readonly CategoryTerm[], basePath: string): CategoryView {
  const bySlug = new Map(categories.map((c) => [c.slug, c]));
  const parents: Array<{ name: string; url: string }> = [];
  for (let up = term.parent; up !== undefined; up = bySlug.get(up)?.parent) {
    const parent = bySlug.get(up);
    if (parent) parents.unshift({ name: parent.name, url: hrefOf(parent.url, basePath) });
  }
  const tree = (c: CategoryTerm): Omit<CategoryView, 'parents'> => ({
    name: c.name,
    path: c.path,
    url: hrefOf(c.url, basePath),
    count: c.posts.length,
    children: c.children.flatMap((slug) => {
      const child = bySlug.get(slug);
      return child ? [{ ...tree(child), parents: [] }] : [];
    }),
  });
  return { ...tree(term), parents };
}

/** The series box of a post: the series, this part's number, and every part in order. */
export function seriesBox(key: string, site: Site, basePath: string, allSeries: readonly SeriesInfo[] = site.series) {
  const series = allSeries.find((s) => s.posts.includes(key));
  if (!series) return undefined;
  return {
    name: series.name,
    url: hrefOf(series.url, basePath),
    part: series.posts.indexOf(key) + 1,
    total: series.posts.length,
    parts: series.posts.map((k) => ({ title: site.entries[k]!.entry.title, url: hrefOf(site.entries[k]!.url, basePath), current: k === key })),
  };
}
