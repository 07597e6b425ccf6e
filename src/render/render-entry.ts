import type { Root } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { toText } from 'hast-util-to-text';
import { VFile } from 'vfile';
import { hrefOf } from '../collect/url-path.js';
import type { Diagnostic } from '../diagnostics.js';
import { feedSafeTree } from './markdown/feed-safe.js';
import type { Placed } from '../types.js';
import type { CodeHighlighter } from './highlight.js';
import type { MarkdownProcessor, PageData } from './markdown/create-processor.js';
import { excerptBeforeMore, summarize } from './markdown/excerpt.js';
import { feedBlocks, reportDroppedPluginOutput } from './markdown/feed-blocks.js';
import { readableTree } from './markdown/readable-tree.js';
import type { TocItem } from './markdown/heading-ids.js';
import type { LinkContext } from './markdown/rewrite-links.js';
import type { ImageSizeLookup } from './markdown/size-images.js';
import { textStats } from './markdown/text-stats.js';
import { weeklyItems } from './markdown/weekly-items.js';
import { wrapTables } from './markdown/wrap-tables.js';
import { noteHeadingIds, noteParts } from './markdown/note-parts.js';
import { decoratePage } from './markdown/decorate-page.js';
import { uiStrings } from './ui-strings.js';
import { searchTerms } from './search-terms.js';
import { searchText } from './search-text.js';
import { packText, type PackedText } from '../packed-text.js';
import { weeklySummary } from './markdown/weekly-summary.js';

export interface RenderedEntry {
  /** The HTML of the text on its page (`unpackText` gives it back). */
  readonly html: PackedText;
  /** The page for feeds and e-mail: absolute URLs, no scripts, feed-safe code blocks. */
  readonly feedHtml: PackedText;
  /** Before `<!-- more -->`, else an automatic summary; HTML safe to show on list pages. */
  readonly excerptHtml: string;
  /** The excerpt for feeds (summary mode): made feed-safe like `feedHtml`. */
  readonly feedExcerptHtml: string;
  /** True when the excerpt is not the whole text (show "Read more"). */
  readonly hasMore: boolean;
  /** Plain text for `<meta name="description">` and feeds. */
  readonly descriptionText: string;
  readonly toc: readonly TocItem[];
  readonly wordCount: number;
  readonly readingMinutes: number;
  /**
   * The distinct search terms of the prose (no code blocks or raw HTML), tags and description, one
   * per line, for the search index (made here so a cached entry is not segmented again). One string,
   * not an array: thousands of posts × hundreds of terms as separate strings weighed ≈100 MB.
   */
  readonly searchTerms: string;
  /**
   * Weekly issues: each merged note's commentary, by the id of its heading, as HTML for the notes
   * stream (`html`) and for its feeds (`feedHtml`: absolute URLs, feed-safe). See note-parts.ts.
   */
  readonly notes?: Readonly<Record<string, { readonly html: string; readonly feedHtml: string }>>;
  /** The text has a formula (KaTeX's stylesheet and fonts are needed) / a Mermaid diagram. */
  readonly math?: true;
  readonly diagram?: true;
}

export interface EntryRenderContext {
  readonly processor: MarkdownProcessor;
  readonly highlighter: CodeHighlighter;
  readonly links: LinkContext;
  readonly summaryLength: number;
  /**
   * The origin to make feed URLs absolute against: `STAND_IN_SITE` for a record that the cache
   * keeps (see feed-origin.ts), or the site's own URL.
   */
  readonly siteUrl: string;
  readonly basePath: string;
  /** The entry's language (its `lang`, else the site's): how its search terms are cut. */
  readonly language: string;
  /** Dimensions of local images (see size-images.ts). */
  readonly imageSize?: ImageSizeLookup | undefined;
}

/**
 * Markdown tree → HTML of the page, its excerpt, TOC and reading statistics. `written` is the
 * entry's tree (see `parseEntryBody`); plugins may change it, so pass a tree nothing else uses.
 */
