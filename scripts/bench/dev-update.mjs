#!/usr/bin/env node
// Usage: node scripts/bench/dev-update.mjs DIR [N]   (compiled library: npm run build first)
// In-process half of dev-reload.mjs: opens a dev session (what `quire dev` keeps between saves) on
// the site in DIR (a generated corpus, e.g. left by `BENCH_DIR=DIR node scripts/bench/dev-reload.mjs
// 4000`), then changes the title of its first post (see BENCH_SPREAD) N times (default 15) and times each
// `session.update` plus rendering that post's page, with the session's stage timings. No watcher,
// debounce, SSE or HTTP. BENCH_ORIGIN (default http://127.0.0.1:4771, as BENCH_PORT=4771 there)
// decides which render records of DIR's cache are warm. BENCH_KIND=text appends a line instead.
// BENCH_SPREAD=1 edits another post each time (post i on edit i), so that no save finds the file's
// body as the session last parsed it (the first save of each file; the default saves one file again).
// BENCH_PROFILE=FILE writes a CPU profile (.cpuprofile, for Chrome DevTools) of the edits alone.
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './median.mjs';

const { openDevSession } = await import(new URL('../../lib/dev/dev-session.js', import.meta.url).href);
const [dirArg, countArg] = process.argv.slice(2);
if (!dirArg) throw new Error('usage: node scripts/bench/dev-update.mjs DIR [N]');
const dir = path.resolve(dirArg);
const count = Number(countArg ?? 15);
const kind = process.env.BENCH_KIND === 'text' ? 'text' : 'title';
const spread = process.env.BENCH_SPREAD === '1';
const postOf = (i) => `post-${String(spread ? i + 1 : 0).padStart(5, '0')}`;

const session = openDevSession({ root: dir, config: undefined, origin: process.env.BENCH_ORIGIN ?? 'http://127.0.0.1:4771', drafts: false, future: false });
const started = performance.now();
const first = await session.update('all');
if (!first.ok) throw new Error(first.diagnostics.map((d) => d.message).join('\n'));
console.log(`first build ${Math.round(performance.now() - started)} ms`);

const profiler = process.env.BENCH_PROFILE ? new inspector.Session() : undefined;
const post = (method, params) => new Promise((resolve, reject) => profiler.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
if (profiler) {
  profiler.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
}
const rows = [];
for (let i = 0; i < count; i++) {
  const marker = `bench-edit-${i}-${Date.now()}`;
  const file = path.join(dir, 'content/posts', `${postOf(i)}.md`);
  const page = `posts/${postOf(i)}/index.html`;
  if (kind === 'title') writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: "${marker}"`));
  else appendFileSync(file, `\n${marker}\n`);
  const t0 = performance.now();
  const update = await session.update([file]);
  const t1 = performance.now();
  if (!update.ok) throw new Error(update.diagnostics.map((d) => d.message).join('\n'));
  const served = await update.generation.read(page);
  const t2 = performance.now();
  if (!served?.ok || !served.body.toString('utf8').includes(marker)) throw new Error(`the page has no ${marker}`);
  rows.push({ update: t1 - t0, page: t2 - t1, total: t2 - t0, scope: update.scope, timings: update.timings });
  await new Promise((r) => setTimeout(r, 50));
}
if (profiler) writeFileSync(process.env.BENCH_PROFILE, JSON.stringify((await post('Profiler.stop')).profile));
await session.close();

const stages = [...new Set(rows.flatMap((r) => Object.keys(r.timings)))];
console.log(`dev update · node ${process.version} · ${os.cpus().length} cores · ${kind} edits${spread ? ' (a different post each time)' : ''} · scope ${[...new Set(rows.map((r) => r.scope))].join('/')} · medians of ${count} · load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`update ${median(rows.map((r) => r.update)).toFixed(1)} ms · page ${median(rows.map((r) => r.page)).toFixed(1)} ms · both ${median(rows.map((r) => r.total)).toFixed(1)} ms (min ${Math.min(...rows.map((r) => r.total)).toFixed(1)}, max ${Math.max(...rows.map((r) => r.total)).toFixed(1)})`);
console.log(stages.map((s) => `${s} ${median(rows.map((r) => r.timings[s] ?? 0))}`).join(' · '));
