import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BuildResult } from '../build.js';
import { CONFIG_FILES } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Diagnostic } from '../diagnostics.js';
import { openDevSession, type UpdateScope } from './dev-session.js';
import { createLiveReload, type DevState } from './live-reload.js';
import { hostAllowed } from './host-check.js';
import { displayHost, listen } from './listen.js';
import { createRebuildQueue } from './rebuild-queue.js';
import { createRequestHandler } from './serve-site.js';
import type { SiteGeneration } from './site-generation.js';
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

/** What a good build of `quire dev` tells: like `quire build`'s result, without the files it did not write. */
export type DevBuildResult = Pick<BuildResult, 'pages' | 'posts' | 'diagnostics' | 'timings'> & {
  /** How much was done again (see `UpdateScope`). */
  readonly scope: UpdateScope;
};

export type DevEvent =
  | { readonly type: 'building'; readonly reasons: readonly string[] }
  | { readonly type: 'built'; readonly build: number; readonly ms: number; readonly result: DevBuildResult; readonly reasons: readonly string[] }
  | { readonly type: 'failed'; readonly ms: number; readonly diagnostics: readonly Diagnostic[]; readonly reasons: readonly string[]; readonly hasSite: boolean }
  | { readonly type: 'page-failed'; readonly build: number; readonly diagnostic: Diagnostic };

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
 * `quire dev`: build the site in memory (never into dist/), serve it, watch the sources and bring
 * the site up to date on change (see `openDevSession`: only what an edit touches is read and
 * rendered again; pages are rendered when asked for), and tell open pages over Server-Sent Events
 * to reload, or to show the build error over the last good site, which keeps being served. A new
 * state of the site replaces the old one only when it is good and complete, so no request ever
 * sees half a site. Resolves once the first build has finished (good or not) and the server listens.
 */
export async function startDevServer(options: DevOptions, report: (event: DevEvent) => void): Promise<DevServer> {
  let counter = 0;
  let state: DevState = { build: 0, ok: true, building: true, diagnostics: [] };
  let targets: WatchTargets = defaultTargets(options.root, options.config);
  let watcher: PathWatcher | undefined;
  let served: { generation: SiteGeneration | undefined; build: number } = { generation: undefined, build: 0 };
  const reportedPages = new Set<string>();

  const live = createLiveReload(() => state);
  const onPageError = (problem: Diagnostic, build: number) => {
    const key = `${build}\u0000${problem.code}\u0000${problem.message}`;
    if (reportedPages.has(key)) return;
    reportedPages.add(key);
    report({ type: 'page-failed', build, diagnostic: problem });
  };
  // Listening on every address: a request may name any address of this machine.
  const addresses = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
  let allowHost = hostAllowed(options.host, addresses, []);
  const handle = createRequestHandler(() => served, live, () => ({ ...state, url: origin + (served.generation?.basePath ?? '/') }), (host) => allowHost(host), onPageError);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`quire dev: ${(error as Error).message}\n`);
    });
  });
  const port = await listen(server, options);
  const origin = `http://${displayHost(options.host)}:${port}`;
  const session = openDevSession({ root: options.root, config: options.config, origin, drafts: options.drafts, future: options.future });

  const rebuild = async (reasons: readonly string[]): Promise<void> => {
    const started = performance.now();
    state = { ...state, building: true };
    report({ type: 'building', reasons });
    live.broadcast('building', { reasons });
    const update = await session.update(reasons.includes('start') ? 'all' : reasons);
    // The folders to watch come from the config, which may just have changed.
    if (session.config) {
      setTargets(targetsOf(session.config, options.root));
      allowHost = hostAllowed(options.host, addresses, session.config.dev.allowedHosts);
    }
    if (update.ok) {
      const n = ++counter;
      served = { generation: update.generation, build: n };
      reportedPages.clear();
      state = { build: n, ok: true, building: false, diagnostics: update.diagnostics };
      live.broadcast('reload', { build: n });
      const { site } = update.generation;
      const result: DevBuildResult = { pages: site.routes.length, posts: site.posts.length, diagnostics: update.diagnostics, timings: update.timings, scope: update.scope };
      report({ type: 'built', build: n, ms: performance.now() - started, result, reasons });
    } else {
      state = { build: state.build, ok: false, building: false, diagnostics: update.diagnostics };
      live.broadcast('build-error', state);
      report({ type: 'failed', ms: performance.now() - started, diagnostics: update.diagnostics, reasons, hasSite: served.generation !== undefined });
    }
  };

  const setTargets = (next: WatchTargets) => {
    if (sameTargets(next, targets) && watcher) return;
    targets = next;
    if (watcher) watcher.setTargets(next);
    else watcher = watchPaths(next, (file) => queue.trigger(file));
  };

  const queue = createRebuildQueue(rebuild, { debounceMs: options.debounceMs ?? 20 });
  queue.trigger('start');
  await queue.idle();
  if (!watcher) watcher = watchPaths(targets, (file) => queue.trigger(file));

  return {
    url: origin + (served.generation?.basePath ?? session.config?.basePath ?? '/'),
    port,
    watching: () => targets,
    building: () => state.building,
    async close() {
      watcher?.close();
      await queue.close();
      live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await session.close();
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

