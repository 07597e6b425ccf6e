import type { Root as MdastRoot } from 'mdast';
import { openHighlightCache, type HighlightCacheFile } from '../cache/highlight-cache-file.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { loadEntry, parseEntryBody } from '../load/load-entry.js';
import { mayHoldUrlAttribute, type HtmlParser } from '../load/remove-unsafe-urls.js';
import { unpackText } from '../packed-text.js';
import type { DualLines } from '../render/code/tokenize.js';
import { STAND_IN_SITE } from '../render/feed-origin.js';
import { createCodeHighlighter, shikiTokens, type CodeHighlighter, type HighlightCache, type TokenRequest, type TokenSource } from '../render/highlight.js';
import { codeBlocks, createMarkdownProcessor, type MarkdownProcessor } from '../render/markdown/create-processor.js';
import { linkTarget, recordingImageLookup, type LinkTable } from '../render/markdown/rewrite-links.js';
import { renderEntry, type RenderedEntry } from '../render/render-entry.js';
import { uiStrings } from '../render/ui-strings.js';
import type { Entry, Placed, SourceFile } from '../types.js';
import { keptTrees } from './kept-trees.js';

export interface LoadTask {
  readonly source: SourceFile;
  readonly bytes: Uint8Array;
  /** Send the tree back (weekly issues and notes: the main thread merges them) instead of keeping it. */
  readonly withTree: boolean;
}

