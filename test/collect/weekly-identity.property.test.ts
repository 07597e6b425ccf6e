/**
 * Property test (fast-check): random sequences of "add a note / add an issue file / pin / quire new
 * weekly / quire new note / delete something unpublished / a week passes" on a weekly, collected
 * after every step as the build does (load → collectSite). Whenever the build succeeds, every
 * issue the previous successful build published keeps its URL and feed id, and in every
 * successful build the numbers grow with the week. A step the build rejects is handled the way the
 * error tells the author to: pin every issue published so far with the number it was published
 * with; if the build still fails, the step is undone (the failed build published nothing).
 * `quire new weekly` and `quire new note` must never be refused on a site that builds, and the
 * files they write must build.
 * Seed: fixed (QUIRE_FC_SEED overrides it); fast-check prints the seed and path of a failure.
 */
import path from 'node:path';
import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { collectSite } from '../../src/collect/collect-site.js';
import { collectWeekly } from '../../src/collect/weekly/collect-weekly.js';
import { isoWeekOf } from '../../src/collect/weekly/iso-week.js';
import { resolveConfig, type ResolvedConfig } from '../../src/config/resolve-config.js';
import { userConfigSchema } from '../../src/config/schema.js';
import { feedId } from '../../src/emit/feeds/feed-id.js';
import { loadEntry } from '../../src/load/load-entry.js';
import { composeEntry } from '../../src/new/compose-entry.js';
import { checkAddition, planNoteIssue, planWeeklyIssue, type WeeklyState } from '../../src/new/next-issue.js';
import type { Entry } from '../../src/types.js';

const SEED = Number(process.env['QUIRE_FC_SEED'] ?? 20260120);
const ROOT = '/site';
const ZONE = 'Asia/Shanghai';
const WEEK = 7 * 24 * 3600_000;
/** A Monday 00:00 in Shanghai; the generated dates span 8 weeks before it to 3 after. */
const START = Date.parse('2026-01-05T00:00:00+08:00');
const processor = unified().use(remarkParse).use(remarkGfm);

type Files = ReadonlyMap<string, string>;
type Op =
  | { op: 'note'; week: number; minute: number; section: string }
  | { op: 'issue'; week: number; minute: number; body: boolean }
  | { op: 'pin'; pick: number }
  | { op: 'new-weekly' }
  | { op: 'new-note'; minute: number }
  | { op: 'delete'; pick: number }
  | { op: 'time'; minute: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('note' as const), week: fc.integer({ min: -8, max: 3 }), minute: fc.integer({ min: 0, max: 7 * 24 * 60 - 1 }), section: fc.constantFrom('技术', '工具', '') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('issue' as const), week: fc.integer({ min: -8, max: 3 }), minute: fc.integer({ min: 0, max: 7 * 24 * 60 - 1 }), body: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pin' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.constant({ op: 'new-weekly' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('new-note' as const), minute: fc.integer({ min: 0, max: 3 * 24 * 60 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('time' as const), minute: fc.integer({ min: 0, max: 9 * 24 * 60 }) }) },
);

function config(now: Date): ResolvedConfig {
  return resolveConfig({ root: ROOT, file: undefined, config: userConfigSchema.parse({ title: 'W', url: 'https://example.org/', timezone: ZONE, language: 'zh-CN' }) }, { now });
}

function load(files: Files): Entry[] {
  return [...files].map(([rel, text]) => {
    const kind = rel.startsWith('weekly/') ? 'weekly' : 'note';
    const result = loadEntry({ kind, path: path.join(ROOT, 'content', ...rel.split('/')), rel, assets: [] }, Buffer.from(text), {
      timezone: ZONE,
      displayRoot: ROOT,
      parseMarkdown: (md) => processor.parse(md),
    });
    if (!result.entry) throw new Error(`${rel} did not load: ${JSON.stringify(result.diagnostics)}`);
    return result.entry;
  });
}

const stamp = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

interface Built {
  /** Week id → URL and feed id of every published issue. */
  readonly published: ReadonlyMap<string, { url: string; id: string; number: number }>;
}

/** What a build publishes, or undefined when it fails; also checks that numbers grow with the week. */
function build(files: Files, now: Date): Built | undefined {
  const entries = load(files);
  const cfg = config(now);
  const { site, diagnostics } = collectSite({ entries, publicFiles: [], themeFiles: [] }, cfg);
  if (diagnostics.some((d) => d.severity === 'error')) return undefined;
  const all = collectWeekly({ weekly: entries.filter((e) => e.kind === 'weekly'), notes: entries.filter((e) => e.kind === 'note'), timezone: ZONE }).issues;
  const byWeek = [...all].sort((a, b) => a.week.startMs - b.week.startMs);
  for (let i = 1; i < byWeek.length; i++) expect(byWeek[i]!.number, 'numbers grow with the week').toBeGreaterThan(byWeek[i - 1]!.number);
  const published = new Map<string, { url: string; id: string; number: number }>();
  for (const info of site.weeklyIssues) {
    const placed = site.entries[info.key]!;
    const url = new URL(placed.url, cfg.url).href;
    published.set(info.week.id, { url, id: feedId(placed.entry.id, url), number: info.number });
  }
  return { published };
}

function weeklyState(files: Files): WeeklyState {
  const entries = load(files);
  return { weekly: entries.filter((e) => e.kind === 'weekly'), notes: entries.filter((e) => e.kind === 'note'), timezone: ZONE, contentDir: path.join(ROOT, 'content'), root: ROOT };
}

