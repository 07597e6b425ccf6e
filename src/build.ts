import { withoutUnusedVendorAssets } from './discover/vendor-assets.js';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BuildFingerprint } from './cache/build-fingerprint.js';
import { openHighlightCache } from './cache/highlight-cache-file.js';
import { openPageCache } from './cache/page-cache.js';
import { openRecordStore } from './cache/record-store.js';
import { outputStats, saveSiteManifest } from './cache/site-manifest.js';
import { collectSite } from './collect/collect-site.js';
import { projectDirs } from './config/project-dirs.js';
import type { ResolvedConfig } from './config/resolve-config.js';
import { failOnErrors, QuireError, type Diagnostic } from './diagnostics.js';
import { themeStaticFiles } from './discover/theme-files.js';
import { readImageSizes, type ImageSizes } from './discover/read-image-sizes.js';
import { planImages } from './collect/plan-images.js';
import { encodeImages, type EncodedImages } from './emit/images/encode-images.js';
import { walkFolder } from './discover/walk-folder.js';
import type { ReadGuard } from './discover/read-guard.js';
import { imageSizeLookup } from './render/markdown/size-images.js';
import { emitFeeds, feedsShowBuildTime } from './emit/feeds/emit-feeds.js';
import { emitSiteExtras } from './emit/site-extras.js';
import { reusingOutput } from './emit/reuse-output.js';
import { openSiteWriter, type OutputFile, type WriteStats } from './emit/write-site.js';
import { outDirProblem } from './emit/out-dir-safety.js';
import { loadSources } from './load/load-sources.js';
import type { DualLines } from './render/code/tokenize.js';
import { renderEntries } from './render/render-entries.js';
import type { RenderedEntry } from './render/render-entry.js';
import { renderSite } from './render/render-site.js';
import { createTemplateEngine, type TemplateEngine } from './render/template-engine.js';
import type { Site } from './types.js';
import { startBuild, upToDateResult, type BuildOptions, type StartedBuild } from './start-build.js';
import { createEntryRunner } from './work/entry-runner.js';
import { writeFailure } from './emit/write-error.js';

export type { BuildOptions } from './start-build.js';

/** How much of the build the cache saved, and how many threads did the rest. */
export interface BuildStats {
  /** Entries taken from the cache without parsing / parsed. */
  readonly loaded: { readonly cached: number; readonly parsed: number };
  /** Published entries whose HTML came from the cache / was rendered. */
  readonly rendered: { readonly cached: number; readonly rendered: number };
  /** Cache records ignored because they were truncated, corrupt or of another format. */
  readonly rejectedRecords: number;
  /** Worker threads started (0: all on the main thread). */
  readonly workers: number;
}

export interface BuildResult {
  readonly config: ResolvedConfig;
  /** When an entry dated in the future is next due (epoch ms): a build after it publishes it. */
  readonly nextDue?: number | undefined;
  /** Nothing changed since the previous build, whose output is still in place: nothing was done. */
  readonly upToDate: boolean;
  readonly pages: number;
  readonly posts: number;
  readonly files: number;
  readonly diagnostics: readonly Diagnostic[];
  /** Milliseconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
  readonly stats: BuildStats & {
    readonly output: WriteStats;
    /** Pages rendered through their template / kept from the previous build (same template and context). */
    readonly pages: { readonly rendered: number; readonly reused: number };
    /** Smaller copies of images encoded in this build / taken from the build cache. */
    readonly images: { readonly encoded: number; readonly cached: number };
  };
}

/** Everything a build produces before it renders pages and touches the output folder. */
export interface PreparedSite {
  readonly config: ResolvedConfig;
  readonly site: Site;
  readonly rendered: Readonly<Record<string, RenderedEntry>>;
  readonly templates: TemplateEngine;
  readonly diagnostics: readonly Diagnostic[];
  readonly timings: Record<string, number>;
  readonly stats: BuildStats;
  readonly fingerprint: BuildFingerprint;
  /** Dimensions of the site's images by output path, with the smaller copies planned of them. */
  readonly imageSizes: ImageSizes;
  /** The smaller copies of images, encoded while the pages render (never rejects). */
  readonly images: Promise<EncodedImages>;
  /** Where the site's files may be read from (see `ReadGuard`). */
  readonly guard: ReadGuard;
  /** Write the build cache (entry records, highlighted code) for the next build; a failed write is a warning (the site is built all the same). */
  saveCache(): Promise<Diagnostic[]>;
}

/**
 * discover → load → collect → render → templates + feeds, streamed into a new output folder that
 * replaces the old one at the end. Each stage collects every problem it finds and the build stops
 * at the end of the first stage with errors (load and collect count as one: collect runs on the
 * entries that loaded); the output folder is then left as it was.
 * Throws QuireError (with all diagnostics, warnings included) on failure.
 */
