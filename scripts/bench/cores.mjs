#!/usr/bin/env node
// How much a second thread buys on this machine: the bench corpus's posts parsed by quire's
// Markdown processor (remark-parse + remark-gfm, the largest cost of a cold build) on 1, then 2
// (… up to the core count) worker threads at once, each thread parsing the same posts. A machine
// whose cores do not share anything runs each thread as fast as one alone (speedup = threads);
// vCPUs that share a physical core or its caches do not. Prints ms per post per thread and the
// speedup over one thread, and the CPU steal during the measurement (a shared VM's vCPUs may not
// run at once: steal means other guests had them). Usage: node scripts/bench/cores.mjs [--posts 300] [--rounds 3]
// Needs the compiled quire (npx tsc -p tsconfig.build.json).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { post } from './corpus.mjs';
import { stealMeter, stealNote } from './cpu-steal.mjs';
import { median } from './median.mjs';

if (!isMainThread) {
  const { createMarkdownProcessor } = await import('../../lib/render/markdown/create-processor.js');
  const processor = createMarkdownProcessor({ remarkPlugins: [], rehypePlugins: [], footnoteLabel: 'Footnotes', footnoteBackLabel: 'Back' });
  const texts = Array.from({ length: workerData.posts }, (_, i) => post(i));
  for (const text of texts.slice(0, 30)) processor.parse(text); // warm up the JIT
  parentPort.postMessage('ready');
  parentPort.once('message', () => {
    const started = performance.now();
    for (const text of texts) processor.parse(text);
    parentPort.postMessage((performance.now() - started) / texts.length);
  });
} else {
  const { values } = parseArgs({ options: { posts: { type: 'string', default: '300' }, rounds: { type: 'string', default: '3' } } });
  const posts = Number(values.posts);
  const rounds = Number(values.rounds);
  const cores = os.availableParallelism();

  /** ms per post of each of `n` threads parsing at the same time (all start together). */
  const run = async (n) => {
    const workers = Array.from({ length: n }, () => new Worker(new URL(import.meta.url), { workerData: { posts } }));
    const next = (w) => new Promise((resolve, reject) => w.once('message', resolve).once('error', reject));
    await Promise.all(workers.map(next));
    const results = workers.map(next);
    for (const w of workers) w.postMessage('go');
    const times = await Promise.all(results);
    await Promise.all(workers.map((w) => w.terminate()));
    return times;
  };

  console.log(`${cores} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; ${posts} bench posts parsed per thread, median of ${rounds} rounds`);
  console.log('| threads at once | ms per post, each thread | speedup over 1 thread |');
  console.log('|--:|--:|--:|');
  const steal = stealMeter();
  let single;
  for (let n = 1; n <= Math.max(2, cores); n++) {
    const perRound = [];
    for (let r = 0; r < rounds; r++) perRound.push(await run(n));
    const mean = median(perRound.map((times) => times.reduce((a, b) => a + b, 0) / n));
    single ??= mean;
    console.log(`| ${n} | ${mean.toFixed(2)} | ${((n * single) / mean).toFixed(2)}× |`);
  }
  const note = stealNote(steal);
  if (note !== '') console.log(`\n(during the measurement${note}: time the hypervisor gave to other guests)`);
}
