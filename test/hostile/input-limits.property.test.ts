/**
 * Linear cost under the input limits (fast-check): an adversarial shape just under a limit (or one
 * no limit bounds: text before a limited shape, references to limited footnotes) is repeated k, 2k
 * and 4k times, and loaded (the limit scan and the parse) and turned into HTML as a page and a feed
 * do (mdast → hast, raw HTML parsed, serialized). The CPU time of 4k may be at most 8× that of k:
 * linear is 4×, quadratic 16×. A ratio of the same process's CPU time, never an absolute time.
 * Seed: fixed (QUIRE_FC_SEED overrides it).
 */
import path from 'node:path';
import fc from 'fast-check';
import { raw } from 'hast-util-raw';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/config/schema.js';
import { loadEntry, type LoadContext } from '../../src/load/load-entry.js';
import { createMarkdownProcessor } from '../../src/render/markdown/create-processor.js';
import type { SourceFile } from '../../src/types.js';

const SEED = Number(process.env['QUIRE_FC_SEED'] ?? 20261204);
const L = DEFAULT_LIMITS;
const processor = createMarkdownProcessor({ remarkPlugins: [], rehypePlugins: [], footnoteLabel: 'x', footnoteBackLabel: 'y' });
const ctx: LoadContext = { timezone: 'UTC', displayRoot: path.sep, limits: L, parseMarkdown: (markdown) => processor.parse(markdown) };
const source: SourceFile = { kind: 'post', path: path.join(path.sep, 'content', 'posts', 'p.md'), rel: 'posts/p.md', assets: [] };
/** Bytes of the smallest of the three documents: big enough that fixed costs do not count. */
const BASE_BYTES = 12_000;

/** A document of `k` repetitions of a shape; `f` in [0.5, 1] is how close to its limit the shape goes. */
type Shape = (k: number, f: number) => string;
const at = (limit: number, f: number) => Math.max(1, Math.floor((limit - 1) * f));
const repeatTo = (unit: string) => (k: number) => unit.repeat(k);
const SHAPES: Record<string, { unitBytes: (f: number) => number; doc: Shape }> = {
  // Nested just under the limit, and every line continues every container (closing them is
  // limited by `containerBlocks`, see below).
  'text in lists nested deep': {
    unitBytes: (f) => 4 * at(L.nesting, f) + 4,
    doc: (k, f) => `${'- '.repeat(at(L.nesting, f))}x\n${`${'  '.repeat(at(L.nesting, f))}y\n`.repeat(k)}`,
  },
  'text in block quotes nested deep': shape((f) => `${'>'.repeat(at(L.nesting, f))} x\n`),
  'emphasis runs in a paragraph': shape((f) => `${'**a'.repeat(at(L.emphasisRuns, f))}\n\n`),
  'strikethrough runs in a paragraph': shape((f) => `${'~~a'.repeat(at(L.emphasisRuns, f))}\n\n`),
  'tables': shape((f) => `| a | b | c |\n|---|---|---|\n${'| 1 | 2 | 3 |\n'.repeat(at(L.tableRows, f))}\n`),
  'wide tables': shape((f) => `|${' a |'.repeat(at(L.tableColumns, f))}\n|${'---|'.repeat(at(L.tableColumns, f))}\n${'x|\n'.repeat(20)}\n`),
  'nested raw HTML': shape((f) => `${'<div>'.repeat(at(L.htmlNesting, f))}x${'</div>'.repeat(at(L.htmlNesting, f))}\n\n`),
  // Unlimited shapes with a limited one: what grows is text, the limited part stays just under its limit.
  'text, then lists nested deep one after the other': {
    unitBytes: () => 12,
    doc: (k, f) => `${'hello world\n'.repeat(k)}\n${`${'- '.repeat(8)}x\n\n`.repeat(Math.floor(at(L.containerBlocks, f) / 8))}`,
  },
  'text, then block quotes followed by text': {
    unitBytes: () => 12,
    doc: (k, f) => `${'hello world\n'.repeat(k)}\n${'> q\n\np\n\n'.repeat(at(L.containerBlocks, f))}`,
  },
  'a long paragraph, then closing runs': {
    unitBytes: () => 5,
    doc: (k, f) => `${'word '.repeat(k)}${' a**'.repeat(at(L.emphasisRuns, f))}\n`,
  },
  'references to many footnotes': {
    unitBytes: () => 8,
    doc: (k, f) => {
      const defs = at(L.footnotes, f);
      return `${Array.from({ length: k }, (_, i) => `x[^${i % defs}] `).join('')}\n\n${Array.from({ length: defs }, (_, i) => `[^${i}]: n`).join('\n')}\n`;
    },
  },
};

function shape(unit: (f: number) => string): { unitBytes: (f: number) => number; doc: Shape } {
  return { unitBytes: (f) => unit(f).length, doc: (k, f) => repeatTo(unit(f))(k) };
}

/** CPU milliseconds to load `markdown` and make its HTML; it must load without a problem. */
function cost(markdown: string): number {
  const started = process.cpuUsage();
  const result = loadEntry(source, new TextEncoder().encode(`---\ntitle: P\n---\n${markdown}`), ctx);
  expect(result.diagnostics.map((d) => d.message)).toEqual([]);
  const hast = toHast(result.entry!.mdast, { allowDangerousHtml: true });
  toHtml(hast, { allowDangerousHtml: true });
  toHtml(raw(hast));
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

describe('linear cost under the input limits', () => {
  it.each(Object.keys(SHAPES))('%s: 4× the input costs at most 8× the CPU time (linear: 4×; quadratic: 16×)', (name) => {
    const { unitBytes, doc } = SHAPES[name]!;
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1, noNaN: true }), (f) => {
        const k = Math.max(1, Math.ceil(BASE_BYTES / unitBytes(f)));
        cost(doc(k, f)); // warm the JIT on this shape
        const one = cost(doc(k, f));
        const four = cost(doc(4 * k, f));
        expect(four / one, `${name}, f=${f.toFixed(2)}: ${one.toFixed(0)} ms → ${four.toFixed(0)} ms`).toBeLessThan(8);
      }),
      { numRuns: 2, seed: SEED },
    );
  }, 60_000);
});
