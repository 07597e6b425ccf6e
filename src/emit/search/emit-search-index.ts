import { SEARCH_INDEX } from '../../collect/search-route.js';
import { hrefOf } from '../../collect/url-path.js';
import type { ResolvedConfig } from '../../config/resolve-config.js';
import type { RenderedEntry } from '../../render/render-entry.js';
import type { Site } from '../../types.js';
import type { OutputFile } from '../write-site.js';
import { searchTerms } from '../../render/search-terms.js';
import { siteDateParts } from '../../load/parse-date.js';

/** Characters of the excerpt shown under each result. */
const EXCERPT_LENGTH = 80;

/**
 * The search index the search page loads. `docs` are the published posts, weekly issues (with
 * their notes) and pages, newest first (undated last); a document's number is its place here.
 * `terms` lists the documents holding a term (see `searchTerms`), ascending, each written as
 * `2 × number + 1` when the term is in the title and `2 × number` when only in the text, with the
 * terms that have exactly that list, space-separated (a term never holds a space). Grouping terms
 * by their list halves the file: most terms are CJK character pairs found in one document.
 */
export interface SearchIndex {
  readonly version: 1;
  readonly docs: ReadonlyArray<{
    /** Title, href (under the base path), date `yyyy-MM-dd` in the site zone or '', excerpt, language. */
    readonly t: string;
    readonly u: string;
    readonly d: string;
    readonly e: string;
    readonly l: string;
  }>;
  readonly terms: ReadonlyArray<readonly [postings: readonly number[], terms: string]>;
}

export interface SearchSource {
  readonly site: Site;
  readonly rendered: Readonly<Record<string, RenderedEntry>>;
  readonly config: ResolvedConfig;
}

/** Build the index of every published entry (drafts and future entries are not in `site.entries`). */
export function buildSearchIndex({ site, rendered, config }: SearchSource): SearchIndex {
  const keys = [...site.posts, ...site.weeklyIssues.map((i) => i.key), ...site.pages].filter((key) => site.entries[key] !== undefined);
  const epoch = (key: string) => site.entries[key]!.entry.date?.epochMs ?? -Infinity;
  // Stable sort: equal dates keep the order above (posts, issues, pages).
  keys.sort((a, b) => (epoch(b) === epoch(a) ? 0 : epoch(b) > epoch(a) ? 1 : -1));

  const postings = new Map<string, number[]>();
  const docs = keys.map((key, number) => {
    const { entry, url } = site.entries[key]!;
    const lang = entry.lang ?? config.language;
    const inTitle = new Set(searchTerms(entry.title, lang));
    const inText = rendered[key]?.searchTerms.split('\n').filter(Boolean) ?? [];
    for (const term of new Set([...inTitle, ...inText])) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push(number * 2 + (inTitle.has(term) ? 1 : 0));
    }
    return {
      t: entry.title,
      u: hrefOf(url, config.basePath),
      d: entry.date ? siteDateParts(entry.date, config.timezone).day : '',
      e: excerpt(rendered[key]?.descriptionText ?? ''),
      l: lang,
    };
  });
  const groups = new Map<string, { postings: number[]; terms: string[] }>();
  for (const term of [...postings.keys()].sort()) {
    const list = postings.get(term)!;
    const key = list.join(',');
    const group = groups.get(key);
    if (group) group.terms.push(term);
    else groups.set(key, { postings: list, terms: [term] });
  }
  const terms = [...groups.values()].map((g) => [g.postings, g.terms.join(' ')] as const);
  return { version: 1, docs, terms };
}

/** The index as a file for the emit stage (JSON: every string escaped by JSON.stringify). */
export function emitSearchIndex(source: SearchSource): OutputFile {
  return { outputPath: SEARCH_INDEX.outputPath, contents: Buffer.from(JSON.stringify(buildSearchIndex(source)), 'utf8') };
}

function excerpt(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= EXCERPT_LENGTH ? chars.join('') : `${chars.slice(0, EXCERPT_LENGTH).join('').trimEnd()}…`;
}
