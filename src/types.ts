import type { Root as MdastRoot } from 'mdast';
import type { Diagnostic } from './diagnostics.js';
import type { PackedText } from './packed-text.js';
import type { PageTree } from './collect/page-tree.js';

/** The content folders quire knows, by the kind of entry they hold. */
export type EntryKind = 'post' | 'page' | 'weekly' | 'note';

export interface SourceFile {
  readonly kind: EntryKind;
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the content folder, with `/` separators. */
  readonly rel: string;
  /** For a bundle (`slug/index.md`): the other files of the folder, relative to it. */
  readonly assets: readonly string[];
}

export interface Discovery {
  readonly sources: readonly SourceFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A date, normalised: the instant plus its wall-clock form in the site zone. */
export interface EntryDate {
  /** ISO 8601 with the site zone's offset, e.g. `2025-07-09T06:48:00.000+08:00`. */
  readonly iso: string;
  readonly epochMs: number;
}

export interface Entry {
  readonly kind: EntryKind;
  readonly source: SourceFile;
  /** Shown in messages: path relative to the project root. */
  readonly displayPath: string;
  readonly title: string;
  /** Where the title came from: front matter, the first `# heading`, or (a stand-in) the file name. */
  readonly titleFrom: 'front-matter' | 'heading' | 'file-name';
  readonly date: EntryDate | undefined;
  readonly updated: EntryDate | undefined;
  readonly tags: readonly string[];
  /** Every category name, each once (for templates and feeds). */
  readonly categories: readonly string[];
  /** Each category as its path from the top (`[['编程', 'Go']]`), as Hexo reads `categories:`. */
  readonly categoryPaths: ReadonlyArray<readonly string[]>;
  /** The series this post is a part of, and its place in it (`order`, else by date). */
  readonly series: { readonly name: string; readonly order: number | undefined } | undefined;
  readonly draft: boolean;
  /** URL slug, Unicode kept, never containing `/`. */
  readonly slug: string;
  readonly permalink: string | undefined;
  /** Old URL paths (or URLs) of this entry, from `aliases:` and `redirect_from:`: each gets a redirect page. */
  readonly aliases: readonly string[];
  readonly description: string | undefined;
  readonly summary: string | undefined;
  readonly image: string | undefined;
  readonly id: string | undefined;
  readonly lang: string | undefined;
  /** Shared by the versions of one text in several languages (`translationKey:`). */
  readonly translationKey: string | undefined;
  /** Weekly issue number / ISO week (`weekly`), link and section (`note`). */
  readonly issue: number | undefined;
  readonly week: string | undefined;
  readonly link: string | undefined;
  readonly section: string | undefined;
  /** Pages only: place in the page tree and navigation (`weight:`, `menu:`, `sidebar:`), see src/collect/page-tree.ts. */
  readonly weight: number | undefined;
  readonly menu: boolean | undefined;
  readonly sidebar: boolean | undefined;
  /** `toc:` in front matter: false hides the table of contents, 2–4 its depth, true the site's. */
  readonly toc?: boolean | number | undefined;
  /** Front-matter keys quire does not know, for templates. */
  readonly extra: Readonly<Record<string, unknown>>;
  /**
   * Markdown tree; positions are those of the original file. Undefined when the entry came from
   * the build cache without being parsed (`parseEntryBody` parses it again when it is needed).
   */
  readonly mdast: MdastRoot | undefined;
  /** Lines before the Markdown body (front matter and its fences): where parsing starts. */
  readonly bodyLineOffset: number;
  /** File line:column of each top-level front-matter value, for messages of later stages. */
  readonly fieldPositions: Readonly<Record<string, { readonly line: number; readonly column: number }>>;
  /** The whole file text, for code frames in later messages (and to parse the body again). */
  readonly text: PackedText;
}

/** An entry whose Markdown has been parsed (what `loadEntry` returns). */
export type ParsedEntry = Entry & { readonly mdast: MdastRoot };

/** An entry that will be published, with its place on the site. */
export interface Placed {
  readonly entry: Entry;
  /** Decoded URL path relative to the base path, e.g. `/posts/远程办公/`. */
  readonly url: string;
  /** File under the output folder, e.g. `posts/远程办公/index.html`. */
  readonly outputPath: string;
}

export interface Term {
  readonly name: string;
  readonly slug: string;
  readonly url: string;
  /** Source keys (`Entry.source.rel`) of the posts and weekly issues carrying the term, newest first. */
  readonly posts: readonly string[];
  /** Source keys of the notes carrying the term, newest first. */
  readonly notes: readonly string[];
}

/** A category: a node of the category tree, listing its entries and its subcategories'. */
export interface CategoryTerm {
  /** Its own name (the last of `path`). */
  readonly name: string;
  /** Names from the top category down to this one. */
  readonly path: readonly string[];
  /** Slugs of `path` joined with `/`: `编程/go`. */
  readonly slug: string;
  readonly url: string;
  /** Source keys of the posts and weekly issues in it or in a subcategory, newest first. */
  readonly posts: readonly string[];
  /** Slugs of its direct subcategories, by name. */
  readonly children: readonly string[];
  readonly parent: string | undefined;
}

/** A series of posts (`series:`), its parts in reading order. */
export interface SeriesInfo {
  readonly name: string;
  readonly slug: string;
  readonly url: string;
  readonly posts: readonly string[];
}

export interface ListPage {
  readonly url: string;
  readonly outputPath: string;
  readonly page: number;
  readonly totalPages: number;
  readonly posts: readonly string[];
  readonly prevUrl: string | undefined;
  readonly nextUrl: string | undefined;
}

export type Route =
  | { readonly type: 'post' | 'page'; readonly url: string; readonly outputPath: string; readonly key: string }
  // `lang` on a list: it lists the entries of that language's section (`LanguageSection`); none for the default language.
  | { readonly type: 'home'; readonly url: string; readonly outputPath: string; readonly list: ListPage; readonly lang?: string }
  | { readonly type: 'tag'; readonly url: string; readonly outputPath: string; readonly term: string; readonly list: ListPage; readonly lang?: string }
  | { readonly type: 'category'; readonly url: string; readonly outputPath: string; readonly term: string; readonly list: ListPage; readonly lang?: string }
  | { readonly type: 'series'; readonly url: string; readonly outputPath: string; readonly term: string; readonly lang?: string }
  | { readonly type: 'weekly-issue'; readonly url: string; readonly outputPath: string; readonly key: string }
  /** An old URL of the entry `key` (its `aliases:`): a page that sends the reader on. */
  | { readonly type: 'redirect'; readonly url: string; readonly outputPath: string; readonly key: string }
  /** A page of the notes stream (`/notes/`): notes newest first (`list.posts` holds note keys). */
  | { readonly type: 'notes'; readonly url: string; readonly outputPath: string; readonly list: ListPage }
  | { readonly type: 'tags' | 'categories' | 'archive'; readonly url: string; readonly outputPath: string; readonly lang?: string }
  | { readonly type: '404' | 'weekly-index' | 'search'; readonly url: string; readonly outputPath: string };

/** A published weekly issue: its page is the Placed entry `key` (its tree holds its notes). */
export interface WeeklyIssueInfo {
  readonly number: number;
  readonly key: string;
  /** The title as the author wrote it (may be empty); the entry's title is the formatted one. */
  readonly rawTitle: string;
  readonly week: { readonly id: string; readonly year: number; readonly week: number; readonly start: string; readonly end: string };
  readonly weekRange: string;
  readonly itemCount: number;
  readonly sections: ReadonlyArray<{ readonly name: string; readonly notes: readonly string[]; readonly bodyItems: number }>;
  /** Note source key → id of its heading on the issue page. */
  readonly noteIds: Readonly<Record<string, string>>;
  readonly numberInferred: boolean;
}

/** A note as it appears outside its issue (tag pages): a link to its place in the issue. */
export interface NoteRef {
  readonly key: string;
  readonly title: string;
  readonly date: EntryDate | undefined;
  readonly link: string | undefined;
  /** Decoded URL path of the issue page plus `#id`. */
  readonly issueUrl: string;
  readonly anchor: string;
  readonly issueTitle: string;
  /** Source key of the issue that gathered it. */
  readonly issueKey: string;
  /** Front-matter `id` of the note, if pinned (its feed id). */
  readonly id: string | undefined;
  readonly tags: readonly string[];
  readonly lang: string | undefined;
}

/** The formats every feed is written in. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** A feed: some published entries, written as RSS 2.0, Atom 1.0 and JSON Feed 1.1. */
export interface FeedRoute {
  /** What it lists: every post (`site`), one tag's posts (`tag`), weekly issues, or the notes stream (`notes`: note keys). */
  readonly kind: 'site' | 'tag' | 'category' | 'weekly' | 'notes';
  /** The tag's (or category's) slug, for a tag (category) feed. */
  readonly term: string | undefined;
  /** URL path of the HTML page the feed stands for, e.g. `/` or `/tags/go/`. */
  readonly pageUrl: string;
  /** Source keys of its entries, newest first (the item limit is applied when it is written). */
  readonly entries: readonly string[];
  /** The language section it belongs to, when not the default language's. */
  readonly lang?: string;
  /** URL path (`/tags/go/feed.xml`) and output file of each format. */
  readonly files: Readonly<Record<FeedFormat, { readonly url: string; readonly outputPath: string }>>;
}

/** A file copied as is: page-bundle assets and the public folder. */
export interface CopiedFile {
  readonly from: string;
  readonly outputPath: string;
}

/** A language of the site and what is listed in it: the default language at `/`, the others (config `languages`) under their prefix. */
export interface LanguageSection {
  /** BCP 47 tag. */
  readonly lang: string;
  /** `/`, or `/en/`. */
  readonly prefix: string;
  readonly title: string;
  readonly description: string;
  /** Its posts, newest first. */
  readonly posts: readonly string[];
  readonly tags: readonly Term[];
  readonly categories: readonly CategoryTerm[];
  readonly series: readonly SeriesInfo[];
}

/** One version of a page in the languages of the site: `hreflang` and URL path. */
export interface Alternate {
  readonly lang: string;
  readonly url: string;
}

export interface Site {
  /** Published entries by source key (`Entry.source.rel`). */
  readonly entries: Readonly<Record<string, Placed>>;
  /** Post keys, newest first (of every language: each section lists its own, see `languages`). */
  readonly posts: readonly string[];
  readonly pages: readonly string[];
  /** The pages as a tree by folder, in order (see src/collect/page-tree.ts). */
  readonly pageTree: PageTree;
  /** Published weekly issues, newest (highest number) first. */
  readonly weeklyIssues: readonly WeeklyIssueInfo[];
  /** Published notes by source key, as placed in their issues. */
  readonly notes: Readonly<Record<string, NoteRef>>;
  /** Keys of the notes on the notes stream (`/notes/`), newest first; empty when it is turned off. */
  readonly noteStream: readonly string[];
  /** Tags, categories and series of the default language (those of the others are in `languages`). */
  readonly tags: readonly Term[];
  /** The category tree, parents before children. */
  readonly categories: readonly CategoryTerm[];
  readonly series: readonly SeriesInfo[];
  readonly routes: readonly Route[];
  /** The site feed first, then one per tag. */
  readonly feeds: readonly FeedRoute[];
  readonly copies: readonly CopiedFile[];
  /** The default language's section first, then one per language of the config. */
  readonly languages: readonly LanguageSection[];
  /** By source key: every version of a translated post or page (itself included), the default language's first. */
  readonly translations: Readonly<Record<string, readonly string[]>>;
  /** By route URL path: the versions of the page in each language (itself included), for `hreflang` and the language switcher. */
  readonly alternates: Readonly<Record<string, readonly Alternate[]>>;
  /** Whether quire writes `_redirects` (there are aliases, and public/ has no file of that name). */
  readonly redirectsFile: boolean;
  /** Source keys of every source that exists but is not published (draft, future), for link errors. */
  readonly unpublished: Readonly<Record<string, 'draft' | 'future'>>;
  /** The build clocks that collect this same site: any time in [from, until) (see `SiteClock`). */
  readonly clock: SiteClock;
}

/**
 * Where the build's clock may be for the same entries to be published: `from` is the latest
 * date compared with it that had come, `until` the earliest still to come (±8.64e15, the ends of JavaScript time: none).
 */
export interface SiteClock {
  readonly from: number;
  readonly until: number;
}
