import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { saveHighlighted } from '../build.js';
import { buildFingerprint } from '../cache/build-fingerprint.js';
import { createCollectMemo } from '../collect/place-entry.js';
import { openRecordStore } from '../cache/record-store.js';
import { cacheDirProblem } from '../cache/cache-dir-safety.js';
import { loadConfig } from '../config/load-config.js';
import { resolveConfig, type BuildFlags, type ResolvedConfig } from '../config/resolve-config.js';
import { diagnostic, failOnErrors, QuireError, type Diagnostic } from '../diagnostics.js';
import { discoverSources } from '../discover/discover-sources.js';
import { readGuard } from '../discover/read-guard.js';
import { walkFolder } from '../discover/walk-folder.js';
import { loadSources } from '../load/load-sources.js';
import { createTemplateEngine } from '../render/template-engine.js';
import type { Entry } from '../types.js';
import { createEntryRunner } from '../work/entry-runner.js';
import { themeStaticFiles } from '../discover/theme-files.js';
import { attribute, isContent, isFile, sameSource, statOf } from './changed-sources.js';
import { createSiteGeneration, type SiteGeneration } from './site-generation.js';
import { memoryRecordStore, type RecordMemory } from './memory-record-store.js';
import { timer, type Base, type KnownSource } from './session-state.js';
import { collectAndRender, renderChanged, textOnly } from './update-site.js';

/** More changed sources than this (a branch switch, a big paste): a full in-memory build instead. */
const MAX_SOURCES_FOR_UPDATE = 40;

export interface DevSessionOptions {
  readonly root: string;
  /** `--config`, relative to root. */
  readonly config: string | undefined;
  /** Where the site is served: `http://localhost:4321`; the base path of the config is added. */
  readonly origin: string;
  readonly drafts: boolean;
  readonly future: boolean;
  /** The instant "future" is measured against (tests pin it); default: when the site is (fully) built. */
  readonly now?: Date;
  /** Threads for a full build; default: one per core. */
  readonly threads?: number;
}

/**
 * How much an update did: everything (`full`: config, templates and every source read again),
 * the changed sources read and the site collected again (`site`), or only the edited entries
 * rendered again in the site as it was (`entries`: an edit of the text of posts or pages).
 */
export type UpdateScope = 'full' | 'site' | 'entries';

export type SessionUpdate =
  | { readonly ok: true; readonly generation: SiteGeneration; readonly diagnostics: readonly Diagnostic[]; readonly timings: Readonly<Record<string, number>>; readonly scope: UpdateScope }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly timings: Readonly<Record<string, number>>; readonly scope: UpdateScope };

export interface DevSession {
  /**
   * Bring the site up to date after `changed` (absolute paths; 'all': build everything). Never
   * throws: problems come back as diagnostics, and the last good generation stays current.
   */
  update(changed: readonly string[] | 'all'): Promise<SessionUpdate>;
  /** The last good site, if any. */
  readonly current: SiteGeneration | undefined;
  /** The config of the last build that read one. */
  readonly config: ResolvedConfig | undefined;
  /** Full builds so far (the first, and those after config or template changes). */
  readonly fullBuilds: number;
  close(): Promise<void>;
}

/**
 * The state of `quire dev` between edits, in memory: config, templates, every source as last
 * read (with its size and mtime), the records of every entry loaded and rendered, and the last
 * good site (see `SiteGeneration`, which renders pages when they are asked for). An edit of
 * content or public files re-reads only the files that changed; an edit of a post's or page's
 * text alone then renders just that entry into the site as it was (`entries`), anything else
 * collects the site again and renders the entries read again, or whose links now lead elsewhere
 * (`site`); a change of the config or a template, or anything not understood, builds everything
 * again (`full`) — in memory, the records still reused.
 */
