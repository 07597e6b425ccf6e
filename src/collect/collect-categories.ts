import type { ResolvedConfig } from '../config/resolve-config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { slugify } from '../load/slug.js';
import { fieldPlace } from './field-place.js';
import type { CategoryTerm, Entry } from '../types.js';

/** Where category pages live. */
export const CATEGORIES_URL = '/categories/';

/**
 * The category tree of the listed entries (keys newest first): one term per category path, its
 * page at `/categories/编程/go/`, listing its own entries and those of its subcategories. Two
 * spellings that differ only in case are one category; two different names on one URL are an
 * error at the second entry's `categories:` field. With `categories.nested: false` every name is
 * a category of its own (Jekyll's reading of a list).
 */
export function collectCategories(listed: readonly string[], entryOf: (key: string) => Entry, config: ResolvedConfig, diagnostics: Diagnostic[]): CategoryTerm[] {
  const bySlug = new Map<string, { name: string; path: string[]; firstFile: string; posts: string[]; children: Set<string>; parent: string | undefined }>();
  for (const key of listed) {
    const entry = entryOf(key);
    const paths = config.categories.nested ? entry.categoryPaths : entry.categoryPaths.flat().map((name) => [name]);
    const added = new Set<string>();
    for (const names of paths) {
      let parent: string | undefined;
      for (let depth = 0; depth < names.length; depth++) {
        const name = names[depth]!;
        const segment = slugify(name);
        if (segment === '') {
          diagnostics.push(diagnostic('UnsafePath', `the category "${name}" has no characters usable in a URL`, fieldPlace(entry, 'categories'), 'rename the category'));
          break;
        }
        const slug = parent === undefined ? segment : `${parent}/${segment}`;
        let term = bySlug.get(slug);
        if (!term) bySlug.set(slug, (term = { name, path: names.slice(0, depth + 1), firstFile: entry.displayPath, posts: [], children: new Set(), parent }));
        else if (term.name.toLowerCase() !== name.toLowerCase()) {
          diagnostics.push(
            diagnostic('DuplicateUrl', `the categories "${name}" and "${term.name}" (in ${term.firstFile}) would share the URL ${CATEGORIES_URL}${slug}/`, fieldPlace(entry, 'categories'), 'use one spelling for both, or rename one of them'),
          );
          break;
        }
        if (parent !== undefined) bySlug.get(parent)!.children.add(slug);
        // An entry in 编程/Go and 编程/Rust is listed once under 编程.
        if (!added.has(slug)) {
          added.add(slug);
          term.posts.push(key);
        }
        parent = slug;
      }
    }
  }
  const collator = new Intl.Collator(config.language);
  return [...bySlug.entries()]
    .map(([slug, t]) => ({
      name: t.name,
      path: t.path,
      slug,
      url: `${CATEGORIES_URL}${slug}/`,
      posts: t.posts,
      children: [...t.children].sort((a, b) => collator.compare(bySlug.get(a)!.name, bySlug.get(b)!.name)),
      parent: t.parent,
    }))
    .sort((a, b) => collator.compare(a.path.join('\u0000'), b.path.join('\u0000')));
}
