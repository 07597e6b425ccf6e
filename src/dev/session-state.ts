import { performance } from 'node:perf_hooks';
import type { BuildFingerprint } from '../cache/build-fingerprint.js';
import type { CollectMemo } from '../collect/place-entry.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ReadGuard } from '../discover/read-guard.js';
import type { ImageSizes } from '../discover/read-image-sizes.js';
import type { RenderedEntry } from '../render/render-entry.js';
import type { TemplateEngine } from '../render/template-engine.js';
import type { CopiedFile, Discovery, Entry, Site, SourceFile } from '../types.js';
import type { EntryRunner } from '../work/entry-runner.js';
import type { SiteGeneration } from './site-generation.js';

/** What the session knows about one source file since it last read it. */
export interface KnownSource {
  readonly source: SourceFile;
  readonly size: number;
  readonly mtimeMs: number;
  readonly entry: Entry | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly contentKey: string | undefined;
}

/** Everything an update after an edit reuses: valid until the config or a template changes. */
export interface Base {
  readonly config: ResolvedConfig;
  /** Where the site's files may be read from. */
  readonly guard: ReadGuard;
  readonly fingerprint: BuildFingerprint;
  readonly templates: TemplateEngine;
  readonly themeFiles: readonly CopiedFile[];
  readonly known: Map<string, KnownSource>;
  /** What each collect keeps for the next (the places of entries not read again). */
  readonly collectMemo: CollectMemo;
  /** Entry tasks on the main thread, for the few entries an edit changes. */
  readonly runner: EntryRunner;
  /** The sources as last discovered, and the paths of those files. */
  discovery: Discovery;
  sourcePaths: ReadonlySet<string>;
  /** The outcome of the last update, when it succeeded (undefined after a failed one). */
  good: Good | undefined;
}

/** A good site and what made it: what an edit of one post's text changes only a little of. */
export interface Good {
  readonly site: Site;
  readonly rendered: Readonly<Record<string, RenderedEntry>>;
  readonly collectDiagnostics: readonly Diagnostic[];
  /** Render diagnostics by entry key (undefined: some could not be told apart by file). */
  readonly renderDiagnostics: ReadonlyMap<string, readonly Diagnostic[]> | undefined;
  /** Dimensions of the site's images by output path. */
  readonly imageSizes: ImageSizes;
  readonly generation: SiteGeneration;
}

/** Run a stage and record its milliseconds under its name. */
export function timer(timings: Record<string, number>) {
  return async <T>(stage: string, run: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      timings[stage] = Math.round(performance.now() - start);
    }
  };
}

export type Timed = ReturnType<typeof timer>;