export async function build(options: BuildOptions, firstSteps?: StartedBuild): Promise<BuildResult> {
  const begun = firstSteps ?? (await startBuild(options));
  if (begun.current) return upToDateResult(begun);
  // The output folder is replaced as a whole: it must be one quire may replace (checked before the work).
  const unsafeOut = outDirProblem(begun.config.outDir, projectDirs(begun.config), { forceOut: options.forceOut === true });
  if (unsafeOut) throw new QuireError([unsafeOut]);
  const prepared = await prepareSite(options, begun);
  const { config, site, timings } = prepared;
  const diagnostics = [...prepared.diagnostics];
  const stageDone = (found: readonly Diagnostic[]) => {
    diagnostics.push(...found);
    failOnErrors(diagnostics);
  };
  let started = performance.now();
  const writer = await openSiteWriter(config.outDir);
  diagnostics.push(...writer.diagnostics);
  // The pages hold the site's absolute URLs (canonical, feeds): their cache is the site URL's alone.
  const pageCache = openPageCache(config.cacheDir, config.outDir, config.templateDirs, `${prepared.fingerprint.render}\u0000${config.url}`, prepared.guard);
  const out = reusingOutput(writer, pageCache);
  let pages = 0;
  let feedFiles = 0;
  let images: EncodedImages = { files: [], diagnostics: [], encoded: 0, cached: 0 };
  try {
    // Pages go to the writer as they are rendered, so they are never all in memory at once.
    const routes = await renderSite(site, prepared.rendered, config, prepared.templates, out.sink, imageSizeLookup(prepared.imageSizes, config.basePath));
    pages = routes.pages;
    timings['templates'] = Math.round(performance.now() - started);
    stageDone(routes.diagnostics);
    started = performance.now();
    await out.ready();
    const source = { site, rendered: prepared.rendered, config };
    const feeds = emitFeeds(source, (route, inputs) => out.keepFeed(route, inputs));
    stageDone(feeds.diagnostics);
    feedFiles = await out.writeFeeds(feeds.files, (lost) => emitFeeds({ ...source, site: { ...site, feeds: lost } }).files);
    timings['feeds'] = Math.round(performance.now() - started);
    started = performance.now();
    const extras = emitSiteExtras(source);
    for (const file of extras) await writer.write(file);
    feedFiles += extras.length;
    timings['sitemap+search'] = Math.round(performance.now() - started);
    started = performance.now();
    images = await prepared.images;
    for (const file of images.files) await writer.write(file);
    diagnostics.push(...images.diagnostics);
    timings['images:wait'] = Math.round(performance.now() - started);
  } catch (error) {
    await writer.abort();
    // The records and code highlighted so far are right whatever failed after them.
    await prepared.saveCache().catch(() => undefined);
    throw error;
  }
  started = performance.now();
  const copies = withoutUnusedVendorAssets(site.copies, Object.values(prepared.rendered));
  const output = await writer.commit(copies);
  timings['write'] = Math.round(performance.now() - started);
  started = performance.now();
  const cacheProblems = await prepared.saveCache();
  // One look at the output folder as it now is, for the page cache and the site manifest.
  const outputs = config.cacheDir !== undefined ? outputStats(config.outDir) : undefined;
  await pageCache?.save(outputs).catch((error: unknown) => cacheProblems.push(writeFailure(error, path.join(config.cacheDir!, 'pages.json'), 'warning')));
  // One warning for a cache that could not be written: every file after the first fails the same way.
  diagnostics.push(...cacheProblems.slice(0, 1));
  const summary = { pages, posts: site.posts.length, files: pages + feedFiles + copies.length + images.files.length, diagnostics, nextDue: nextDue(site) };
  // Recorded only when the inputs were settled before they were read and no feed shows the time of the build.
  if (config.cacheDir !== undefined && outputs && begun.inputs?.settled && !feedsShowBuildTime(site, config)) {
    await saveSiteManifest(config.cacheDir, config.outDir, begun.inputs.digest, site.clock, summary, outputs).catch(() => undefined);
  }
  timings['saveCache'] = Math.round(performance.now() - started);
  const reused = out.reusedPages;
  return { config, upToDate: false, ...summary, timings, stats: { ...prepared.stats, output, pages: { rendered: pages - reused, reused }, images: { encoded: images.encoded, cached: images.cached } } };
}

/**
 * Every output file of a prepared site, rendered in memory (no page cache, nothing written): for
 * tests and tools that want to read the outputs. `build()` streams the same files to disk.
 */
