#!/usr/bin/env node
// quire against Hugo, Eleventy 3 and Hexo 8 on the same generated corpus (scripts/bench/corpus.mjs).
// Usage: node scripts/bench/compare.mjs [--posts 1000,4000] [--runs 3] [--tools quire,hugo,eleventy,hexo]
//          [--dev-edits 5] [--json results.json] [--keep] [--quire <package folder, default: this repository>]
// Needs the compiled quire (npx tsc -p tsconfig.build.json) and the peers, installed outside the
// repository by scripts/bench/peers/setup.mjs (QUIRE_PEERS, default $TMPDIR/quire-peers).
// For each N: every tool builds once and its output is verified (one page per post, two
// highlighted code blocks in each); then, round-robin (the starting tool rotates each round), R
// cold builds each (output and caches deleted first), R warm builds (nothing changed) and R
// one-post edits (a line appended to post 0, then the page checked for it). Each build is a child
// process under GNU time: wall time, CPU time (user + sys of the process and its waited children)
// and peak RSS (of the largest process). quire's output is compared byte for byte: warm against
// cold, and after the edits against a build with the cache deleted. Last, `quire dev` edit → reload.
// In each cold round the parse floor is measured too (parse-floor.mjs: remark-parse + remark-gfm
// alone over the same posts, one thread); quire's cold CPU time is reported as a multiple of it.
// Progress goes to stderr; the Markdown report to stdout.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdtempSync, renameSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusStats, postFile, writeCorpus } from './corpus.mjs';
import { stealMeter, stealNote } from './cpu-steal.mjs';
import { measureDevReload } from './dev-reload.mjs';
import { parseFloor } from './parse-floor.mjs';
import { peersDir } from './peers/location.mjs';
import { TOOLS, clean, postPages, snapshotQuire, verifyOutput } from './peers/sites.mjs';
import { median } from './median.mjs';

const { values: opts } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000,4000' },
    runs: { type: 'string', default: '3' },
    tools: { type: 'string', default: 'quire,hugo,eleventy,hexo' },
    'dev-edits': { type: 'string', default: '5' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    quire: { type: 'string' },
  },
});
const sizes = opts.posts.split(',').map(Number);
const runs = Number(opts.runs);
const devEdits = Number(opts['dev-edits']);
const keys = opts.tools.split(',');
for (const k of keys) if (!TOOLS[k]) fail(`unknown tool ${k}; choose from ${Object.keys(TOOLS).join(', ')}`);
if (keys[0] !== 'quire') fail('--tools must start with quire (the ratios are quire ÷ peer)');
if (sizes.some((n) => !(n > 0)) || !(runs > 0)) fail('--posts and --runs take positive numbers');
const peers = peersDir();
if (keys.some((k) => k !== 'quire' && k !== 'hugo') && !existsSync(path.join(peers, 'node/node_modules'))) fail(`no peers in ${peers}: run node scripts/bench/peers/setup.mjs`);
if (keys.includes('hugo') && spawnSync('hugo', ['version']).status !== 0) fail('no hugo: run node scripts/bench/peers/setup.mjs');
if (!existsSync('/usr/bin/time')) fail('no /usr/bin/time (Debian package `time`): run node scripts/bench/peers/setup.mjs');

const log = (msg) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const rotate = (xs, r) => xs.map((_, i) => xs[(i + r) % xs.length]);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'quire-compare-'));
const quireFrom = opts.quire ? path.resolve(opts.quire) : undefined;
const ctx = { peers, quireFrom, quire: snapshotQuire(quireFrom, path.join(scratch, 'quire-package')) };
const started = new Date();
const steal = stealMeter();
const machine = {
  date: started.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  nproc: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  node: process.version,
  loadBefore: load(),
  versions: Object.fromEntries(keys.map((k) => [k, TOOLS[k].version(ctx)])),
};
const results = [];
let identical = true;