/** `issue: N` written into a file's front matter (after the opening `---`). */
const withPin = (text: string, n: number) => text.replace(/^---\n/, `---\nissue: ${n}\n`);

/** Pin the issue of `week` at `n`: in its issue file, else in its first note. */
function pin(files: Map<string, string>, week: string, n: number): void {
  const entries = load(files);
  const weekOf = (e: Entry) => (e.week ?? (e.date ? isoWeekOf(e.date.epochMs, ZONE).id : undefined));
  const file = entries.find((e) => e.kind === 'weekly' && weekOf(e) === week) ?? entries.filter((e) => e.kind === 'note' && weekOf(e) === week).sort((a, b) => a.date!.epochMs - b.date!.epochMs)[0];
  if (file && file.issue === undefined) files.set(file.source.rel, withPin(files.get(file.source.rel)!, n));
}

describe('weekly identity', () => {
  it('never changes the URL or feed id of a published issue, and numbers grow with the week', () => {
    let accepted = 0;
    let refusedAfterFix = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 14 }), (ops) => {
        let files = new Map<string, string>();
        let now = new Date(START);
        let last: Built = { published: new Map() };
        let serial = 0;
        for (const step of ops) {
          const next = new Map(files);
          let nextNow = now;
          switch (step.op) {
            case 'note': {
              const at = START + step.week * WEEK + step.minute * 60_000;
              next.set(`notes/n${serial++}.md`, `---\ntitle: N${serial}\ndate: ${stamp(at)}\nlink: https://example.com/${serial}\n${step.section ? `section: ${step.section}\n` : ''}---\nComment.\n`);
              break;
            }
            case 'issue': {
              const at = START + step.week * WEEK + step.minute * 60_000;
              const week = isoWeekOf(at, ZONE).id;
              if (load(files).some((e) => e.kind === 'weekly' && (e.week ?? isoWeekOf(e.date!.epochMs, ZONE).id) === week)) continue;
              next.set(`weekly/w${serial++}.md`, `---\ndate: ${stamp(at)}\n---\n${step.body ? 'Intro.\n\n## 工具\n\n- [x](https://x.example/)\n' : ''}`);
              break;
            }
            case 'pin': {
              const unpinned = [...last.published].filter(([week]) => {
                const entries = load(files);
                return !entries.some((e) => e.issue !== undefined && (e.week ?? isoWeekOf(e.date!.epochMs, ZONE).id) === week);
              });
              if (unpinned.length === 0) continue;
              const [week, { number }] = unpinned[step.pick % unpinned.length]!;
              pin(next, week, number);
              break;
            }
            case 'new-weekly': {
              const state = weeklyState(files);
              const plan = planWeeklyIssue(state, now);
              expect('problems' in plan ? plan.problems : [], 'quire new weekly on a site that builds').toEqual([]);
              if ('problems' in plan) continue;
              const when = plan.week.id !== isoWeekOf(now.getTime(), ZONE).id ? new Date(plan.week.startMs) : now;
              const composed = composeEntry({ kind: 'weekly', title: undefined, slug: undefined, link: undefined, section: undefined, issue: plan.number, now: when, timezone: ZONE });
              if ('problems' in composed) throw new Error(JSON.stringify(composed.problems));
              if (files.has(composed.rel)) continue;
              expect(checkAddition(state, 'weekly', composed.rel, composed.text)).toEqual([]);
              next.set(composed.rel, composed.text);
              break;
            }
            case 'new-note': {
              const state = weeklyState(files);
              const at = new Date(now.getTime() + step.minute * 60_000);
              const issue = planNoteIssue(state, at);
              const composed = composeEntry({ kind: 'note', title: `note ${serial}`, slug: `new-${serial++}`, link: undefined, section: undefined, issue, now: at, timezone: ZONE });
              if ('problems' in composed) throw new Error(JSON.stringify(composed.problems));
              // Refused only for a reason the author can act on (an issue to pin), never a move.
              const problems = checkAddition(state, 'note', composed.rel, composed.text);
              expect(problems.filter((p) => p.code !== 'WeeklyNumber' || p.hint?.includes('bug'))).toEqual([]);
              if (problems.length > 0) continue;
              next.set(composed.rel, composed.text);
              break;
            }
            case 'delete': {
              const future = load(files).filter((e) => e.date && e.date.epochMs > now.getTime());
              if (future.length === 0) continue;
              next.delete(future[step.pick % future.length]!.source.rel);
              break;
            }
            case 'time':
              nextNow = new Date(now.getTime() + step.minute * 60_000);
              break;
          }
          let built = build(next, nextNow);
          if (!built) {
            // What the error says: pin every issue already published with the number it has.
            for (const [week, { number }] of last.published) pin(next, week, number);
            built = build(next, nextNow);
          }
          if (!built) {
            refusedAfterFix++;
            continue;
          }
          for (const [week, before] of last.published) {
            const after = built.published.get(week);
            if (after) expect({ week, ...after }, `after ${JSON.stringify(step)}`).toEqual({ week, ...before });
          }
          files = next;
          now = nextNow;
          last = built;
          accepted++;
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
    // The property is about steps that were taken, so most must be.
    expect(accepted).toBeGreaterThan(refusedAfterFix * 3);
  }, 240_000);
});
