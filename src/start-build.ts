import { performance } from 'node:perf_hooks';
import { buildFingerprint, siteSettings, type BuildFingerprint } from './cache/build-fingerprint.js';
import { cacheDirProblem } from './cache/cache-dir-safety.js';
import { currentSite, type SiteSummary } from './cache/site-manifest.js';
import { loadConfig } from './config/load-config.js';
import { resolveConfig, type BuildFlags, type ResolvedConfig } from './config/resolve-config.js';
import { discoverSources } from './discover/discover-sources.js';
import { inputState, type InputState } from './discover/input-state.js';
import { QuireError } from './diagnostics.js';
import { readGuard, type ReadGuard } from './discover/read-guard.js';
import { outputInProgress } from './emit/output-lock.js';
import type { BuildResult } from './build.js';
import type { Discovery } from './types.js';

export interface BuildOptions extends BuildFlags {
  /** Project folder (where the config is looked for). */
  readonly root: string;
  /** `--config`: a config file, relative to `root`. */
  readonly config?: string;
  /** `--force`: build even when the output folder is current (the build cache is still used). */
  readonly force?: boolean;
  /** `--force-out`: replace a non-empty output folder that no quire build wrote (never a source folder, `.git` or the project). */
  readonly forceOut?: boolean;
}

/** The first steps of a build, and whether the rest can be skipped. */
export interface StartedBuild {
  readonly config: ResolvedConfig;
  readonly fingerprint: BuildFingerprint;
  readonly discovery: Discovery;
  /** Where the site's files may be read from (see `ReadGuard`). */
  readonly guard: ReadGuard;
  /** The state of every input before anything was read (undefined without the cache). */
  readonly inputs: InputState | undefined;
  /** The previous build's summary when the output folder is already what this build would write. */
  readonly current: SiteSummary | undefined;
  readonly timings: Record<string, number>;
}

/**
 * Resolve the config, find the sources, and look at the state of every input: when it is the
 * state the previous build recorded (same settings, same files with the same size, mtime, ctime
 * and inode; a clock for which the same posts are published) and the output folder is as that
 * build left it, there is nothing to do. Only light modules are loaded here, so an up-to-date
 * site is known before the Markdown, highlighting and template packages are. `check: false`
 * skips the look at the inputs (for callers that build in any case).
 */
export async function startBuild(options: BuildOptions, { check = true }: { check?: boolean } = {}): Promise<StartedBuild> {
  const timings: Record<string, number> = {};
  let started = performance.now();
  const config = resolveConfig(await loadConfig(options.root, options.config), options, options.root);
  const unsafeCache = config.cacheDir !== undefined ? cacheDirProblem(config.cacheDir, config.root) : undefined;
  if (unsafeCache) throw new QuireError([unsafeCache]);
  const fingerprint = buildFingerprint(config);
  timings['config'] = Math.round(performance.now() - started);
  started = performance.now();
  const checkedAt = Date.now();
  const guard = readGuard(config);
  const discovery = discoverSources(config.contentDir, guard);
  timings['discover'] = Math.round(performance.now() - started);
  if (config.cacheDir === undefined || !check) return { config, fingerprint, discovery, guard, inputs: undefined, current: undefined, timings };

  started = performance.now();
  const inputs = inputState(siteSettings(config, fingerprint), discovery, { ...config, guard }, checkedAt);
  const current = !options.force && !outputInProgress(config.outDir) ? currentSite(config.cacheDir, config.outDir, inputs.digest, config.now.getTime()) : undefined;
  timings['check'] = Math.round(performance.now() - started);
  return { config, fingerprint, discovery, guard, inputs, current, timings };
}

/** The result of a build that found the output folder already current. */
export function upToDateResult({ config, current, timings }: StartedBuild): BuildResult {
  const { pages, posts, files, diagnostics, nextDue } = current!;
  const nothing = { cached: 0, parsed: 0 };
  return {
    config,
    upToDate: true,
    nextDue,
    pages,
    posts,
    files,
    diagnostics,
    timings,
    stats: { loaded: nothing, rendered: { cached: 0, rendered: 0 }, rejectedRecords: 0, workers: 0, output: { written: 0, kept: files }, pages: { rendered: 0, reused: pages }, images: { encoded: 0, cached: 0 } },
  };
}