export async function renderEntry(placed: Placed, written: MdastRoot, ctx: EntryRenderContext): Promise<{ rendered: RenderedEntry; diagnostics: Diagnostic[] }> {
  const { entry } = placed;
  // A weekly issue's own link items take the form of its merged notes (see weekly-items.ts).
  const mdast = entry.kind === 'weekly' ? weeklyItems(written) : written;
  const data: PageData = { entry, pageUrl: placed.url, links: ctx.links, highlighter: ctx.highlighter, language: ctx.language, imageSize: ctx.imageSize, toc: [], diagnostics: [] };
  const file = new VFile({ path: entry.source.path, data: { quire: data } });
  // Before the plugins run: they may change the Markdown tree.
  const search = [...new Set(searchTerms(`${searchText(mdast)}\n${entry.tags.join('\n')}\n${entry.description ?? ''}`, ctx.language))];
  const tree = (await ctx.processor.run(mdast, file)) as Root;
  const pageAbsoluteUrl = new URL(hrefOf(placed.url, ctx.basePath), ctx.siteUrl).href;
  const feedBlock = { language: ctx.language, pageAbsoluteUrl, file: entry.displayPath };
  const reporting = { ...feedBlock, report: (d: Diagnostic) => data.diagnostics.push(d) };
  reportDroppedPluginOutput(tree, reporting);
  const feedHtml = ctx.processor.stringify(await feedSafeTree(tree, pageAbsoluteUrl, feedBlocks(reporting)), file);

  const pageHref = hrefOf(placed.url, ctx.basePath);
  const marked = excerptBeforeMore(tree, pageHref);
  const summary = marked
    ? { tree: marked, truncated: true }
    : entry.kind === 'weekly'
      ? weeklySummary(tree, ctx.summaryLength, pageHref, uiStrings(ctx.language))
      : summarize(tree, ctx.summaryLength, pageHref);
  const excerptHtml = ctx.processor.stringify(summary.tree, file);
  const feedExcerptHtml = ctx.processor.stringify(await feedSafeTree(summary.tree, pageAbsoluteUrl, feedBlocks(feedBlock)), file);
  // innerText-like: block elements (paragraphs, list items) stay apart as words do.
  const plain = collapse(toText(readableTree(summary.tree)));
  const stats = textStats(tree);
  const notes: Record<string, { html: string; feedHtml: string }> = {};
  const noteIds = entry.kind === 'weekly' ? noteHeadingIds(mdast) : new Set<string>();
  if (noteIds.size > 0) {
    for (const [id, part] of noteParts(tree, noteIds, pageHref)) {
      notes[id] = { html: ctx.processor.stringify(part, file), feedHtml: ctx.processor.stringify(await feedSafeTree(part, pageAbsoluteUrl, feedBlocks(feedBlock)), file) };
    }
  }
  // Last, so only the page scrolls wide tables in a box: feeds, excerpts and the summary see them bare.
  const html = ctx.processor.stringify(decoratePage(wrapTables(tree), uiStrings(ctx.language)), file);
  return {
    rendered: {
      html: packText(html),
      feedHtml: packText(feedHtml),
      excerptHtml,
      feedExcerptHtml,
      hasMore: summary.truncated,
      descriptionText: entry.description ?? entry.summary ?? plain,
      toc: data.toc,
      wordCount: stats.wordCount,
      readingMinutes: stats.readingMinutes,
      searchTerms: search.join('\n'),
      ...(noteIds.size > 0 && { notes }),
      // Whether the site needs KaTeX's and Mermaid's files at all (see `unusedVendorAssets`).
      ...(html.includes('class="katex') && { math: true as const }),
      ...(html.includes('class="diagram"') && { diagram: true as const }),
    },
    diagnostics: data.diagnostics,
  };
}

/** Han, kana and CJK punctuation: scripts written without spaces between words (not Hangul). */
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]$/u;

/**
 * One space for each run of white space. A line break between two blocks (`toText` puts one
 * between paragraphs and list items) is dropped where both sides are Chinese or Japanese
 * (`规范。` + `基于` reads `规范。基于`); a space the author wrote is kept, and so is any break in
 * Korean, which spaces its words.
 */
function collapse(text: string): string {
  return text.trim().replace(/\s+/g, (space: string, at: number, all: string) => {
    if (!space.includes('\n')) return ' ';
    const before = [...all.slice(Math.max(0, at - 2), at)].at(-1) ?? '';
    const after = [...all.slice(at + space.length, at + space.length + 2)][0] ?? '';
    return UNSPACED.test(before) && UNSPACED.test(after) ? '' : ' ';
  });
}