export function openDevSession(options: DevSessionOptions): DevSession {
  const memory: RecordMemory = new Map();
  let base: Base | undefined;
  let current: SiteGeneration | undefined;
  let lastConfig: ResolvedConfig | undefined;
  let fullBuilds = 0;

  const flagsFor = (basePath: string): BuildFlags => ({ baseUrl: options.origin + basePath, drafts: options.drafts, future: options.future, ...(options.now && { now: options.now }) });

  const full = async (timings: Record<string, number>, diagnostics: Diagnostic[]): Promise<SiteGeneration> => {
    const timed = timer(timings);
    const stageDone = (found: readonly Diagnostic[]) => {
      diagnostics.push(...found);
      failOnErrors(diagnostics);
    };
    if (base) {
      const old = base;
      base = undefined;
      await old.runner.close();
    }
    const config = await timed('config', async () => {
      const loaded = await loadConfig(options.root, options.config);
      // The base path comes from the config's own url; the site is served from this origin.
      const { basePath } = resolveConfig(loaded, {}, options.root);
      return resolveConfig(loaded, flagsFor(basePath), options.root);
    });
    const unsafeCache = config.cacheDir !== undefined ? cacheDirProblem(config.cacheDir, config.root) : undefined;
    if (unsafeCache) throw new QuireError([unsafeCache]);
    lastConfig = config;
    const fingerprint = buildFingerprint(config);
    // The first build of the session reads and writes the disk cache (so the next start is
    // quick); later full builds find most records in memory.
    const disk = openRecordStore(config.cacheDir);
    const store = memoryRecordStore(memory, disk);
    const { now: _now, ...flags } = flagsFor(config.basePath);
    const setup = { root: options.root, config: options.config, flags, now: config.now.getTime() };
    const runner = createEntryRunner(config, setup, Math.max(1, options.threads ?? os.availableParallelism()));
    try {
      const guard = readGuard(config);
      const discovery = await timed('discover', () => discoverSources(config.contentDir, guard));
      const themeFiles = themeStaticFiles(config, guard);
      // Every refused link of content/, templates/ and public/ at once (public/'s warnings come with each collect).
      stageDone([...discovery.diagnostics, ...themeFiles.diagnostics, ...walkFolder(config.publicDir, guard).diagnostics.filter((d) => d.severity === 'error')]);
      const stats = discovery.sources.map((source) => statOf(source.path));
      const loaded = await timed('load', () => loadSources(discovery.sources, { root: config.root, fingerprint, store, runner }));
      const known = new Map<string, KnownSource>();
      const bySource = attribute(discovery.sources, loaded.entries, loaded.diagnostics, config.root);
      discovery.sources.forEach((source, i) => {
        const { entry, diagnostics: found } = bySource[i]!;
        known.set(source.rel, { source, ...stats[i]!, entry, diagnostics: found, contentKey: loaded.contentKeys.get(source.rel) });
      });
      const templates = createTemplateEngine(config);
      // From here on the sources are known: a failed collect or render is fixed by an edit.
      const next: Base = { config, guard, fingerprint, templates, themeFiles: themeFiles.files, known, collectMemo: createCollectMemo(config), runner: createEntryRunner(config, setup, 1, { keepParsedBodies: true }), discovery, sourcePaths: new Set(discovery.sources.map((s) => s.path)), good: undefined };
      base = next;
      stageDone(loaded.diagnostics);
      const made = await collectAndRender(next, loaded.entries, loaded.contentKeys, store, runner, timed, stageDone);
      // As `prepareSite` does: the highlight cache is written only when code was highlighted, and
      // keeps what the entries taken from the records use.
      const highlighted = made.misses > 0 ? await runner.highlightUsed() : undefined;
      await timed('saveCache', async () => {
        await store.save().catch(() => undefined);
        if (highlighted) await saveHighlighted(config.cacheDir, highlighted, made.keptHighlightKeys).catch(() => undefined);
      });
      fullBuilds++;
      const generation = createSiteGeneration(config, made.site, made.rendered, templates, made.imageSizes);
      next.good = { site: made.site, rendered: made.rendered, collectDiagnostics: made.collectDiagnostics, renderDiagnostics: made.renderDiagnostics, imageSizes: made.imageSizes, generation };
      return generation;
    } catch (error) {
      // The records made before the failure are right: the next start uses them.
      await store.save().catch(() => undefined);
      throw error;
    } finally {
      await runner.close();
    }
  };

  const incremental = async (b: Base, changed: readonly string[], timings: Record<string, number>, diagnostics: Diagnostic[], scope: (s: UpdateScope) => void): Promise<SiteGeneration | 'full'> => {
    const timed = timer(timings);
    const stageDone = (found: readonly Diagnostic[]) => {
      diagnostics.push(...found);
      failOnErrors(diagnostics);
    };
    scope('site');
    const { config, known } = b;
    // A post dated between the last full build and now is due: "now" moves on, so build it all.
    if (!options.now && !options.future) {
      const [then, now] = [config.now.getTime(), Date.now()];
      if ([...known.values()].some(({ entry }) => entry?.date !== undefined && entry.date.epochMs > then && entry.date.epochMs <= now)) return 'full';
    }
    const good = b.good;
    b.good = undefined;
    // Saving sources that exist, or files of public/, changes no list of sources: no need to look
    // at the others. Anything else (a new, deleted or renamed file, a folder, a bundle's file):
    // list the content folder again and look at the size and mtime of every source.
    const inPublic = (file: string) => file.startsWith(config.publicDir + path.sep);
    const sameSources = changed.every((file) => inPublic(file) || (b.sourcePaths.has(file) && isFile(file)));
    const discovery = sameSources ? b.discovery : await timed('discover', () => discoverSources(config.contentDir, b.guard));
    const changedSet = new Set(changed);
    const touched = (file: string) => changedSet.has(file) || changed.some((c) => file.startsWith(c + path.sep));
    const stats = discovery.sources.map((source) => (sameSources && !changedSet.has(source.path) ? undefined : statOf(source.path)));
    const toLoad: number[] = [];
    discovery.sources.forEach((source, i) => {
      const was = known.get(source.rel);
      const stat = stats[i];
      if (stat === undefined) return;
      const same = was !== undefined && was.size === stat.size && was.mtimeMs === stat.mtimeMs && sameSource(was.source, source) && !touched(source.path);
      if (!same) toLoad.push(i);
    });
    if (toLoad.length > MAX_SOURCES_FOR_UPDATE) return 'full';
    const store = memoryRecordStore(memory, undefined);
    const changedSources = toLoad.map((i) => discovery.sources[i]!);
    const loaded = await timed('load', () => loadSources(changedSources, { root: config.root, fingerprint: b.fingerprint, store, runner: b.runner }));
    const bySource = attribute(changedSources, loaded.entries, loaded.diagnostics, config.root);
    toLoad.forEach((i, j) => {
      const source = discovery.sources[i]!;
      known.set(source.rel, { source, ...stats[i]!, ...bySource[j]!, contentKey: loaded.contentKeys.get(source.rel) });
    });
    if (!sameSources) {
      const present = new Set(discovery.sources.map((s) => s.rel));
      for (const rel of [...known.keys()]) if (!present.has(rel)) known.delete(rel);
      b.discovery = discovery;
      b.sourcePaths = new Set(discovery.sources.map((s) => s.path));
    }

    stageDone(discovery.diagnostics);
    const entries: Entry[] = [];
    const contentKeys = new Map<string, string>();
    const loadDiagnostics: Diagnostic[] = [];
    for (const source of discovery.sources) {
      const k = known.get(source.rel)!;
      loadDiagnostics.push(...k.diagnostics);
      if (k.entry) entries.push(k.entry);
      if (k.contentKey !== undefined) contentKeys.set(source.rel, k.contentKey);
    }
    stageDone(loadDiagnostics);
    const changedKeys = changedSources.map((source) => source.rel);
    const textEdit = good !== undefined && sameSources && changed.every((file) => b.sourcePaths.has(file)) && changedKeys.length > 0 && changedKeys.every((key) => textOnly(good, known.get(key)?.entry));
    scope(textEdit ? 'entries' : 'site');
    const made =
      (textEdit && (await renderChanged(b, good, changedKeys.map((key) => known.get(key)!.entry!), contentKeys, store, timed, stageDone))) ||
      (scope('site'), await collectAndRender(b, entries, contentKeys, store, b.runner, timed, stageDone, good));
    const generation = createSiteGeneration(config, made.site, made.rendered, b.templates, made.imageSizes, good?.generation);
    b.good = { ...made, generation };
    return generation;
  };

  return {
    async update(changed) {
      const timings: Record<string, number> = {};
      const diagnostics: Diagnostic[] = [];
      const started = performance.now();
      let scope: UpdateScope = 'full';
      try {
        let generation: SiteGeneration | 'full' = 'full';
        const b = base;
        if (b && changed !== 'all' && changed.every((file) => isContent(file, b.config))) generation = await incremental(b, changed, timings, diagnostics, (s) => (scope = s));
        if (generation === 'full') {
          scope = 'full';
          diagnostics.length = 0;
          generation = await full(timings, diagnostics);
        }
        current = generation;
        timings['total'] = Math.round(performance.now() - started);
        return { ok: true, generation, diagnostics, timings, scope };
      } catch (error) {
        timings['total'] = Math.round(performance.now() - started);
        return { ok: false, diagnostics: diagnosticsOf(error), timings, scope };
      }
    },
    get current() {
      return current;
    },
    get config() {
      return lastConfig;
    },
    get fullBuilds() {
      return fullBuilds;
    },
    async close() {
      await base?.runner.close();
      base = undefined;
    },
  };
}

function diagnosticsOf(error: unknown): readonly Diagnostic[] {
  if (error instanceof QuireError) return error.diagnostics;
  const message = error instanceof Error ? error.message : String(error);
  return [diagnostic('InternalError', `the build crashed: ${message}`, {}, 'this is a bug in quire; please report it with the file that triggers it (set QUIRE_DEBUG=1 for a stack trace)')];
}
