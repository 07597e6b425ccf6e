#!/usr/bin/env node
// The parse floor: the CPU time of `unified().use(remarkParse).use(remarkGfm).parse()` alone over
// the body of every post of the bench corpus (scripts/bench/corpus.mjs; front matter cut off, none
// of quire's plugins, nothing after the parse), in one thread of a fresh process: the JIT starts
// cold, as it does in a cold build, and the garbage collections the parse causes are counted.
// Remark-parse is part of quire's design, so no cold build can cost less than this; run.mjs and
// compare.mjs report a cold build's CPU time as a multiple of it.
// Usage: node scripts/bench/parse-floor.mjs [--posts 1000] [--runs 3]   (median of the runs, each
// in its own process). Needs only the repository's node_modules.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { post } from './corpus.mjs';
import { median } from './median.mjs';

const self = fileURLToPath(import.meta.url);

/** The body of post i, as quire's load stage hands it to the parser (front matter cut off). */
export const postBody = (i) => post(i).replace(/^---\n[\s\S]*?\n---\n/, '');

/**
 * CPU seconds (user + sys) of parsing the bodies of posts 0 … n−1, in a process of its own; the
 * median of `runs` processes. Also the process's peak RSS (MiB) and the wall time of its GC pauses (s).
 */
export function parseFloor(n, runs = 3) {
  const samples = [];
  for (let r = 0; r < runs; r++) {
    const child = spawnSync(process.execPath, [self, '--child', String(n)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`parse-floor: the parse failed:\n${child.stderr}`);
    samples.push(JSON.parse(child.stdout));
  }
  return { posts: n, cpu: median(samples.map((s) => s.cpu)), gc: median(samples.map((s) => s.gc)), rss: median(samples.map((s) => s.rss)), samples };
}

async function child(n) {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkGfm } = await import('remark-gfm');
  const { PerformanceObserver } = await import('node:perf_hooks');
  const bodies = Array.from({ length: n }, (_, i) => postBody(i));
  const processor = unified().use(remarkParse).use(remarkGfm);
  let gc = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc += e.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const before = process.cpuUsage();
  let nodes = 0;
  for (const body of bodies) nodes += processor.parse(body).children.length;
  const used = process.cpuUsage(before);
  await new Promise((resolve) => setTimeout(resolve, 100)); // let the GC entries in
  observer.disconnect();
  process.stdout.write(JSON.stringify({ cpu: (used.user + used.system) / 1e6, gc: gc / 1000, rss: process.resourceUsage().maxRSS / 1024, nodes }));
}

if (process.argv[1] === self) {
  const { values } = parseArgs({ options: { child: { type: 'string' }, posts: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
  if (values.child) await child(Number(values.child));
  else {
    const n = Number(values.posts);
    const runs = Number(values.runs);
    const floor = parseFloor(n, runs);
    console.log(`node ${process.version} · ${os.availableParallelism()} cores · ${new Date().toISOString().slice(0, 10)} · median of ${runs} processes`);
    console.log('| posts | parse floor: CPU | per post | GC pauses (wall time) | peak RSS |\n|--:|--:|--:|--:|--:|');
    console.log(`| ${n} | ${floor.cpu.toFixed(2)} s | ${((floor.cpu / n) * 1000).toFixed(2)} ms | ${floor.gc.toFixed(2)} s | ${Math.round(floor.rss)} MiB |`);
  }
}