for (const n of sizes) {
  const stealOfN = stealMeter();
  const loadOfN = load();
  const work = path.join(scratch, `posts-${n}`);
  const corpus = path.join(work, 'corpus');
  writeCorpus(corpus, n);
  const stats = corpusStats(corpus);
  const sites = {};
  for (const k of keys) {
    sites[k] = path.join(work, k);
    TOOLS[k].setup(sites[k], corpus, peers);
  }
  const build = (k) => {
    const [cmd, args] = TOOLS[k].command(sites[k], ctx);
    return measure(cmd, args, sites[k]);
  };
  const samples = { cold: {}, warm: {}, edit: {} };
  const floors = [];
  for (const mode of Object.keys(samples)) for (const k of keys) samples[mode][k] = [];

  log(`${n} posts in ${work}; load ${load()}`);
  for (const k of keys) {
    clean(TOOLS[k], sites[k]);
    const s = build(k);
    const problems = verifyOutput(TOOLS[k], sites[k], n);
    if (problems.length) fail(`${TOOLS[k].name} did not build the corpus as expected:\n  ${problems.join('\n  ')}`);
    log(`verified ${TOOLS[k].name}: ${n} post pages, 2 highlighted blocks each (first build ${s.wall.toFixed(2)} s)`);
  }
  for (let r = 0; r < runs; r++) {
    for (const k of rotate(keys, r)) {
      clean(TOOLS[k], sites[k]);
      samples.cold[k].push(build(k));
      log(`cold ${r + 1}/${runs} ${TOOLS[k].name} ${samples.cold[k].at(-1).wall.toFixed(2)} s`);
    }
    floors.push(parseFloor(n, 1).cpu);
    log(`parse floor ${r + 1}/${runs} ${floors.at(-1).toFixed(2)} s CPU`);
  }
  const quireOut = (name = 'dist') => path.join(sites.quire, name);
  cpSync(quireOut(), quireOut('dist-cold'), { recursive: true });
  for (let r = 0; r < runs; r++) {
    for (const k of rotate(keys, r)) {
      samples.warm[k].push(build(k));
      log(`warm ${r + 1}/${runs} ${TOOLS[k].name} ${samples.warm[k].at(-1).wall.toFixed(2)} s`);
    }
  }
  const checks = [compareTrees('quire warm build vs cold build', quireOut('dist-cold'), quireOut())];
  for (let r = 0; r < runs; r++) {
    for (const k of rotate(keys, r)) {
      const marker = `bench-edit-${r}-${Date.now()}`;
      const source = [path.join(sites[k], 'content/posts'), path.join(sites[k], 'src/posts'), path.join(sites[k], 'source/_posts')].find(existsSync);
      appendFileSync(path.join(source, postFile(0)), `\n${marker}\n`);
      samples.edit[k].push(build(k));
      const page = postPages(TOOLS[k], sites[k]).get('post-00000');
      if (!page || !readFileSync(page, 'utf8').includes(marker)) fail(`${TOOLS[k].name}: the edited post's page has no ${marker} after the rebuild`);
      log(`edit ${r + 1}/${runs} ${TOOLS[k].name} ${samples.edit[k].at(-1).wall.toFixed(2)} s`);
    }
  }
  // The edited site again with the cache deleted: must give the same bytes as the warm edit builds.
  renameSync(quireOut(), quireOut('dist-cache-on'));
  clean(TOOLS.quire, sites.quire);
  const [cmd, args] = TOOLS.quire.command(sites.quire, ctx);
  measure(cmd, args, sites.quire);
  checks.push(compareTrees('quire after one-post edits (cache on) vs the same site with the cache deleted', quireOut('dist-cache-on'), quireOut()));

  let dev;
  if (devEdits > 0) {
    log(`quire dev: ${devEdits} edits`);
    dev = await measureDevReload(ctx.quire, sites.quire, { file: path.join(sites.quire, 'content/posts', postFile(0)), page: 'posts/post-00000/' }, devEdits);
  }
  const summary = (xs) => ({ wall: median(xs.map((s) => s.wall)), cpu: median(xs.map((s) => s.cpu)), rss: median(xs.map((s) => s.rss)), samples: xs });
  results.push({
    n,
    stats,
    floor: median(floors),
    load: { before: loadOfN, after: load(), steal: stealNote(stealOfN) },
    modes: Object.fromEntries(Object.entries(samples).map(([mode, byTool]) => [mode, Object.fromEntries(keys.map((k) => [k, summary(byTool[k])]))])),
    checks,
    dev,
  });
  if (opts.keep || !identical) log(`kept ${work}${identical ? '' : ' (quire outputs differ: dist-cold, dist-cache-on and dist are there to compare)'}`);
  else rmSync(work, { recursive: true, force: true });
}

if (!opts.keep && identical) rmSync(scratch, { recursive: true, force: true });
machine.loadAfter = load();
machine.steal = stealNote(steal);
const report = render();
console.log(report);
if (opts.json) writeFileSync(opts.json, JSON.stringify({ machine, runs, results }, null, 2) + '\n');
if (!identical) process.exit(1);

