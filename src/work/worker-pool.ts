import { Worker } from 'node:worker_threads';
import type { BuildFlags } from '../config/resolve-config.js';
import type { DualLines } from '../render/code/tokenize.js';
import type { TokenRequest } from '../render/highlight.js';
import type { LinkTable } from '../render/markdown/rewrite-links.js';
import type { LoadOutcome, LoadTask, RenderOutcome, RenderTask } from './entry-tasks.js';

/** What a worker needs to resolve the same config as the main thread. */
export interface WorkerSetup {
  readonly root: string;
  readonly config: string | undefined;
  readonly flags: Omit<BuildFlags, 'now'>;
  /** `config.now`, as milliseconds (a Date is sent as one anyway; this keeps it explicit). */
  readonly now: number;
}

export type WorkerRequest =
  | { readonly id: number; readonly method: 'load'; readonly args: readonly LoadTask[] }
  | { readonly id: number; readonly method: 'render'; readonly args: readonly RenderTask[] }
  | { readonly id: number; readonly method: 'setLinks'; readonly args: LinkTable }
  | { readonly id: number; readonly method: 'tokenize'; readonly args: readonly TokenRequest[] }
  | { readonly id: number; readonly method: 'highlightUsed'; readonly args: undefined };

export type WorkerReply = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly message: string };

interface Replies {
  load: LoadOutcome[];
  render: RenderOutcome[];
  setLinks: undefined;
  tokenize: DualLines[];
  highlightUsed: Record<string, DualLines>;
}

export interface EntryWorker {
  call<M extends WorkerRequest['method']>(method: M, args: Extract<WorkerRequest, { method: M }>['args']): Promise<Replies[M]>;
  close(): Promise<void>;
}

/**
 * A worker thread running `entry-worker`. Requests are answered in order; a thread that dies
 * fails every request still waiting (the build reports it, it never hangs).
 */
export function startEntryWorker(setup: WorkerSetup): EntryWorker {
  const worker = spawn(setup);
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  let dead: Error | undefined;
  const failAll = (error: Error) => {
    dead ??= error;
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: WorkerReply) => {
    const pending = waiting.get(reply.id);
    if (!pending) return;
    waiting.delete(reply.id);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new Error(reply.message));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`a build worker thread stopped (exit code ${code})`)));
  return {
    call(method, args) {
      if (dead) return Promise.reject(dead);
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage({ id, method, args });
      });
    },
    async close() {
      dead ??= new Error('closed');
      await worker.terminate();
    },
  };
}

/**
 * A worker's young generation, in MiB: 48, what V8 lets it grow to by default, set here so that
 * it does not depend on the Node version. A worker parses most of a cold build's Markdown, which
 * allocates fast; capped at 12 MiB, its scavenges and the promotions they forced cost more CPU
 * than anything but the parse itself (1000 bench posts, cold: CPU −9 s, peak RSS +60 MiB with the
 * old generation left to grow as V8 chooses; see docs/content/pages/benchmark.md).
 */
const YOUNG_GENERATION_MB = 48;

function spawn(setup: WorkerSetup): Worker {
  const options = { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
  const compiled = new URL('./entry-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return new Worker(compiled, options);
  // Running from the TypeScript sources (the test suite): load the worker through jiti, which
  // quire already uses for TypeScript configs.
  const source = new URL('./entry-worker.ts', import.meta.url).href;
  const code = `import { createJiti } from ${JSON.stringify(import.meta.resolve('jiti'))};\nawait createJiti(${JSON.stringify(source)}).import(${JSON.stringify(source)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), options);
}
