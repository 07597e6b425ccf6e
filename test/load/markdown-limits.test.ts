/**
 * The input limits: each attack the limits exist for (sizes from the measurements that made them:
 * 8,000 nested list levels, `**a` × 60,000, 50,000 nested `>`, 1,000 tags…)
 * ends in one LimitExceeded error at the file:line:column where the limit is passed, before any
 * parse, in less time than parsing plain prose of the same size takes. Shapes just under a limit
 * and the real posts of this repository load without a complaint.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/config/schema.js';
import { loadEntry, type LoadContext, type LoadResult } from '../../src/load/load-entry.js';
import { scanMarkdownLimits } from '../../src/load/markdown-limits.js';
import { slugify } from '../../src/load/slug.js';
import { createMarkdownProcessor } from '../../src/render/markdown/create-processor.js';
import type { SourceFile } from '../../src/types.js';

const ROOT = path.join(path.sep, 'site');
const processor = createMarkdownProcessor({ remarkPlugins: [], rehypePlugins: [], footnoteLabel: 'x', footnoteBackLabel: 'y' });
let parses = 0;
const ctx: LoadContext = {
  timezone: 'UTC',
  displayRoot: ROOT,
  limits: DEFAULT_LIMITS,
  parseMarkdown: (markdown) => {
    parses++;
    return processor.parse(markdown);
  },
};
const source: SourceFile = { kind: 'post', path: path.join(ROOT, 'content', 'posts', 'attack.md'), rel: 'posts/attack.md', assets: [] };
const FILE = path.join('content', 'posts', 'attack.md');
const HEAD = '---\ntitle: Attack\ndate: 2025-01-02\n---\n';

function load(text: string | Uint8Array): { result: LoadResult; ms: number } {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const started = process.cpuUsage();
  const result = loadEntry(source, bytes, ctx);
  const used = process.cpuUsage(started);
  return { result, ms: (used.user + used.system) / 1000 };
}

/** Prose of about `bytes` bytes, in short paragraphs: what a post of that size costs to parse. */
function prose(bytes: number): string {
  const paragraph = 'The quick brown fox jumps over the lazy dog, and [a link](https://example.org/) too.\n\n';
  return HEAD + paragraph.repeat(Math.ceil(bytes / paragraph.length));
}

const n = (count: number, unit: string) => unit.repeat(count);

