#!/usr/bin/env node
// Where a build's CPU time goes, from the profiles of `node --cpu-prof --cpu-prof-dir=DIR` (one
// file per thread: the main thread and every worker): self time summed by package (node_modules),
// quire's own folder (lib/…), Node's internals, and the garbage collector. Usage:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/quire.js build --root SITE
//   node scripts/bench/profile-summary.mjs /tmp/prof [--top 30] [--functions 20]
// The first table sums the packages by what they do in a build (PARTS below); the others list
// the packages and functions themselves.
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

/** What each package does in a build; the first pattern that matches a place names its part. */
const PARTS = [
  ['the Markdown parse (micromark, mdast-util-from-markdown, GFM, math)', /^(micromark|mdast-util-from-markdown|mdast-util-gfm|mdast-util-math|mdast-util-find-and-replace|decode-named-character-reference|character-entities|remark-|unified|bail|trough|vfile|devlop|escape-string-regexp)/],
  ['tree walks (unist-util-*: remark-gfm\'s autolinks, plugins)', /^unist-util-/],
  ['Shiki (its WebAssembly regular expressions, vscode-textmate)', /^(wasm:|@shikijs\/|shiki)/],
  ['the garbage collector', /^\(garbage collector\)$/],
  ['LiquidJS (templates)', /^liquidjs$/],
  ['mdast → hast → HTML (mdast-util-to-hast, hast-util-*, stringify-entities)', /^(mdast-util-to-hast|hast-util-|hastscript|stringify-entities|property-information|html-void-elements|zwitch|ccount|comma-separated-tokens|space-separated-tokens|web-namespaces|rehype-|mdast-util-to-string)/],
  ['front matter and dates (gray-matter, yaml, zod, Luxon)', /^(gray-matter|js-yaml|yaml|zod|luxon|section-matter|kind-of|strip-bom-string)$/],
  ['feeds (feed, @xmldom/xmldom, xml-js)', /^(feed|@xmldom\/xmldom|xml-js|sax)$/],
  ["Node and native code (files, buffers, zlib, module loading, copying between threads)", /^(node:|\(native\)|\(program\))/],
  ["quire's own code", /^quire /],
];
const partOf = (where) => PARTS.find(([, pattern]) => pattern.test(where))?.[0] ?? 'other packages';

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
const byPart = new Map();
for (const [where, us] of byPlace) byPart.set(partOf(where), (byPart.get(partOf(where)) ?? 0) + us);
console.log('| part of the build (self time) | time | share |\n|---|--:|--:|');
console.log(rows(byPart, byPart.size).join('\n'));
console.log('\n| where (self time) | time | share |\n|---|--:|--:|');
console.log(rows(byPlace, Number(values.top)).join('\n'));
console.log('\n| function | time | share |\n|---|--:|--:|');
console.log(rows(byFunction, Number(values.functions)).join('\n'));
