import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build, type BuildResult } from '../build.js';
import { CONFIG_FILES, loadConfig } from '../config/load-config.js';
import { resolveConfig, type ResolvedConfig } from '../config/resolve-config.js';
import { diagnostic, QuireError, type Diagnostic } from '../diagnostics.js';
import { createLiveReload, type DevState } from './live-reload.js';
import { displayHost, listen } from './listen.js';
import { createRebuildQueue } from './rebuild-queue.js';
import { createRequestHandler } from './serve-site.js';
import { watchPaths, type PathWatcher, type WatchTargets } from './watch-paths.js';

export interface DevOptions {
  readonly root: string;
  /** `--config`, relative to root. */
  readonly config: string | undefined;
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  /** When the port was not asked for, the next free one of the ten after it is taken instead. */
  readonly portExplicit: boolean;
  readonly drafts: boolean;
  readonly future: boolean;
  /** Quiet time after the last file event before a build starts. */
  readonly debounceMs?: number;
}

export type DevEvent =
  | { readonly type: 'building'; readonly reasons: readonly string[] }
  | { readonly type: 'built'; readonly build: number; readonly ms: number; readonly result: BuildResult; readonly reasons: readonly string[] }
  | { readonly type: 'failed'; readonly ms: number; readonly diagnostics: readonly Diagnostic[]; readonly reasons: readonly string[]; readonly hasSite: boolean };

export interface DevServer {
  /** Where the site is, base path included: `http://localhost:4321/blog/`. */
  readonly url: string;
  readonly port: number;
  /** The folders and files being watched. */
  readonly watching: () => WatchTargets;
  /** A build is running. */
  readonly building: () => boolean;
  close(): Promise<void>;
}

/**
 * `quire dev`: build the site into a private temporary folder (never dist/), serve it, watch the
 * sources and rebuild on change, and tell open pages over Server-Sent Events to reload, or to
 * show the build error over the last good build, which keeps being served. Each build goes into
 * a folder of its own that is swapped in only when it succeeded, so no request ever sees half a
 * site. Resolves once the first build has finished (good or not) and the server listens.
 */
export async function startDevServer(options: DevOptions, report: (event: DevEvent) => void): Promise<DevServer> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'quire-dev-'));
  let counter = 0;
  let siteDir: string | undefined;
  let basePath = '/';
  let state: DevState = { build: 0, ok: true, building: true, diagnostics: [] };
  let targets: WatchTargets = defaultTargets(options.root, options.config);
  let watcher: PathWatcher | undefined;

  const live = createLiveReload(() => state);
  const handle = createRequestHandler(() => ({ dir: siteDir, basePath, build: state.build }), live, () => ({ ...state, url: origin + basePath }));
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`quire dev: ${(error as Error).message}\n`);
    });
  });
  let port: number;
  try {
    port = await listen(server, options);
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  const origin = `http://${displayHost(options.host)}:${port}`;

  const rebuild = async (reasons: readonly string[]): Promise<void> => {
    const started = performance.now();
    state = { ...state, building: true };
    report({ type: 'building', reasons });
    live.broadcast('building', { reasons });
    try {
      // The base path and the folders to watch come from the config, which may just have changed.
      const config = resolveConfig(await loadConfig(options.root, options.config), {}, options.root);
      setTargets(targetsOf(config, options.root));
      const n = ++counter;
      const outDir = path.join(workDir, `site-${n}`);
      const result = await build({ root: options.root, ...(options.config !== undefined && { config: options.config }), outDir, baseUrl: origin + config.basePath, drafts: options.drafts, future: options.future });
      const previous = siteDir;
      siteDir = outDir;
      basePath = result.config.basePath;
      state = { build: n, ok: true, building: false, diagnostics: result.diagnostics };
      if (previous) retire(previous);
      live.broadcast('reload', { build: n });
      report({ type: 'built', build: n, ms: performance.now() - started, result, reasons });
    } catch (error) {
      const diagnostics = error instanceof QuireError ? error.diagnostics : [internalError(error)];
      state = { build: state.build, ok: false, building: false, diagnostics };
      live.broadcast('build-error', state);
      report({ type: 'failed', ms: performance.now() - started, diagnostics, reasons, hasSite: siteDir !== undefined });
    }
  };

  // A retired site stays a moment for requests still reading it.
  const retire = (dir: string) => {
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 2000).unref();
  };

  const setTargets = (next: WatchTargets) => {
    if (sameTargets(next, targets) && watcher) return;
    targets = next;
    if (watcher) watcher.setTargets(next);
    else watcher = watchPaths(next, (file) => queue.trigger(file));
  };

  const queue = createRebuildQueue(rebuild, { debounceMs: options.debounceMs ?? 40 });
  queue.trigger('start');
  await queue.idle();
  if (!watcher) watcher = watchPaths(targets, (file) => queue.trigger(file));

  return {
    url: origin + basePath,
    port,
    watching: () => targets,
    building: () => state.building,
    async close() {
      watcher?.close();
      await queue.close();
      live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Until a config has been read (the first one may be broken): the default folders and config names. */
function defaultTargets(root: string, explicitConfig: string | undefined): WatchTargets {
  const files = CONFIG_FILES.map((f) => path.join(root, f));
  if (explicitConfig !== undefined) files.push(path.resolve(root, explicitConfig));
  return { dirs: ['content', 'public', 'templates'].map((d) => path.join(root, d)), files };
}

/** content/, public/, the site's templates/ and every file that is, or could become, the config. */
function targetsOf(config: ResolvedConfig, root: string): WatchTargets {
  const files = new Set(CONFIG_FILES.map((f) => path.join(root, f)));
  if (config.configFile) files.add(config.configFile);
  return { dirs: [config.contentDir, config.publicDir, config.templateDirs[0]!], files: [...files] };
}

function sameTargets(a: WatchTargets, b: WatchTargets): boolean {
  return a.dirs.join('\n') === b.dirs.join('\n') && a.files.join('\n') === b.files.join('\n');
}

function internalError(error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return diagnostic('InternalError', `the build crashed: ${message}`, {}, 'this is a bug in quire; please report it with the file that triggers it (set QUIRE_DEBUG=1 for a stack trace)');
}
