import type { ResolvedConfig } from '../config/resolve-config.js';
import type { DualLines } from '../render/code/tokenize.js';
import type { TokenSource } from '../render/highlight.js';
import type { LinkTable } from '../render/markdown/rewrite-links.js';
import { createEntryTasks, type EntryTaskOptions, type EntryTasks, type LoadOutcome, type LoadTask, type RenderOutcome, type RenderTask } from './entry-tasks.js';
import { startEntryWorker, type EntryWorker, type WorkerSetup } from './worker-pool.js';

/** Fewer entries to parse or render than this are done on the main thread: starting workers costs more. */
export const MIN_ENTRIES_FOR_WORKERS = 50;
/** Entries per worker at least (25 × 2 = 50: two workers from the threshold up). */
const ENTRIES_PER_WORKER = 25;
/** Entries sent to a worker per message. */
const BATCH = 8;

export interface EntryRunner {
  load(tasks: readonly LoadTask[]): Promise<LoadOutcome[]>;
  render(tasks: readonly RenderTask[], links: LinkTable): Promise<RenderOutcome[]>;
  /** Highlighted code used or made, from every thread. */
  highlightUsed(): Promise<Record<string, DualLines>>;
  /** Worker threads started so far (0: everything ran on the main thread). */
  readonly workers: number;
  close(): Promise<void>;
}

type Executor = { readonly kind: 'local'; readonly tasks: EntryTasks } | { readonly kind: 'worker'; readonly worker: EntryWorker };

/**
 * Runs entry tasks on the main thread, joined by up to `threads` − 1 worker threads when a step
 * has enough entries to be worth it. An entry is rendered by the thread that loaded it (which
 * still holds its tree); other entries go to whichever thread is free, a few at a time. Results
 * come back in the order of the tasks, whatever thread ran them, so output does not depend on
 * the number of threads.
 */
export function createEntryRunner(config: ResolvedConfig, setup: WorkerSetup, threads: number, options: EntryTaskOptions = {}): EntryRunner {
  let local: Executor | undefined;
  const pool: Array<Executor & { kind: 'worker' }> = [];
  /** Source key → the executor holding its tree. */
  const owner = new Map<string, Executor>();
  // The main thread has workers' shiki at hand: it sends them its code (round robin) instead of
  // compiling every grammar a second time in its own memory.
  let turn = 0;
  const tokensElsewhere = (): TokenSource | undefined =>
    pool.length === 0 ? undefined : { tokenize: (requests) => pool[turn++ % pool.length]!.worker.call('tokenize', requests), dispose: () => undefined };
  const localExecutor = (): Executor => (local ??= { kind: 'local', tasks: createEntryTasks(config, { tokensElsewhere, ...options }) });
  // The main thread is one of the threads: it takes batches like the workers (it would otherwise
  // wait for them), so `threads` threads need threads − 1 workers.
  const ensureWorkers = (count: number): Executor[] => {
    const wanted = Math.max(1, Math.min(threads, Math.ceil(count / ENTRIES_PER_WORKER)) - 1);
    while (pool.length < wanted) pool.push({ kind: 'worker', worker: startEntryWorker(setup) });
    return [localExecutor(), ...pool];
  };
  const useWorkers = (count: number) => threads > 1 && (pool.length > 0 || count >= MIN_ENTRIES_FOR_WORKERS);

  return {
    async load(tasks) {
      const executors = useWorkers(tasks.length) ? ensureWorkers(tasks.length) : [localExecutor()];
      const queues = new Map<Executor, number[]>(executors.map((e) => [e, []]));
      const shared = tasks.map((_, i) => i);
      return dispatch(tasks, queues, shared, async (executor, batch) => {
        for (const task of batch) if (!task.withTree) owner.set(task.source.rel, executor);
        return executor.kind === 'local' ? executor.tasks.load(batch) : executor.worker.call('load', batch);
      });
    },
    async render(tasks, links) {
      const unowned = tasks.filter((t) => !owner.has(t.placed.entry.source.rel)).length;
      const executors = useWorkers(unowned) ? ensureWorkers(unowned) : [localExecutor()];
      const queues = new Map<Executor, number[]>(executors.map((e) => [e, []]));
      const shared: number[] = [];
      tasks.forEach((task, i) => {
        const held = owner.get(task.placed.entry.source.rel);
        if (!held) return void shared.push(i);
        const queue = queues.get(held) ?? [];
        queues.set(held, queue);
        queue.push(i);
      });
      await Promise.all([...queues.keys()].map((e) => (e.kind === 'local' ? e.tasks.setLinks(links) : e.worker.call('setLinks', links))));
      const outcomes = await dispatch(tasks, queues, shared, (executor, batch) => (executor.kind === 'local' ? executor.tasks.render(batch) : executor.worker.call('render', batch)));
      for (const task of tasks) owner.delete(task.placed.entry.source.rel);
      return outcomes;
    },
    async highlightUsed() {
      const parts = await Promise.all([local?.kind === 'local' ? local.tasks.highlightUsed() : {}, ...pool.map((e) => e.worker.call('highlightUsed', undefined))]);
      return Object.assign({}, ...parts) as Record<string, DualLines>;
    },
    get workers() {
      return pool.length;
    },
    async close() {
      if (local?.kind === 'local') local.tasks.dispose();
      await Promise.all(pool.map((e) => e.worker.close()));
    },
  };
}

/**
 * Run every task once: each executor takes batches from its own queue, then from the shared one,
 * until both are empty. Results are put back at their task's index.
 */
async function dispatch<T, R>(tasks: readonly T[], queues: Map<Executor, number[]>, shared: number[], run: (executor: Executor, batch: T[]) => Promise<R[]>): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  const lane = async (executor: Executor, own: number[]) => {
    for (;;) {
      const indexes = own.length > 0 ? own.splice(0, BATCH) : shared.splice(0, BATCH);
      if (indexes.length === 0) return;
      const outcomes = await run(
        executor,
        indexes.map((i) => tasks[i]!),
      );
      indexes.forEach((index, j) => (results[index] = outcomes[j]!));
      // The main thread's batches run on the event loop: let the workers' replies in between.
      if (executor.kind === 'local') await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  // Two requests in flight per worker, so it has the next batch while the main thread is busy.
  await Promise.all([...queues].flatMap(([executor, own]) => (executor.kind === 'worker' ? [lane(executor, own), lane(executor, own)] : [lane(executor, own)])));
  return results;
}