const ATTACKS: ReadonlyArray<{ name: string; body: string; limit: string; line: number; column: number }> = [
  { name: '8,000 list levels on one line', body: `${n(8000, '- ')}x\n`, limit: 'nesting', line: 5, column: 2 * DEFAULT_LIMITS.nesting + 1 },
  { name: '50,000 nested block quotes', body: `${n(50_000, '>')} x\n`, limit: 'nesting', line: 5, column: DEFAULT_LIMITS.nesting + 1 },
  { name: 'lists nested by indentation, 2,000 levels', body: Array.from({ length: 2000 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n'), limit: 'nesting', line: 5 + 64, column: 2 * 64 + 1 },
  { name: '`**a` × 60,000', body: `${n(60_000, '**a')}\n`, limit: 'emphasisRuns', line: 5, column: 3 * DEFAULT_LIMITS.emphasisRuns + 4 },
  { name: '`~~a` × 60,000', body: `${n(60_000, '~~a')}\n`, limit: 'emphasisRuns', line: 5, column: 3 * DEFAULT_LIMITS.emphasisRuns + 4 },
  { name: 'a table of 50,000 rows', body: `| a | b |\n|---|---|\n${n(50_000, '| 1 | 2 |\n')}`, limit: 'tableRows', line: 7 + DEFAULT_LIMITS.tableRows, column: 1 },
  { name: 'a table of 10,000 columns', body: `|${n(10_000, ' a |')}\n|${n(10_000, '---|')}\n${n(100, 'x|\n')}`, limit: 'tableColumns', line: 6, column: 1 },
  { name: '5,000 block quotes, each followed by text', body: n(5000, '> q\n\np\n\n'), limit: 'containerBlocks', line: 5 + 4 * DEFAULT_LIMITS.containerBlocks + 2, column: 1 },
  { name: '3,000 lists nested 30 deep, one after the other', body: n(3000, `${n(30, '- ')}x\n\n`), limit: 'containerBlocks', line: 5 + 2 * Math.ceil(DEFAULT_LIMITS.containerBlocks / 29), column: 1 },
  { name: '20,000 footnotes', body: `x[^1]\n\n${Array.from({ length: 20_000 }, (_, i) => `[^${i}]: note`).join('\n')}\n`, limit: 'footnotes', line: 7 + DEFAULT_LIMITS.footnotes, column: 1 },
  { name: '50,000 nested <div>', body: `<div>\n${n(50_000, '<div>')}x\n`, limit: 'htmlNesting', line: 6, column: 5 * (DEFAULT_LIMITS.htmlNesting - 1) + 1 },
];

describe('input limits: every attack ends in an error at its place, quickly', () => {
  // What parsing plain prose costs per byte, to compare each refused attack with.
  let proseMsPerByte = 0;
  beforeAll(() => {
    const text = prose(200_000);
    load(text);
    proseMsPerByte = load(text).ms / Buffer.byteLength(text);
  });

  it.each(ATTACKS.map((a) => [a.name, a]))('%s', (_name, attack) => {
    const before = parses;
    const text = HEAD + attack.body;
    const { result, ms } = load(text);
    expect(result.entry).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual([`LimitExceeded ${FILE}:${attack.line}:${attack.column}`]);
    const [d] = result.diagnostics;
    expect(d!.message).toContain(`limits.${attack.limit}`);
    expect(d!.hint).toMatch(/limits/);
    expect(d!.frame).toContain('>');
    // Nothing was parsed (raw HTML is measured in the tree: the parse is linear, what follows is not).
    if (attack.limit !== 'htmlNesting') expect(parses).toBe(before);
    // Faster than a plain post of the same size parses (a ratio, not an absolute time).
    const plainMs = proseMsPerByte * Buffer.byteLength(text);
    expect(ms, `${attack.name}: ${ms} ms vs ${plainMs} ms for as much prose`).toBeLessThan(plainMs);
  }, 120_000);

  it('1,000 tags: an error at the first tag past the limit', () => {
    const tags = Array.from({ length: 1000 }, (_, i) => `  - tag${i}`).join('\n');
    const { result } = load(`---\ntitle: Tags\ntags:\n${tags}\n---\nx\n`);
    expect(result.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual([`LimitExceeded ${FILE}:${4 + DEFAULT_LIMITS.tags}:5`]);
    expect(result.diagnostics[0]!.message).toMatch(/^1000 tags; the limit is 100 per entry/);
  });

  it('a file over limits.fileBytes: an error at the line and column where the limit is passed', () => {
    const limited: LoadContext = { ...ctx, limits: { ...DEFAULT_LIMITS, fileBytes: 1000 } };
    const text = `${HEAD}${n(60, 'line of text 中文\n')}`;
    const result = loadEntry(source, new TextEncoder().encode(text), limited);
    // 4 lines of head (39 bytes), then lines of 20 bytes (中 and 文 are 3 bytes each): byte 1000 is
    // 961 = 48 × 20 + 1 bytes after the head, the second character of line 53.
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['LimitExceeded 53:2']);
    // and the same at the end of a 中 (3 bytes) in the middle of one
    const cut = loadEntry(source, new TextEncoder().encode(text), { ...ctx, limits: { ...DEFAULT_LIMITS, fileBytes: 39 + 20 + 14 } });
    expect(cut.diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(['6:14']);
  });

  it('shapes just under each limit load', () => {
    const L = DEFAULT_LIMITS;
    const bodies = [
      `${n(L.nesting, '- ')}x\n`,
      `${n(L.nesting, '>')} x\n`,
      `${n(L.emphasisRuns, '**a')}\n`,
      `| a | b |\n|---|---|\n${n(L.tableRows, '| 1 | 2 |\n')}`,
      `|${n(L.tableColumns, ' a |')}\n|${n(L.tableColumns, '---|')}\n`,
      n(L.containerBlocks, '> q\n\np\n\n'),
      `x[^1]\n\n${Array.from({ length: L.footnotes }, (_, i) => `[^${i}]: note`).join('\n')}\n`,
      `${n(L.htmlNesting, '<div>')}x${n(L.htmlNesting, '</div>')}\n`,
      // not emphasis that can close: `snake_case`, C pointers, Python's **kwargs, bullets of a comment
      // (a code span is not told from text: `**` inside one counts)
      n(2000, 'a_b_c char **p f(**kw) * x\n'),
      // deeply indented code is not nesting
      `\`\`\`c\n${' '.repeat(120)}* comment\n\`\`\`\n`,
    ];
    for (const body of bodies) {
      const { result } = load(HEAD + body);
      expect(result.diagnostics, body.slice(0, 40)).toEqual([]);
    }
  });

  it('the posts of this repository are far under every limit', () => {
    const content = fileURLToPath(new URL('../../content', import.meta.url));
    const files = (readdirSync(content, { recursive: true }) as string[]).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(10);
    const small = { nesting: 4, containerBlocks: 100, emphasisRuns: 100, tableRows: 200, tableColumns: 7, footnotes: 50, htmlNesting: 13 };
    for (const file of files) expect(scanMarkdownLimits(readFileSync(path.join(content, file), 'utf8'), 1, small), file).toEqual([]);
  });
});

describe('invisible characters in slugs and tags', () => {
  it('zero-width, soft-hyphen and bidi-control characters are removed from slugs', () => {
    expect(slugify('g\u200bo')).toBe('go');
    expect(slugify('g\u00ado')).toBe('go');
    expect(slugify('evil\u202etxt.exe')).toBe('eviltxt.exe');
    expect(slugify('\ufeffword\u2060joined')).toBe('wordjoined');
    expect(slugify('a\u200db')).toBe('ab');
    // joiners inside emoji and Persian words are part of them
    expect(slugify('👩\u200d💻')).toBe('👩\u200d💻');
    expect(slugify('می\u200cخواهم')).toBe('می\u200cخواهم');
  });

  it('g\\u200Bo and g\\u00ADo are the tag go', () => {
    const { result } = load('---\ntitle: T\ntags: ["go", "g\\u200Bo", "g\\u00ADo", "\\u202Erust"]\n---\nx\n');
    expect(result.entry?.tags).toEqual(['go', 'rust']);
  });
});
