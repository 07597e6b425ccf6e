#!/usr/bin/env node
// Where a build's CPU time goes, from the profiles of `node --cpu-prof --cpu-prof-dir=DIR` (one
// file per thread: the main thread and every worker): self time summed by package (node_modules),
// quire's own folder (lib/…), Node's internals, and the garbage collector. Usage:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/quire.js build --root SITE
//   node scripts/bench/profile-summary.mjs /tmp/prof [--top 30] [--functions 20]
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' }, functions: { type: 'string', default: '20' } } });
const dir = positionals[0];
if (!dir) {
  console.error('usage: node scripts/bench/profile-summary.mjs PROFILE_DIR [--top 30] [--functions 20]');
  process.exit(1);
}

/** A call frame's place: a package, a folder of quire, Node itself, or V8's own entries. */
function place(frame) {
  const url = frame.url ?? '';
  if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const lib = url.lastIndexOf('/lib/');
  if (lib >= 0) return 'quire ' + path.dirname(url.slice(lib + 1));
  return url;
}

const byPlace = new Map();
const byFunction = new Map();
let total = 0;
const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
const perThread = [];
for (const file of files) {
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  let threadTotal = 0;
  for (const [id, us] of self) {
    const frame = nodes.get(id).callFrame;
    if (frame.functionName === '(idle)') continue;
    const where = place(frame);
    byPlace.set(where, (byPlace.get(where) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} ${where}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    threadTotal += us;
  }
  total += threadTotal;
  perThread.push(`${file}: ${(threadTotal / 1e6).toFixed(2)} s`);
}

const rows = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `| ${k} | ${(us / 1e6).toFixed(2)} s | ${((100 * us) / total).toFixed(1)} % |`);
console.log(`${files.length} profiles, ${(total / 1e6).toFixed(2)} s of samples (idle left out)\n${perThread.join('\n')}\n`);
console.log('| where (self time) | time | share |\n|---|--:|--:|');
console.log(rows(byPlace, Number(values.top)).join('\n'));
console.log('\n| function | time | share |\n|---|--:|--:|');
console.log(rows(byFunction, Number(values.functions)).join('\n'));