export async function renderOutputs(prepared: PreparedSite): Promise<OutputFile[]> {
  const { site, config, rendered } = prepared;
  const files: OutputFile[] = [];
  const pages = await renderSite(site, rendered, config, prepared.templates, { write: async (page) => void files.push(page) }, imageSizeLookup(prepared.imageSizes, config.basePath));
  const feeds = emitFeeds({ site, rendered, config });
  failOnErrors([...prepared.diagnostics, ...pages.diagnostics, ...feeds.diagnostics]);
  return [...files, ...feeds.files, ...emitSiteExtras({ site, rendered, config })];
}

/** The build up to (not including) rendering pages: config, sources, site, the HTML of every entry. */
export async function prepareSite(options: BuildOptions, begun?: StartedBuild): Promise<PreparedSite> {
  const { config, fingerprint, discovery, guard, timings } = begun ?? (await startBuild(options, { check: false }));
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

  const store = openRecordStore(config.cacheDir);
  const { now: _now, threads, ...flags } = options;
  const runner = createEntryRunner(
    config,
    { root: options.root, config: options.config, flags, now: config.now.getTime() },
    Math.max(1, threads ?? os.availableParallelism()),
  );

  try {
    // Unreadable folders, broken or refused links (of content/, public/ and templates/) are
    // reported with the files that fail to load, in one run.
    const themeFiles = themeStaticFiles(config, guard);
    const publicFiles = walkFolder(config.publicDir, guard);
    diagnostics.push(...discovery.diagnostics, ...publicFiles.diagnostics, ...themeFiles.diagnostics);

    const loaded = await timed('load', () => loadSources(discovery.sources, { root: config.root, fingerprint, store, runner }));
    // The entries that loaded are collected even when others did not, so a URL clash or a bad
    // tag is reported in the same run as a broken date elsewhere; the build still stops here.
    diagnostics.push(...loaded.diagnostics);

    const collected = await timed('collect', () => collectSite({ entries: loaded.entries, publicFiles: publicFiles.files, themeFiles: themeFiles.files }, config));
    stageDone(collected.diagnostics);
    const { site } = collected;

    const plan = planImages(site.copies, await timed('images', () => readImageSizes(site.copies)), config.images);
    const imageSizes = plan.sizes;
    // Encoded while the entries render (sharp works on threads of its own); build() waits for them before the swap.
    const images = encodeImages(plan.jobs, { root: config.root, cacheDir: config.cacheDir });
    const entries = await timed('render', () => renderEntries(site, { config, fingerprint, store, runner, contentKeys: loaded.contentKeys, imageSizes }));
    stageDone(entries.diagnostics);
    // Code highlighted in this build, to keep in the highlight cache with that of the cached pages.
    const highlighted = entries.misses > 0 ? await runner.highlightUsed() : undefined;

    return {
      config,
      site,
      fingerprint,
      imageSizes,
      images,
      guard,
      rendered: entries.rendered,
      templates: createTemplateEngine(config),
      diagnostics,
      timings,
      stats: {
        loaded: { cached: loaded.hits, parsed: loaded.misses },
        rendered: { cached: entries.hits, rendered: entries.misses },
        rejectedRecords: store.rejected,
        workers: runner.workers,
      },
      saveCache: async () => {
        const problems: Diagnostic[] = [];
        await store.save().catch(() => undefined);
        if (store.writeFailure) problems.push(writeFailure(store.writeFailure.error, store.writeFailure.file, 'warning'));
        if (highlighted && config.cacheDir !== undefined) {
          await saveHighlighted(config.cacheDir, highlighted, entries.keptHighlightKeys).catch((error: unknown) => problems.push(writeFailure(error, path.join(config.cacheDir!, 'highlight.json'), 'warning')));
        }
        return problems;
      },
    };
  } catch (error) {
    // The records of the entries that loaded or rendered are right: the next build uses them.
    await store.save().catch(() => undefined);
    throw error;
  } finally {
    await runner.close();
  }
}

/** The highlight cache after a build that rendered some entries: what it highlighted, plus what the cached entries use. */
export async function saveHighlighted(cacheDir: string | undefined, highlighted: Readonly<Record<string, DualLines>>, kept: ReadonlySet<string>): Promise<void> {
  if (cacheDir === undefined) return;
  const cache = await openHighlightCache(cacheDir);
  for (const key of kept) cache.get(key);
  for (const [key, lines] of Object.entries(highlighted)) cache.set(key, lines);
  await cache.save();
}

/** The earliest time a build would publish more than this one (an entry dated later than now), if any. */
function nextDue(site: Site): number | undefined {
  return site.clock.until < 8.64e15 ? site.clock.until : undefined;
}