function render() {
  const lines = [
    `${machine.date} · ${machine.nproc} cores (${machine.cpu}) · ${machine.memory} · load average ${machine.loadBefore} before, ${machine.loadAfter} after${machine.steal} · Node ${machine.node}`,
    `${keys.map((k) => machine.versions[k]).join(' · ')}`,
    `median of ${runs} build${runs === 1 ? '' : 's'} per tool and mode, round-robin; command: \`${['node scripts/bench/compare.mjs', ...process.argv.slice(2)].join(' ')}\``,
    '',
  ];
  const secs = (x) => `${x.toFixed(2)} s`;
  const mib = (x) => `${Math.round(x)} MiB`;
  const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
  for (const r of results) {
    const { cold, warm, edit } = r.modes;
    lines.push(`**${r.n} posts** (≈${r.stats.words} words, ${(r.stats.bytes / 1024).toFixed(1)} KB of Markdown each; load ${r.load.before} → ${r.load.after}${r.load.steal})`, '');
    lines.push('| tool | cold: wall | CPU | peak RSS | warm: wall | CPU | one-post edit: wall | CPU |', '|---|--:|--:|--:|--:|--:|--:|--:|');
    for (const k of keys) {
      lines.push(`| ${TOOLS[k].name} | ${secs(cold[k].wall)} | ${secs(cold[k].cpu)} | ${mib(cold[k].rss)} | ${secs(warm[k].wall)} | ${secs(warm[k].cpu)} | ${secs(edit[k].wall)} | ${secs(edit[k].cpu)} |`);
    }
    if (keys.length > 1) {
      lines.push('', '| quire ÷ peer | cold wall | cold CPU | cold peak RSS | warm wall | one-post edit wall |', '|---|--:|--:|--:|--:|--:|');
      for (const k of keys.slice(1)) {
        const q = 'quire';
        lines.push(`| ${TOOLS[k].name} | ${ratio(cold[q].wall, cold[k].wall)} | ${ratio(cold[q].cpu, cold[k].cpu)} | ${ratio(cold[q].rss, cold[k].rss)} | ${ratio(warm[q].wall, warm[k].wall)} | ${ratio(edit[q].wall, edit[k].wall)} |`);
      }
    }
    lines.push('', `Parse floor (remark-parse + remark-gfm alone over the same ${r.n} post bodies, one thread; \`node scripts/bench/parse-floor.mjs --posts ${r.n}\`): ${secs(r.floor)} CPU. quire's cold build: ${ratio(cold.quire.cpu, r.floor)} the floor in CPU time${keys.length > 1 ? `; ${keys.slice(1).map((k) => `${TOOLS[k].name}'s cold build is ${ratio(cold[k].cpu, r.floor)}`).join(', ')}` : ''}.`);
    lines.push('');
    if (r.dev) lines.push(`quire dev, median of ${devEdits} edits: first build and server up ${secs(r.dev.first / 1000)}; edit → \`reload\` event ${Math.round(r.dev.event)} ms (${Math.round(r.dev.min)}–${Math.round(r.dev.max)}); edit → new page served ${Math.round(r.dev.page)} ms.`, '');
    for (const c of r.checks) lines.push(`- ${c.what}: ${c.ok ? `byte for byte identical (${c.files} files)` : `DIFFERENT: ${c.detail}`}`);
    lines.push('');
  }
  return lines.join('\n');
}

function measure(cmd, args, cwd) {
  const timeFile = path.join(os.tmpdir(), `quire-compare-time-${process.pid}`);
  const t0 = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%U %S %M', cmd, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 256 * 2 ** 20,
    timeout: 60 * 60 * 1000,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const timed = existsSync(timeFile) ? readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) : '';
  rmSync(timeFile, { force: true });
  if (run.status !== 0) fail(`${path.basename(cmd)} ${args.join(' ')} (in ${cwd}) failed, exit ${run.status ?? run.signal}:\n${(run.stderr + run.stdout).slice(-3000)}`);
  const [user, sys, maxKb] = timed.split(' ').map(Number);
  return { wall, cpu: user + sys, rss: maxKb / 1024 };
}

function hashTree(dir) {
  const files = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex'));
  }
  return files;
}

function compareTrees(what, dirA, dirB) {
  const [a, b] = [hashTree(dirA), hashTree(dirB)];
  const differ = [...new Set([...a.keys(), ...b.keys()])].filter((f) => a.get(f) !== b.get(f)).sort();
  const ok = differ.length === 0;
  if (!ok) identical = false;
  const detail = `${differ.length} files differ, e.g. ${differ.slice(0, 4).join(', ')}${ok ? '' : `; first difference in ${differ[0]}: ${firstDifference(path.join(dirA, differ[0]), path.join(dirB, differ[0]))}`}`;
  log(`${what}: ${ok ? 'identical' : detail}`);
  return { what, ok, files: a.size, detail: ok ? undefined : detail };
}

function firstDifference(fileA, fileB) {
  const [a, b] = [fileA, fileB].map((f) => (existsSync(f) ? readFileSync(f, 'utf8') : ''));
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const near = (t) => JSON.stringify(t.slice(Math.max(0, i - 60), i + 60));
  return `${near(a)} vs ${near(b)}`;
}

function fail(message) {
  console.error(`compare: ${message}`);
  process.exit(1);
}
