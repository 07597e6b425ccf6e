import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { slugify } from '../load/slug.js';
import type { Entry, Placed, Term } from '../types.js';
import { fieldPlace } from './field-place.js';

/**
 * Tags of posts and issues (listed and paginated) and of notes (listed beside them, linking to
 * their place in the issue). Two spellings that differ only in case are one tag; two different
 * tags on one URL (`C#` and `C`) are an error.
 */
export function collectTags(
  listed: readonly string[],
  entries: Readonly<Record<string, Placed>>,
  noteKeys: readonly string[],
  all: readonly Entry[],
  slugs: Map<string, string>,
  diagnostics: Diagnostic[],
): Term[] {
  const bySlug = new Map<string, { name: string; firstFile: string; posts: string[]; notes: string[] }>();
  const notes = new Map(all.filter((e) => e.kind === 'note').map((e) => [e.source.rel, e]));
  const add = (entry: Entry, key: string, into: 'posts' | 'notes') => {
    for (const name of entry.tags) {
      let slug = slugs.get(name);
      if (slug === undefined) slugs.set(name, (slug = slugify(name)));
      if (slug === '') {
        diagnostics.push(diagnostic('UnsafePath', `the tag "${name}" has no characters usable in a URL`, fieldPlace(entry, 'tags'), 'rename the tag'));
        continue;
      }
      let term = bySlug.get(slug);
      if (!term) bySlug.set(slug, (term = { name, firstFile: entry.displayPath, posts: [], notes: [] }));
      else if (term.name !== name && term.name.toLowerCase() !== name.toLowerCase()) {
        diagnostics.push(
          diagnostic(
            'DuplicateUrl',
            `the tags "${name}" and "${term.name}" (in ${term.firstFile}) would share the URL /tags/${slug}/`,
            fieldPlace(entry, 'tags'),
            'use one spelling for both, or rename one of them',
          ),
        );
        continue;
      }
      // An entry's tags are added one after the other: naming the tag twice (or in two cases) adds it once.
      const list = term[into];
      if (list[list.length - 1] !== key) list.push(key);
    }
  };
  for (const key of listed) add(entries[key]!.entry, key, 'posts');
  const newestNotes = [...noteKeys].sort((a, b) => (notes.get(b)?.date?.epochMs ?? 0) - (notes.get(a)?.date?.epochMs ?? 0));
  for (const key of newestNotes) add(notes.get(key)!, key, 'notes');
  return [...bySlug.entries()]
    .map(([slug, t]) => ({ name: t.name, slug, url: `/tags/${slug}/`, posts: t.posts, notes: t.notes }))
    .sort((a, b) => b.posts.length + b.notes.length - (a.posts.length + a.notes.length) || a.name.localeCompare(b.name));
}
