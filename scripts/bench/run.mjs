#!/usr/bin/env node
// Usage: node scripts/bench/run.mjs [N ...]   (default: 100 1000)
// quire alone (compare.mjs measures it against the peers): builds a generated corpus with the
// compiled quire (npm run build first) in a child process per run, cold (build cache and output
// deleted first) and warm (nothing changed since the last build), and prints median wall time,
// CPU time and peak RSS as a Markdown table, with each build's CPU time as a multiple of the parse
// floor (parse-floor.mjs: remark-parse + remark-gfm alone over the same posts, one thread).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';
import { parseFloor } from './parse-floor.mjs';
import { median } from './median.mjs';

const bin = fileURLToPath(new URL('../../bin/quire.js', import.meta.url));
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const runs = Number(process.env.BENCH_RUNS ?? 3);

const rows = [];
for (const n of sizes.length ? sizes : [100, 1000]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-'));
  writeCorpus(dir, n);
  const floor = parseFloor(n, runs).cpu;
  for (const mode of ['cold', 'warm']) {
    const samples = [];
    for (let r = 0; r < runs; r++) {
      if (mode === 'cold') for (const d of ['.quire-cache', 'dist']) rmSync(path.join(dir, d), { recursive: true, force: true });
      samples.push(measure(dir));
    }
    rows.push({ n, mode, floor, wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rss: median(samples.map((s) => s.rss)) });
  }
  rmSync(dir, { recursive: true, force: true });
}

console.log(`node ${process.version} · ${os.cpus().length} cores · ${new Date().toISOString().slice(0, 10)} · median of ${runs}`);
console.log('| posts | build | wall | CPU | CPU ÷ parse floor | peak RSS |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.n} | ${r.mode} | ${r.wall.toFixed(2)} s | ${r.cpu.toFixed(2)} s | ${(r.cpu / r.floor).toFixed(2)}× (floor ${r.floor.toFixed(2)} s) | ${r.rss.toFixed(0)} MiB |`);

function measure(dir) {
  // /usr/bin/time gives CPU time and peak RSS; without it, wall time only.
  const started = process.hrtime.bigint();
  const timed = existsSync('/usr/bin/time');
  const run = timed
    ? spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, bin, 'build', '--root', dir], { encoding: 'utf8' })
    : spawnSync(process.execPath, [bin, 'build', '--root', dir], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(run.stderr);
  const [user, sys, maxKb] = timed ? run.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [NaN, 0, NaN];
  return { wall, cpu: user + sys, rss: maxKb / 1024 };
}