export interface LoadOutcome {
  /** Without its tree unless asked (`withTree`): the tasks keep it for the render of the same entry. */
  readonly entry: Entry | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export interface RenderTask {
  /** The entry's key in `site.entries`. */
  readonly key: string;
  /** `placed.entry.mdast` is used when set (a weekly issue's merged tree); else the tree kept since loading, or the body parsed again. */
  readonly placed: Placed;
}

export interface RenderOutcome {
  readonly rendered: RenderedEntry | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** Source keys it links to, and what each resolved to. */
  readonly targets: Readonly<Record<string, string>>;
  /** Highlight-cache keys of its code blocks. */
  readonly highlightKeys: readonly string[];
}

/** The per-entry work of a build — parse, then render — the same on the main thread and in a worker. */
export interface EntryTasks {
  load(tasks: readonly LoadTask[]): Promise<LoadOutcome[]>;
  /** Where links between entries lead, before `render`. */
  setLinks(table: LinkTable): void;
  render(tasks: readonly RenderTask[]): Promise<RenderOutcome[]>;
  /** Tokens of code, for another thread's highlighter (see `EntryTaskOptions.tokensElsewhere`). */
  tokenize(requests: readonly TokenRequest[]): Promise<DualLines[]>;
  /** Highlighted code this instance used or made, for the highlight cache. */
  highlightUsed(): Record<string, DualLines>;
  dispose(): void;
}

export interface EntryTaskOptions {
  /**
   * Keep the Markdown each source was last parsed from, and its tree: a file saved again with the
   * same body (only its front matter changed) is not parsed again, its tree is copied (`quire
   * dev`, where a parse of a long post is most of a title edit). Off for builds, which parse each
   * file once.
   */
  readonly keepParsedBodies?: boolean;
  /**
   * Another thread that runs shiki, when there is one at the time code is first highlighted: its
   * tokens are used and this thread loads no grammars (each thread's compiled grammars hold
   * ≈50 MiB). Code blocks are then sent to it as soon as an entry is parsed, so their tokens are
   * back before the entry is rendered.
   */
  readonly tokensElsewhere?: () => TokenSource | undefined;
}

/**
 * Parse and render entries with their own processors and highlighter. The tree of each entry
 * loaded here is kept until that entry is rendered here, so a build parses every changed file
 * once even when the two steps are separated by the collect stage on the main thread.
 */
export function createEntryTasks(config: ResolvedConfig, options: EntryTaskOptions = {}): EntryTasks {
  const processors = new Map<string, MarkdownProcessor>();
  const processorFor = (language: string): MarkdownProcessor => {
    const t = uiStrings(language);
    let processor = processors.get(t.footnotes);
    if (!processor) {
      processor = createMarkdownProcessor({ ...config.markdown, footnoteLabel: t.footnotes, footnoteBackLabel: t.backToContent });
      processors.set(t.footnotes, processor);
    }
    return processor;
  };
  const parser = processorFor(config.language);
  const parse = (markdown: string) => parser.parse(markdown);
  const trees = keptTrees();
  // Loaded with the first text whose raw HTML may hold a URL (see HtmlParser).
  let htmlParser: HtmlParser | undefined;
  const htmlParserFor = async (texts: readonly string[]): Promise<HtmlParser | undefined> => {
    if (htmlParser === undefined && texts.some(mayHoldUrlAttribute)) htmlParser = (await import('hast-util-from-html')).fromHtml;
    return htmlParser;
  };
  // Copies in and out: a tree handed on may be changed by the render's plugins.
  const parsedBodies = new Map<string, { readonly markdown: string; readonly tree: MdastRoot }>();
  const parseKept = (rel: string, markdown: string): MdastRoot => {
    const last = parsedBodies.get(rel);
    if (last?.markdown === markdown) return structuredClone(last.tree);
    const tree = parse(markdown);
    parsedBodies.set(rel, { markdown, tree: structuredClone(tree) });
    return tree;
  };
  let table: LinkTable = { urls: {}, unpublished: {}, images: {}, basePath: config.basePath };

  // Which highlight-cache keys the entry being rendered uses.
  let recording = new Set<string>();
  let cacheFile: HighlightCacheFile | undefined;
  let ownShiki: TokenSource | undefined;
  const shiki = () => (ownShiki ??= shikiTokens(config.highlight.themes));
  let highlighter: { readonly elsewhere: boolean; readonly tools: Promise<CodeHighlighter> } | undefined;
  const startHighlighter = (elsewhere: TokenSource | undefined) => {
    const open = async (): Promise<CodeHighlighter> => {
      const file = await openHighlightCache(config.cacheDir);
      cacheFile = file;
      const cache: HighlightCache = {
        has: (key) => file.has(key),
        get(key) {
          recording.add(key);
          return file.get(key);
        },
        set(key, lines) {
          recording.add(key);
          file.set(key, lines);
        },
      };
      return createCodeHighlighter({ ...config.highlight, cache }, elsewhere ?? shiki());
    };
    return { elsewhere: elsewhere !== undefined, tools: open() };
  };
  const highlighterNow = () => (highlighter ??= startHighlighter(options.tokensElsewhere?.()));
  /** Send a parsed tree's code to the thread that highlights, not waiting (its render waits if it must). */
  const sendCode = (tree: MdastRoot) => {
    const elsewhere = highlighter ? undefined : options.tokensElsewhere?.();
    if (elsewhere) highlighter = startHighlighter(elsewhere);
    if (!highlighter?.elsewhere) return;
    const blocks = codeBlocks(tree);
    // A failure is reported by the render of the entry, which prepares the same blocks again.
    if (blocks.length > 0) highlighter.tools.then((tools) => tools.prepare(blocks)).catch(() => undefined);
  };

  return {
    async load(tasks) {
      // Read as Latin-1: no byte of a multi-byte UTF-8 character is `<`, `=` or a letter.
      const parseHtml = await htmlParserFor(tasks.map(({ bytes }) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')));
      return tasks.map(({ source, bytes, withTree }) => {
        const result = loadEntry(source, bytes, { timezone: config.timezone, displayRoot: config.root, limits: config.limits, parseMarkdown: options.keepParsedBodies ? (markdown) => parseKept(source.rel, markdown) : parse, parseHtml });
        if (!result.entry || withTree) return result;
        // Kept until this entry is rendered, which may be after every other entry is loaded.
        if (result.entry.mdast) {
          sendCode(result.entry.mdast);
          trees.keep(source.rel, result.entry.mdast);
        }
        return { entry: { ...result.entry, mdast: undefined }, diagnostics: result.diagnostics };
      });
    },
    setLinks(links) {
      table = links;
    },
    async render(tasks) {
      const tools = await highlighterNow().tools;
      const outcomes: RenderOutcome[] = [];
      for (const { placed } of tasks) {
        const { entry } = placed;
        const targets: Record<string, string> = {};
        recording = new Set();
        const done = (rendered: RenderedEntry | undefined, diagnostics: readonly Diagnostic[]) => outcomes.push({ rendered, diagnostics, targets, highlightKeys: [...recording].sort() });
        try {
          const kept = trees.take(entry.source.rel);
          const mdast = entry.mdast ? structuredClone(entry.mdast) : (kept ?? parseEntryBody(entry, parse, await htmlParserFor([unpackText(entry.text)])));
          const links = {
            basePath: config.basePath,
            target: (key: string) => (targets[key] = linkTarget(table, key)),
          };
          const result = await renderEntry(placed, mdast, {
            processor: processorFor(entry.lang ?? config.language),
            highlighter: tools,
            links,
            summaryLength: config.summaryLength,
            // The records hold a stand-in origin: one cache for `quire build` and `quire dev`.
            siteUrl: STAND_IN_SITE,
            basePath: config.basePath,
            language: entry.lang ?? config.language,
            imageSize: recordingImageLookup(table, targets),
          });
          done(result.rendered, result.diagnostics);
        } catch (error) {
          done(undefined, [diagnostic('MarkdownError', `cannot render: ${(error as Error).message}`, { file: entry.displayPath }, 'a remark/rehype plugin may have failed on this file')]);
        }
      }
      return outcomes;
    },
    tokenize(requests) {
      return shiki().tokenize(requests);
    },
    highlightUsed() {
      return cacheFile?.used() ?? {};
    },
    dispose() {
      trees.clear();
      parsedBodies.clear();
      void highlighter?.tools.then((h) => h.dispose(), () => undefined);
      ownShiki?.dispose();
    },
  };
}
