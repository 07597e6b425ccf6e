import { describe, expect, it } from 'vitest';
import { createRebuildQueue } from '../../src/dev/rebuild-queue.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createRebuildQueue', () => {
  it('turns a burst of events into one build with all their reasons', async () => {
    const runs: string[][] = [];
    const queue = createRebuildQueue(async (reasons) => void runs.push([...reasons]), { debounceMs: 20 });
    for (const file of ['a.md', 'a.md', 'b.md']) {
      queue.trigger(file);
      await sleep(5);
    }
    await queue.idle();
    expect(runs).toEqual([['a.md', 'b.md']]);
  });

  it('never runs two builds at once and queues exactly one follow-up for changes during a build', async () => {
    const runs: string[][] = [];
    let running = 0;
    let most = 0;
    const queue = createRebuildQueue(
      async (reasons) => {
        running++;
        most = Math.max(most, running);
        runs.push([...reasons]);
        await sleep(60);
        running--;
      },
      { debounceMs: 5 },
    );
    queue.trigger('first');
    await sleep(20);
    for (const file of ['x', 'y', 'z']) {
      queue.trigger(file);
      await sleep(5);
    }
    await queue.idle();
    expect(most).toBe(1);
    expect(runs).toEqual([['first'], ['x', 'y', 'z']]);
  });

  it('builds nothing after close', async () => {
    const runs: string[][] = [];
    const queue = createRebuildQueue(async (reasons) => void runs.push([...reasons]), { debounceMs: 10 });
    queue.trigger('a');
    await queue.close();
    queue.trigger('b');
    await sleep(30);
    expect(runs).toEqual([]);
  });
});
