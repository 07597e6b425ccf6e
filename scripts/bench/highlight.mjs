#!/usr/bin/env node
// Per-block cost of highlighting with two themes, on the fenced code of the sample site and the
// bench corpus languages: shiki's dual-theme path (tokenizes once per theme), shiki with one theme,
// quire's single-tokenization dual-theme path, and a cache hit. Usage: node scripts/bench/highlight.mjs
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHighlighter } from 'shiki';
import { createDualThemeTokenizer } from '../../lib/render/code/tokenize.js';
import { createCodeHighlighter } from '../../lib/render/highlight.js';

const content = fileURLToPath(new URL('../../content/', import.meta.url));
const themes = { light: 'github-light', dark: 'github-dark' };
const blocks = [];
for (const file of readdirSync(content, { recursive: true })) {
  if (!String(file).endsWith('.md')) continue;
  const text = readFileSync(path.join(content, String(file)), 'utf8');
  for (const m of text.matchAll(/^```([\w+#-]*)[^\n]*\n([\s\S]*?)\n```$/gm)) blocks.push({ lang: m[1], code: m[2] });
}
const quire = await createCodeHighlighter({ themes, aliases: {}, lineNumbers: false, tabWidth: 4, cache: undefined });
await quire.load(blocks.map((b) => b.lang));
const usable = blocks.map((b) => ({ ...b, lang: quire.resolve(b.lang) })).filter((b) => b.lang && b.lang !== 'plain');
const shiki = await createHighlighter({ themes: [themes.light, themes.dark], langs: [...new Set(usable.map((b) => b.lang))] });
const tokenizer = createDualThemeTokenizer(shiki, themes);
const store = new Map();
const cached = await createCodeHighlighter({ themes, aliases: {}, lineNumbers: false, tabWidth: 4, cache: { get: (k) => store.get(k), set: (k, v) => store.set(k, v) } });
await cached.load(usable.map((b) => b.lang));
for (const b of usable) cached.render(b.code, b.lang, '');

const ROUNDS = 20;
function perBlock(fn) {
  for (const b of usable) fn(b); // warm-up
  const t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) for (const b of usable) fn(b);
  return (performance.now() - t0) / (ROUNDS * usable.length);
}
const rows = [
  ['shiki codeToHast, two themes', perBlock((b) => shiki.codeToHast(b.code, { lang: b.lang, themes, defaultColor: 'light' }))],
  ['shiki codeToHast, one theme', perBlock((b) => shiki.codeToHast(b.code, { lang: b.lang, theme: themes.light }))],
  ['quire tokenize, two themes (one pass)', perBlock((b) => tokenizer.tokenize(b.code, b.lang))],
  ['quire render (tokenize + hast), two themes', perBlock((b) => quire.render(b.code, b.lang, ''))],
  ['quire render, cache hit', perBlock((b) => cached.render(b.code, b.lang, ''))],
];
console.log(`${usable.length} blocks from content/ (${[...new Set(usable.map((b) => b.lang))].join(', ')}), ${ROUNDS} rounds, node ${process.version}`);
console.log('| path | ms per block |\n|---|---|');
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(2)} |`);
