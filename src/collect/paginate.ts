import type { ListPage } from '../types.js';

/** Split a list into pages: `base` for page 1, `base` + `page/N/` after it. */
export function paginate(items: readonly string[], base: string, perPage: number): ListPage[] {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const urlOf = (n: number) => (n === 1 ? base : `${base}page/${n}/`);
  const pages: ListPage[] = [];
  for (let page = 1; page <= totalPages; page++) {
    const url = urlOf(page);
    pages.push({
      url,
      outputPath: `${url.slice(1)}index.html`,
      page,
      totalPages,
      posts: items.slice((page - 1) * perPage, page * perPage),
      prevUrl: page > 1 ? urlOf(page - 1) : undefined,
      nextUrl: page < totalPages ? urlOf(page + 1) : undefined,
    });
  }
  return pages;
}
