import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { slugify } from '../load/slug.js';
import type { Entry, Placed } from '../types.js';
import { compilePermalink, type Permalink } from './permalink.js';
import { toUrlPath } from './url-path.js';
import { prefixed, sectionOf } from './entry-language.js';
import type { PackedText } from '../packed-text.js';

/**
 * What a collect can take from an earlier one with the same config, because it depends on nothing
 * else: where each entry object goes (by identity: an entry read again is a new object) and the
 * slug of each tag name. `quire dev` keeps one between saves (and makes a new one with a new
 * config); without one, a collect makes its own.
 */
export interface CollectMemo {
  readonly config: ResolvedConfig;
  /** The site's permalink pattern, read once. */
  readonly permalink: Permalink;
  readonly places: WeakMap<Entry, PlaceOutcome>;
  readonly tagSlugs: Map<string, string>;
}

/** Where one post or page goes, or the problem with its URL. */
export interface PlaceOutcome {
  readonly placed: Placed | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export function createCollectMemo(config: ResolvedConfig): CollectMemo {
  return { config, permalink: compilePermalink(config.permalink), places: new WeakMap(), tagSlugs: new Map() };
}

/** Where a post or page goes: a function of the entry and the config alone (so it can be kept, see `CollectMemo`). */
export function place(entry: Entry, config: ResolvedConfig, sitePermalink: Permalink): PlaceOutcome {
  const diagnostics: Diagnostic[] = [];
  const placed = placeEntry(entry, config, sitePermalink, diagnostics);
  return { placed, diagnostics };
}

function placeEntry(entry: Entry, config: ResolvedConfig, sitePermalink: Permalink, diagnostics: Diagnostic[]): Placed | undefined {
  let raw: string;
  const fromFrontMatter = entry.permalink !== undefined;
  // `file:///tmp/x` or `//host/x`: a URL, not a path (before a post's pattern gets its leading `/`).
  if (entry.permalink !== undefined && /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(entry.permalink)) {
    diagnostics.push(
      diagnostic('UnsafePath', `the URL "${entry.permalink}" cannot be used: it is not a path on this site`, { file: entry.displayPath, ...positionOfUrlField(entry) }, 'use a path such as /posts/my-post/ made of plain segments'),
    );
    return undefined;
  }
  if (entry.kind === 'post') {
    const permalink = entry.permalink === undefined ? sitePermalink : compilePermalink(entry.permalink);
    const expanded = permalink.expand(entry, config.timezone);
    if (!expanded.ok) {
      diagnostics.push(diagnostic('UnsafePath', expanded.reason, { file: entry.displayPath }, 'add a `date`, or use a permalink without :year/:month/:day'));
      return undefined;
    }
    raw = expanded.path;
  } else {
    // pages/a/b.md → /a/b/ ; a bundle pages/a/index.md → /a/
    const dir = path.posix.dirname(entry.source.rel).split('/').slice(1);
    const isBundle = /^index\.(md|markdown)$/i.test(path.posix.basename(entry.source.rel)) && dir.length > 0;
    const parents = (isBundle ? dir.slice(0, -1) : dir).map(slugify);
    // pages/index.md is the site's home page (in place of the list of posts).
    const isHome = dir.length === 0 && /^index\.(md|markdown)$/i.test(path.posix.basename(entry.source.rel));
    raw = entry.permalink ?? (isHome ? '/' : `/${[...parents, entry.slug].join('/')}/`);
  }
  // An entry in another language's section lives under its prefix (`/en/posts/x/`), unless its own `permalink:` says where.
  const section = fromFrontMatter ? undefined : sectionOf(entry, config);
  if (section) raw = prefixed(raw.startsWith('/') ? raw : `/${raw}`, section.prefix);
  const result = toUrlPath(raw);
  if (!result.ok) {
    diagnostics.push(
      diagnostic(
        'UnsafePath',
        `the URL "${raw}" cannot be used: ${result.reason}`,
        { file: entry.displayPath, ...(fromFrontMatter ? positionOfUrlField(entry) : {}) },
        'use a path such as /posts/my-post/ made of plain segments',
      ),
    );
    return undefined;
  }
  return { entry, url: result.url, outputPath: result.outputPath };
}

/** Where the entry's URL comes from in its file (`permalink:`, else `slug:`), for URL errors. */
export function positionOfUrlField(entry: Entry): { line?: number; column?: number; source?: PackedText } {
  const position = entry.fieldPositions['permalink'] ?? entry.fieldPositions['slug'];
  return position ? { ...position, source: entry.text } : {};
}
