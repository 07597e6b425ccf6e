#!/usr/bin/env node
// What the libraries of a cold build cost on their own, next to the parse floor (parse-floor.mjs),
// each in a fresh process over the bench corpus (scripts/bench/corpus.mjs), CPU time (user + sys),
// median of the runs:
// - the parse floor: remark-parse + remark-gfm over every post body;
// - quire's parser: the same bodies through quire's own processor (`parse()` only: remark-gfm plus
//   the CJK-friendly emphasis, math and the CJK line-break pass);
// - Shiki: every fenced code block of the corpus tokenized once for both themes, as quire does
//   (its Oniguruma WebAssembly engine, grammars loaded as the blocks need them), and the same with
//   Shiki's JavaScript regular-expression engine for comparison. The same tokens either way
//   (checked: the script fails if they differ).
// Usage: npm run build && node scripts/bench/library-costs.mjs [--posts 1000] [--runs 3]
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { post, LANGUAGES } from './corpus.mjs';
import { parseFloor, postBody } from './parse-floor.mjs';
import { median } from './median.mjs';

const self = fileURLToPath(import.meta.url);
const THEMES = { light: 'github-light', dark: 'github-dark' };

/** CPU seconds of `part` over n posts in a process of its own (median of `runs`), and a digest of what it made. */
function measure(part, n, runs) {
  const samples = [];
  for (let r = 0; r < runs; r++) {
    const child = spawnSync(process.execPath, [self, '--child', part, '--posts', String(n)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (child.status !== 0) throw new Error(`library-costs: ${part} failed:\n${child.stderr}`);
    samples.push(JSON.parse(child.stdout));
  }
  return { cpu: median(samples.map((s) => s.cpu)), digest: samples[0].digest, units: samples[0].units };
}

const cpuOf = (used) => (used.user + used.system) / 1e6;

async function child(part, n) {
  const { createHash } = await import('node:crypto');
  if (part === 'quire-parse') {
    const { createMarkdownProcessor } = await import('../../lib/render/markdown/create-processor.js');
    const bodies = Array.from({ length: n }, (_, i) => postBody(i));
    const processor = createMarkdownProcessor({ remarkPlugins: [], rehypePlugins: [], footnoteLabel: 'Footnotes', footnoteBackLabel: 'Back to content' });
    const before = process.cpuUsage();
    let nodes = 0;
    for (const body of bodies) nodes += processor.parse(body).children.length;
    return { cpu: cpuOf(process.cpuUsage(before)), units: n, digest: String(nodes) };
  }
  // shiki-oniguruma, shiki-javascript
  const { createHighlighter } = await import('shiki');
  const { createDualThemeTokenizer } = await import('../../lib/render/code/tokenize.js');
  const blocks = [];
  for (let i = 0; i < n; i++) for (const m of post(i).matchAll(/^```([\w+#-]*)[^\n]*\n([\s\S]*?)\n```$/gm)) blocks.push({ lang: m[1], code: m[2] });
  const engine = part === 'shiki-javascript' ? { engine: (await import('shiki/engine/javascript')).createJavaScriptRegexEngine() } : {};
  const before = process.cpuUsage();
  const highlighter = await createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: [], ...engine });
  const tokenizer = createDualThemeTokenizer(highlighter, THEMES);
  const hash = createHash('sha256');
  for (const lang of LANGUAGES) {
    await highlighter.loadLanguage(lang);
    for (const block of blocks) if (block.lang === lang) hash.update(JSON.stringify(tokenizer.tokenize(block.code, block.lang)));
  }
  return { cpu: cpuOf(process.cpuUsage(before)), units: blocks.length, digest: hash.digest('hex') };
}

const { values } = parseArgs({ options: { child: { type: 'string' }, posts: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } } });
const n = Number(values.posts);
if (values.child) process.stdout.write(JSON.stringify(await child(values.child, n)));
else {
  const runs = Number(values.runs);
  const floor = parseFloor(n, runs).cpu;
  const parse = measure('quire-parse', n, runs);
  const onig = measure('shiki-oniguruma', n, runs);
  const js = measure('shiki-javascript', n, runs);
  if (onig.digest !== js.digest) throw new Error('library-costs: the two Shiki engines gave different tokens');
  const row = (what, cpu, note) => `| ${what} | ${cpu.toFixed(2)} s | ${(cpu / floor).toFixed(2)}× | ${note} |`;
  console.log(`node ${process.version} · ${os.availableParallelism()} cores · ${new Date().toISOString().slice(0, 10)} · ${n} posts · median of ${runs} processes each`);
  console.log('| part, alone | CPU | × parse floor | |\n|---|--:|--:|---|');
  console.log(row('parse floor (remark-parse + remark-gfm)', floor, 'the design: nothing parses less'));
  console.log(row("quire's parser (+ CJK emphasis, math, CJK line breaks)", parse.cpu, 'the same bodies'));
  console.log(row('Shiki, Oniguruma (what quire uses)', onig.cpu, `${onig.units} code blocks, both themes in one pass, grammars loaded`));
  console.log(row("Shiki, JavaScript engine", js.cpu, 'the same tokens'));
}
