import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { collectWeekly } from '../../src/collect/weekly/collect-weekly.js';
import { loadEntry } from '../../src/load/load-entry.js';
import type { Entry, EntryKind } from '../../src/types.js';

const parser = unified().use(remarkParse).use(remarkGfm);
const ctx = { timezone: 'Asia/Shanghai', displayRoot: '/site', parseMarkdown: (md: string) => parser.parse(md) };

function entry(kind: EntryKind, rel: string, frontMatter: string, body = 'Text.\n'): Entry {
  const folder = kind === 'weekly' ? 'weekly' : 'notes';
  const result = loadEntry({ kind, path: `/site/content/${folder}/${rel}`, rel: `${folder}/${rel}`, assets: [] }, Buffer.from(`---\n${frontMatter}\n---\n${body}`), ctx);
  if (!result.entry) throw new Error(JSON.stringify(result.diagnostics));
  return result.entry;
}
const issue = (rel: string, fm: string) => entry('weekly', rel, fm);
const note = (rel: string, fm: string) => entry('note', rel, `title: ${rel}\n${fm}`);

describe('collectWeekly', () => {
  it('puts each note in the issue of its ISO week in the site zone', () => {
    const { issues, diagnostics } = collectWeekly({
      timezone: 'Asia/Shanghai',
      weekly: [issue('0051.md', 'date: 2025-12-21 20:00'), issue('0052.md', 'date: 2025-12-28 20:00'), issue('0053.md', 'date: 2026-01-04 20:00')],
      notes: [
        note('monday-early.md', 'date: 2025-12-22 04:43:00'), // W52 (Sunday of W51 in UTC)
        note('sunday-late.md', 'date: 2025-12-21 23:59:00'), // W51
        note('new-year.md', 'date: 2025-12-29'), // 2026-W01, local midnight
      ],
    });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const byNumber = Object.fromEntries(issues.map((i) => [i.number, { week: i.week.id, notes: i.notes }]));
    expect(byNumber).toEqual({
      51: { week: '2025-W51', notes: ['notes/sunday-late.md'] },
      52: { week: '2025-W52', notes: ['notes/monday-early.md'] },
      53: { week: '2026-W01', notes: ['notes/new-year.md'] },
    });
  });

  it('gives a notes-only week an issue numbered after the one before it, dated by its last note', () => {
    const { issues, diagnostics } = collectWeekly({
      timezone: 'Asia/Shanghai',
      weekly: [issue('0001.md', 'date: 2026-01-04 20:00'), issue('x.md', 'issue: 7\ndate: 2026-01-11 20:00')],
      notes: [note('a.md', 'date: 2026-01-12 00:30:00'), note('b.md', 'date: 2026-01-14 10:00'), note('c.md', 'date: 2026-01-11 23:59:00')],
    });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const made = issues.find((i) => i.entry === undefined)!;
    expect(made.number).toBe(8);
    expect(made.numberInferred).toBe(true);
    expect(made.week.id).toBe('2026-W03');
    expect(made.notes).toEqual(['notes/a.md', 'notes/b.md']);
    expect(made.date.iso).toBe('2026-01-14T10:00:00.000+08:00');
    expect(issues.find((i) => i.number === 7)!.notes).toEqual(['notes/c.md']);
  });

  it('honours a note pinned to an issue; a pin to a number without a file makes its week that issue', () => {
    const { issues, diagnostics } = collectWeekly({
      timezone: 'Asia/Shanghai',
      weekly: [issue('0003.md', 'date: 2026-01-04 20:00')],
      notes: [note('pinned.md', 'date: 2025-06-01\nissue: 3'), note('own.md', 'date: 2026-01-07\nissue: 4'), note('same-week.md', 'date: 2026-01-08')],
    });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(issues.find((i) => i.number === 3)!.notes).toEqual(['notes/pinned.md']);
    const four = issues.find((i) => i.number === 4)!;
    expect([four.entry, four.week.id, four.numberInferred, four.notes]).toEqual([undefined, '2026-W02', false, ['notes/own.md', 'notes/same-week.md']]);
  });

  it('reports a pinned number that does not grow with the week, at the pin, naming both files', () => {
    const { diagnostics } = collectWeekly({
      timezone: 'Asia/Shanghai',
      weekly: [issue('0003.md', 'date: 2026-01-04 20:00')],
      notes: [note('lost.md', 'date: 2025-06-01\nissue: 9')],
    });
    const error = diagnostics.find((d) => d.severity === 'error')!;
    expect(error).toMatchObject({ code: 'WeeklyNumber', file: 'content/notes/lost.md', line: 4 });
    expect(error.message).toBe('issue 3 (content/weekly/0003.md, week 2026-W01) comes after issue 9 (the notes of 2025-W22 (content/notes/lost.md), week 2025-W22): numbers grow with the week');
  });

  it('reports a duplicate number naming both files, and warns about gaps', () => {
    const { diagnostics } = collectWeekly({
      timezone: 'Asia/Shanghai',
      weekly: [issue('0002.md', 'date: 2026-01-04'), issue('other.md', 'issue: 2\ndate: 2026-01-11'), issue('loose.md', 'date: 2026-01-18')],
      notes: [],
    });
    // One error: the clash, not also "comes after issue 2: numbers grow with the week".
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['DuplicateUrl']);
    const error = errors[0]!;
    expect(error.message).toContain('content/weekly/0002.md');
    expect(error.message).toContain('content/weekly/other.md');
    expect(error.line).toBe(2);
    const warnings = diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
    expect(warnings.some((m) => m.includes('is missing') && m.includes('1'))).toBe(true);
  });

  it('lets only the newest issue, or issues that exactly fill a run of numbers, go without a pin', () => {
    const timezone = 'Asia/Shanghai';
    // 1 pinned, a and b unpinned, 4 pinned: a and b can only be 2 and 3, so both are fixed.
    const tight = collectWeekly({
      timezone,
      weekly: [issue('0001.md', 'date: 2026-01-04'), issue('a.md', 'date: 2026-01-11'), issue('b.md', 'date: 2026-01-25'), issue('0004.md', 'date: 2026-02-01'), issue('c.md', 'date: 2026-02-08')],
      notes: [],
    });
    expect(tight.diagnostics).toEqual([]);
    expect(tight.issues.map((i) => [i.key, i.number])).toEqual([
      ['weekly/c.md', 5],
      ['weekly/0004.md', 4],
      ['weekly/b.md', 3],
      ['weekly/a.md', 2],
      ['weekly/0001.md', 1],
    ]);
    // A week of notes added between them: a and b would move, so the build says what to pin.
    const inserted = collectWeekly({ timezone, weekly: tight.issues.map((i) => i.entry!), notes: [note('late.md', 'date: 2026-01-14')] });
    const errors = inserted.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.file)).toEqual(['content/weekly/a.md', 'content/notes/late.md', 'content/weekly/b.md']);
    expect(errors[0]!.message).toBe('this issue (week 2026-W02) has no pinned issue number, and 3 issues without one share the 2 numbers free after issue 1 (content/weekly/0001.md) and before issue 4 (content/weekly/0004.md)');
    // Two unpinned issues after the last pinned one: the older could move, the newest could not.
    const tail = collectWeekly({ timezone, weekly: [issue('0001.md', 'date: 2026-01-04'), issue('a.md', 'date: 2026-01-11'), issue('b.md', 'date: 2026-01-18')], notes: [] });
    const [only, ...rest] = tail.diagnostics.filter((d) => d.severity === 'error');
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ code: 'WeeklyNumber', file: 'content/weekly/a.md', line: 1, hint: 'pin its number: add `issue: 2` to content/weekly/a.md' });
  });

  it('uses the `week` field over the date, and rejects a week that does not exist', () => {
    const { issues, diagnostics } = collectWeekly({
      timezone: 'Asia/Shanghai',
      weekly: [issue('0001.md', 'date: 2026-01-05 09:00\nweek: 2025-W52'), issue('0002.md', 'date: 2026-01-05\nweek: 2025-W53')],
      notes: [note('n.md', 'date: 2025-12-24')],
    });
    expect(issues.find((i) => i.number === 1)!.notes).toEqual(['notes/n.md']);
    expect(diagnostics.find((d) => d.severity === 'error')).toMatchObject({ code: 'FrontMatterInvalid', file: 'content/weekly/0002.md', line: 3 });
  });

  it('numbers the same whether or not future issues are published: drafts aside, all count', () => {
    const weekly = [issue('0001.md', 'date: 2026-01-04'), issue('b.md', 'date: 2099-01-04'), issue('a.md', 'issue: 2\ndate: 2026-01-11'), issue('d.md', 'date: 2026-02-01\ndraft: true')];
    const numbers = collectWeekly({ timezone: 'Asia/Shanghai', weekly, notes: [] }).issues.map((i) => [i.key, i.number]);
    expect(numbers).toEqual([
      ['weekly/b.md', 3],
      ['weekly/a.md', 2],
      ['weekly/0001.md', 1],
    ]);
  });
});
