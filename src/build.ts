import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openHighlightCache } from './cache/highlight-cache-file.js';
import { collectSite } from './collect/collect-site.js';
import { loadConfig } from './config/load-config.js';
import { resolveConfig, type BuildFlags, type ResolvedConfig } from './config/resolve-config.js';
import { failOnErrors, type Diagnostic } from './diagnostics.js';
import { discoverSources } from './discover/discover-sources.js';
import { listFiles } from './discover/list-files.js';
import { emitFeeds } from './emit/feeds/emit-feeds.js';
import { writeSite } from './emit/write-site.js';
import { loadEntries } from './load/load-entries.js';
import { createCodeHighlighter } from './render/highlight.js';
import { createMarkdownProcessor, type MarkdownProcessor } from './render/markdown/create-processor.js';
import { renderSite } from './render/render-site.js';
import { createTemplateEngine, type TemplateEngine } from './render/template-engine.js';
import type { RenderedEntry } from './render/render-entry.js';
import type { OutputFile } from './emit/write-site.js';
import { uiStrings } from './render/ui-strings.js';
import type { CopiedFile, Site } from './types.js';

export interface BuildOptions extends BuildFlags {
  /** Project folder (where the config is looked for). */
  readonly root: string;
  /** `--config`: a config file, relative to `root`. */
  readonly config?: string;
}

export interface BuildResult {
  readonly config: ResolvedConfig;
  readonly pages: number;
  readonly posts: number;
  readonly files: number;
  readonly diagnostics: readonly Diagnostic[];
  /** Milliseconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
}

/** Everything a build produces before it touches the output folder. */
export interface PreparedSite {
  readonly config: ResolvedConfig;
  readonly site: Site;
  readonly rendered: Readonly<Record<string, RenderedEntry>>;
  readonly files: readonly OutputFile[];
  readonly templates: TemplateEngine;
  readonly diagnostics: readonly Diagnostic[];
  readonly timings: Record<string, number>;
  /** Write the highlight cache for the next build. */
  saveCache(): Promise<void>;
}

/**
 * discover → load → collect → render → emit. Each stage collects every problem it finds and
 * the build stops at the end of the first stage with errors, before anything is written.
 * Throws QuireError (with all diagnostics, warnings included) on failure.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const prepared = await prepareSite(options);
  const { config, site, timings } = prepared;
  const start = performance.now();
  await writeSite(config.outDir, prepared.files, site.copies);
  timings['write'] = Math.round(performance.now() - start);
  await prepared.saveCache().catch(() => undefined);
  const pages = prepared.files.filter((f) => f.outputPath.endsWith('.html')).length;
  return { config, pages, posts: site.posts.length, files: prepared.files.length + site.copies.length, diagnostics: prepared.diagnostics, timings };
}

/** The build up to (not including) writing: config, sources, site, rendered pages and feeds. */
export async function prepareSite(options: BuildOptions): Promise<PreparedSite> {
  const timings: Record<string, number> = {};
  const diagnostics: Diagnostic[] = [];
  const timed = async <T>(stage: string, run: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      timings[stage] = Math.round(performance.now() - start);
    }
  };
  const stageDone = (found: readonly Diagnostic[]) => {
    diagnostics.push(...found);
    failOnErrors(diagnostics);
  };

  const config = await timed('config', async () => resolveConfig(await loadConfig(options.root, options.config), options, options.root));

  const processors = new Map<string, MarkdownProcessor>();
  const processorFor = (language: string): MarkdownProcessor => {
    const t = uiStrings(language);
    const key = t.footnotes;
    let processor = processors.get(key);
    if (!processor) {
      processor = createMarkdownProcessor({ ...config.markdown, footnoteLabel: t.footnotes, footnoteBackLabel: t.backToContent });
      processors.set(key, processor);
    }
    return processor;
  };

  const discovery = await timed('discover', () => discoverSources(config.contentDir, config.root));
  // Unreadable folders or broken links are reported with the files that fail to load, in one run.
  diagnostics.push(...discovery.diagnostics);

  const parser = processorFor(config.language);
  const loaded = await timed('load', () => loadEntries(discovery.sources, { timezone: config.timezone, displayRoot: config.root, parseMarkdown: (md) => parser.parse(md) }));
  stageDone(loaded.diagnostics);

  // templates/static/** of the site, then of the default theme, under public/ in priority.
  const themeFiles: CopiedFile[] = config.templateDirs.flatMap((dir) =>
    listFiles(path.join(dir, 'static')).map((rel) => ({ from: path.join(dir, 'static', ...rel.split('/')), outputPath: rel })),
  );
  const collected = await timed('collect', () => collectSite({ entries: loaded.entries, publicFiles: listFiles(config.publicDir), themeFiles }, config));
  stageDone(collected.diagnostics);
  const { site } = collected;

  const cache = await timed('cache', () => openHighlightCache(config.cacheDir));
  const templates = createTemplateEngine(config);
  const highlighter = await timed('highlighter', () => createCodeHighlighter({ ...config.highlight, cache }));
  let rendered;
  try {
    rendered = await timed('render', () => renderSite(site, config, { processorFor, highlighter, templates }));
  } finally {
    highlighter.dispose();
  }
  stageDone(rendered.diagnostics);

  const feeds = await timed('feeds', () => emitFeeds({ site, rendered: rendered.rendered, config }));
  stageDone(feeds.diagnostics);

  return {
    config,
    site,
    rendered: rendered.rendered,
    files: [...rendered.pages, ...feeds.files],
    templates,
    diagnostics,
    timings,
    saveCache: () => cache.save(),
  };
}
