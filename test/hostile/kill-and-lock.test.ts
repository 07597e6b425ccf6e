/**
 * Nothing lost, with real processes: `node bin/quire.js build` killed with SIGKILL at seeded random
 * moments across a build leaves the old site or the new one — never a mix, never an empty folder —
 * and the next build finishes the job; two builds at once never corrupt the output (the second
 * stops on the lock with a clear message, or runs after the first).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configJson, hashTree, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';
import { lockText } from '../../src/emit/output-lock.js';

const bin = fileURLToPath(new URL('../../bin/quire.js', import.meta.url));
const POSTS = 200;
const TRIALS = 10;
const SEED = 0x9e3779b9;
const ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };

/** mulberry32: a small seeded PRNG, so a failing trial can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two versions of a site of POSTS posts: every post's text differs between them. */
function writeVersion(root: string, version: 'A' | 'B'): void {
  const files: Record<string, string> = {};
  for (let i = 0; i < POSTS; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    files[`content/posts/post-${i}.md`] = [
      '---',
      `title: Post ${i} (${version})`,
      `date: 2024-${month}-${day} 10:${String(i % 60).padStart(2, '0')}`,
      `tags: [t${i % 17}, 标签${i % 5}]`,
      '---',
      `Version ${version} of post ${i}. 第 ${i} 篇文章的正文，版本 ${version}。`,
      '',
      '```js',
      `const post${i} = '${version}';`,
      '```',
      '',
      ...Array.from({ length: 10 }, (_, j) => `Paragraph ${j} of post ${i}, version ${version}: some words to render.\n`),
    ].join('\n');
  }
  writeFiles(root, files);
}

function quire(root: string): { code: number | null; stderr: string; ms: number } {
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, 'build'], { cwd: root, encoding: 'utf8', env: ENV });
  return { code: run.status, stderr: run.stderr, ms: performance.now() - started };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** What is beside dist/: quire's own folders and lock. */
const leftovers = (root: string) => readdirSync(root).filter((n) => n.startsWith('.dist.quire-'));

describe('SIGKILL during a build', () => {
  let root: string;
  let dist: string;
  const trees: Record<'A' | 'B', Record<string, string>> = { A: {}, B: {} };
  let buildMs = 0;

  beforeAll(() => {
    root = tempDir('quire-kill-');
    dist = path.join(root, 'dist');
    writeFileSync(path.join(root, 'quire.config.json'), configJson({ language: 'en' }));
    writeVersion(root, 'A');
    expect(quire(root).code).toBe(0);
    trees.A = hashTree(dist);
    writeVersion(root, 'B');
    const b = quire(root);
    expect(b.code).toBe(0);
    trees.B = hashTree(dist);
    buildMs = b.ms;
  }, 300_000);
  afterAll(() => remove(root));

  it(`leaves the old or the new site at ${TRIALS} seeded random kill times, and the next build completes it`, async () => {
    expect(Object.keys(trees.A).length).toBeGreaterThan(POSTS);
    expect(trees.A).not.toEqual(trees.B);
    const next = random(SEED);
    let current: 'A' | 'B' = 'B';
    const seen = { old: 0, new: 0, asideThenRestored: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      const target: 'A' | 'B' = current === 'A' ? 'B' : 'A';
      writeVersion(root, target);
      // Stratified over the measured build time (and a little past it), so early, middle and the
      // final writing and swapping are all hit.
      const delay = Math.round(((trial + next()) / TRIALS) * buildMs * 1.1);
      const context = `trial ${trial} (seed ${SEED}, kill after ${delay} ms of a ${Math.round(buildMs)} ms build)`;
      const child = spawn(process.execPath, [bin, 'build'], { cwd: root, env: ENV, stdio: 'ignore' });
      const done = exited(child);
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      const { code } = await done;

      // Right after the kill: the old site or the new one. Only a kill between the two renames of
      // the swap leaves no dist/, with the complete old site beside it for the next build to restore.
      if (existsSync(dist)) {
        const tree = hashTree(dist);
        const which = JSON.stringify(tree) === JSON.stringify(trees[current]) ? 'old' : JSON.stringify(tree) === JSON.stringify(trees[target]) ? 'new' : 'mixed';
        expect(which, context).not.toBe('mixed');
        if (which !== 'mixed') seen[which]++;
        if (code === 0) expect(which, context).toBe('new');
      } else {
        const aside = leftovers(root).filter((n) => n.startsWith('.dist.quire-old-'));
        expect(aside, context).toHaveLength(1);
        expect(hashTree(path.join(root, aside[0]!)), context).toEqual(trees[current]);
        seen.asideThenRestored++;
      }

      // The next build recovers (takes over the dead process's lock, restores or cleans up) and
      // writes the new site; nothing of the killed build is left beside it.
      const after = quire(root);
      expect(after.code, `${context}: ${after.stderr}`).toBe(0);
      expect(hashTree(dist), context).toEqual(trees[target]);
      expect(leftovers(root), context).toEqual([]);
      current = target;
    }
    // The trials were spread across the build: some kills left the old site and the new one came
    // only with the next build.
    expect(seen.old + seen.asideThenRestored, JSON.stringify(seen)).toBeGreaterThan(0);
  }, 600_000);
});

describe('two builds of one site at once', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir('quire-lock-');
    writeFileSync(path.join(root, 'quire.config.json'), configJson({ language: 'en' }));
    writeFiles(root, {
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\nA.\n',
      'content/posts/b.md': '---\ntitle: B\ndate: 2025-01-02\n---\nB.\n',
    });
  });
  afterAll(() => remove(root));

  it('stops the second with WriteError, the lock holder’s pid and a hint, leaving dist/ as it was', async () => {
    expect(quire(root).code).toBe(0);
    const before = hashTree(path.join(root, 'dist'));
    // A live process holds the lock, as a running quire would.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(root, '.dist.quire-lock'), lockText(holder.pid!));
      writeFiles(root, { 'content/posts/c.md': '---\ntitle: C\ndate: 2025-01-03\n---\nC.\n' });
      const run = quire(root);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`error[WriteError] another quire (process ${holder.pid}) is writing`);
      expect(run.stderr).toMatch(/hint: wait for it to finish; if no quire is running, delete .*\.dist\.quire-lock/);
      expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect(hashTree(path.join(root, 'dist'))).toEqual(before);
    } finally {
      holder.kill('SIGKILL');
      await exited(holder);
    }
    // Once the holder is gone its lock is stale: the next build takes it over.
    const run = quire(root);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(root, 'dist/posts/c/index.html'))).toBe(true);
    expect(leftovers(root)).toEqual([]);
  });

  it('never corrupts the output when two builds really run at once', async () => {
    const expected = (() => {
      expect(quire(root).code).toBe(0);
      return hashTree(path.join(root, 'dist'));
    })();
    for (let round = 0; round < 3; round++) {
      const runs = [0, 1].map(() => {
        const child = spawn(process.execPath, [bin, 'build'], { cwd: root, env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        return exited(child).then(({ code }) => ({ code, stderr }));
      });
      const results = await Promise.all(runs);
      for (const result of results) {
        // Either it built, or it stopped on the lock with the clear message.
        if (result.code !== 0) {
          expect(result.code).toBe(1);
          expect(result.stderr).toContain('error[WriteError] another quire');
        }
      }
      expect(results.some((r) => r.code === 0)).toBe(true);
      expect(hashTree(path.join(root, 'dist'))).toEqual(expected);
      expect(leftovers(root)).toEqual([]);
    }
  }, 120_000);
});
