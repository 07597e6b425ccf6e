export interface RebuildQueue {
  /** Something changed: build after `debounceMs` of quiet; during a build, once more after it. */
  trigger(reason: string): void;
  /** Resolves when no build is running or waiting. */
  idle(): Promise<void>;
  /** No more builds; waits for the running one. */
  close(): Promise<void>;
}

/**
 * Debounce bursts of file events (an editor's save is often several) and never run two builds at
 * once: changes during a build queue exactly one follow-up, which sees all of them. `run` gets the
 * reasons (changed paths) gathered since the last build started; it must not throw.
 */
export function createRebuildQueue(run: (reasons: readonly string[]) => Promise<void>, options: { debounceMs: number }): RebuildQueue {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  let waiters: Array<() => void> = [];

  const settle = () => {
    if (running || timer || pending.size > 0) return;
    const list = waiters;
    waiters = [];
    for (const resolve of list) resolve();
  };
  const start = () => {
    timer = undefined;
    if (closed || running || pending.size === 0) return settle();
    const reasons = [...pending];
    pending = new Set();
    running = run(reasons).finally(() => {
      running = undefined;
      // Changes that came in during the build: one more build, once they are quiet.
      if (pending.size > 0 && !closed) timer = setTimeout(start, options.debounceMs);
      else settle();
    });
  };

  return {
    trigger(reason) {
      if (closed) return;
      pending.add(reason);
      if (running) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(start, options.debounceMs);
    },
    idle() {
      if (!running && !timer && pending.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
      await running;
      settle();
    },
  };
}
