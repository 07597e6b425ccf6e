import path from 'node:path';
import { diagnostic, warning, type Diagnostic } from '../../diagnostics.js';
import type { Entry, EntryDate } from '../../types.js';
import { isoWeekOf, parseIsoWeek, type IsoWeek } from './iso-week.js';

export interface WeeklyIssue {
  readonly number: number;
  /** Source key of the issue file, or `weekly/<week>` for a week made of notes only. */
  readonly key: string;
  /** The issue file; undefined for a notes-only week. */
  readonly entry: Entry | undefined;
  readonly week: IsoWeek;
  /** Publish time: the file's date (else the end of its week); for notes only, the last note's date (else the start of the week). */
  readonly date: EntryDate;
  /** Source keys of its notes, oldest first. */
  readonly notes: readonly string[];
  /** True when no file pins the number (`issue:` in the issue file or one of its notes, or a numeric file name). */
  readonly numberInferred: boolean;
}

export interface WeeklyInput {
  /** All loaded weekly issues and notes, drafts and future ones included: numbers must not depend on flags. */
  readonly weekly: readonly Entry[];
  readonly notes: readonly Entry[];
  readonly timezone: string;
}

/** The number an issue file pins: its `issue:`, else its file name when that is a number (`0012.md`). */
export function pinnedNumber(entry: Entry): number | undefined {
  if (entry.issue !== undefined) return entry.issue;
  const fromName = /^(\d+)$/.exec(path.posix.basename(entry.source.rel).replace(/\.(md|markdown)$/i, ''))?.[1];
  return fromName !== undefined && Number(fromName) > 0 ? Number(fromName) : undefined;
}

type Draft = {
  key: string;
  entry: Entry | undefined;
  week: IsoWeek;
  date: EntryDate;
  number: number | undefined;
  /** The file that pins the number (the issue file, or a note of a notes-only week). */
  pinnedIn: Entry | undefined;
  notes: Entry[];
};

/**
 * Number the issues and put every note into one. The rule, which keeps every number (and so every
 * URL and feed id) where it is whatever files are added:
 *
 * - a number is pinned by `issue: N` (or a numeric file name) in the issue file, or, for a week
 *   that has notes but no issue file, by `issue: N` in one of its notes;
 * - an issue without a pinned number is numbered one after the issue of the week before it; that
 *   is allowed only where no issue could be added before it without the build noticing: for the
 *   newest issue, and for issues that exactly fill the numbers between two pinned ones. Anywhere
 *   else it is an error that says which number to pin;
 * - numbers grow with the week; a duplicate number is an error naming both files; a gap is a warning.
 *
 * A note joins the issue it pins (`issue: N`), else the issue of its ISO week (site zone); a week
 * with notes and no issue file is an issue of its own, dated by its last note. A file added for such
 * a week takes its number over.
 */
export function collectWeekly(input: WeeklyInput): { issues: WeeklyIssue[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { timezone } = input;
  const at = (entry: Entry, field: string) => ({ file: entry.displayPath, line: 1, column: 1, ...(entry.fieldPositions[field] ?? {}), source: entry.text });

  const files: Draft[] = [];
  for (const entry of input.weekly) {
    if (entry.draft) continue;
    let week: IsoWeek | undefined;
    if (entry.week !== undefined) {
      week = parseIsoWeek(entry.week, timezone);
      if (!week) {
        diagnostics.push(diagnostic('FrontMatterInvalid', `front-matter field \`week\`: ${entry.week} does not exist`, at(entry, 'week'), 'write an ISO week such as 2025-W51 (W53 exists only in some years)'));
        continue;
      }
    } else if (entry.date) week = isoWeekOf(entry.date.epochMs, timezone);
    if (!week) {
      diagnostics.push(diagnostic('FrontMatterInvalid', 'a weekly issue needs a `date` (or a `week`)', { file: entry.displayPath }, 'add e.g. `date: 2025-12-21 20:00`'));
      continue;
    }
    const number = pinnedNumber(entry);
    files.push({ key: entry.source.rel, entry, week, date: entry.date ?? { iso: week.end, epochMs: week.endMs }, number, pinnedIn: number !== undefined ? entry : undefined, notes: [] });
  }

  const byNumber = new Map<number, Draft>();
  for (const draft of files) {
    if (draft.number === undefined) continue;
    const other = byNumber.get(draft.number);
    if (other) {
      diagnostics.push(
        diagnostic('DuplicateUrl', `weekly issue ${draft.number} is claimed by both ${other.entry!.displayPath} and ${draft.entry!.displayPath}`, at(draft.entry!, 'issue'), 'give each issue its own `issue:` number'),
      );
    } else byNumber.set(draft.number, draft);
  }

  // Notes that pin a number: they join that issue, or make it (a week of notes without a file).
  const notes = input.notes.filter((note) => !note.draft);
  const pinnedGroups = new Map<number, Entry[]>();
  for (const note of notes) {
    if (note.issue === undefined) continue;
    const file = byNumber.get(note.issue);
    if (file) file.notes.push(note);
    else pinnedGroups.set(note.issue, [...(pinnedGroups.get(note.issue) ?? []), note]);
  }
  const weekOf = (note: Entry) => (note.date ? isoWeekOf(note.date.epochMs, timezone) : undefined);
  const firstOfWeek = (week: IsoWeek, among: readonly Draft[]) =>
    among.filter((d) => d.week.id === week.id).sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.date.epochMs - b.date.epochMs || (a.key < b.key ? -1 : 1))[0];
  const groups: Draft[] = [];
  for (const [number, members] of [...pinnedGroups].sort((a, b) => a[0] - b[0])) {
    const dated = members.filter((n) => n.date).sort((a, b) => a.date!.epochMs - b.date!.epochMs);
    const first = dated[0] ?? members[0]!;
    if (!dated[0]) {
      diagnostics.push(diagnostic('BrokenLink', `this note pins \`issue: ${number}\`, but there is no weekly issue ${number}`, at(first, 'issue'), `fix the number, or give the note a \`date\` so that its week becomes issue ${number}`));
      continue;
    }
    const week = weekOf(dated[0])!;
    const file = firstOfWeek(week, files);
    if (file && file.number === undefined) {
      // The week's own file takes over the number its notes pinned.
      file.number = number;
      file.pinnedIn = first;
      file.notes.push(...members);
      byNumber.set(number, file);
      continue;
    }
    const other = file ?? firstOfWeek(week, groups);
    if (other) {
      diagnostics.push(
        diagnostic(
          'WeeklyNumber',
          `this note pins \`issue: ${number}\`, but its week ${week.id} is issue ${other.number} (${other.pinnedIn?.displayPath ?? other.key})`,
          at(first, 'issue'),
          `write \`issue: ${other.number}\`, or remove \`issue:\` to place the note by its date`,
        ),
      );
      other.notes.push(...members);
      continue;
    }
    const group: Draft = { key: `weekly/${week.id}`, entry: undefined, week, date: dated.at(-1)!.date!, number, pinnedIn: first, notes: [...members] };
    groups.push(group);
    byNumber.set(number, group);
  }

  // Notes placed by their date: the issue of their week, else a week of notes of its own.
  const weeks = new Map<string, Draft>();
  const unpinnedWeeks: Draft[] = [];
  for (const note of notes) {
    if (note.issue !== undefined) continue;
    const week = weekOf(note);
    if (!week) {
      diagnostics.push(diagnostic('FrontMatterInvalid', 'a note needs a `date` (or an `issue:` number)', { file: note.displayPath }, 'add e.g. `date: 2025-12-18 09:30`'));
      continue;
    }
    let target = weeks.get(week.id) ?? firstOfWeek(week, files) ?? firstOfWeek(week, groups);
    if (!target) unpinnedWeeks.push((target = { key: `weekly/${week.id}`, entry: undefined, week, date: note.date!, number: undefined, pinnedIn: undefined, notes: [] }));
    weeks.set(week.id, target);
    target.notes.push(note);
  }
  for (const draft of [...groups, ...unpinnedWeeks]) draft.date = lastNoteDate(draft.notes, draft.week);

  diagnostics.push(...numberUnpinned([...files, ...groups, ...unpinnedWeeks]));

  const issues: WeeklyIssue[] = [];
  const seen = new Set<number>();
  for (const draft of [...files, ...groups, ...unpinnedWeeks]) {
    if (draft.number === undefined || seen.has(draft.number)) continue;
    seen.add(draft.number);
    issues.push({
      number: draft.number,
      key: draft.key,
      entry: draft.entry,
      week: draft.week,
      date: draft.date,
      notes: draft.notes.sort((a, b) => (a.date?.epochMs ?? 0) - (b.date?.epochMs ?? 0) || (a.source.rel < b.source.rel ? -1 : 1)).map((n) => n.source.rel),
      numberInferred: draft.pinnedIn === undefined,
    });
  }
  issues.sort((a, b) => b.number - a.number);

  const numbers = issues.map((i) => i.number).sort((a, b) => a - b);
  const missing: number[] = [];
  for (let n = 1, i = 0; i < numbers.length; n++) {
    if (numbers[i] === n) i++;
    else if (missing.length < 20) missing.push(n);
    else break;
  }
  if (missing.length > 0) {
    diagnostics.push(warning('FrontMatterInvalid', `weekly issue number${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`, {}, 'numbers are never reused or shifted; a gap is fine if you meant it'));
  }
  return { issues, diagnostics };
}

/** A notes-only issue's date: its last note's, else the start of its week. */
export function lastNoteDate(notes: readonly Entry[], week: IsoWeek): EntryDate {
  let last: EntryDate | undefined;
  for (const note of notes) if (note.date && (!last || note.date.epochMs > last.epochMs)) last = note.date;
  return last ?? { iso: week.start, epochMs: week.startMs };
}

/**
 * Give every issue without a pinned number the one after the issue before it (by week), and report
 * each one that could move: all but the newest after the last pinned issue, and runs between two
 * pinned issues that do not exactly fill the numbers between them. Also reports pinned numbers
 * that do not grow with the week.
 */
function numberUnpinned(all: Draft[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const sorted = [...all].sort((a, b) => a.week.startMs - b.week.startMs || a.date.epochMs - b.date.epochMs || (a.key < b.key ? -1 : 1));
  const subject = (d: Draft) => (d.entry ? `this issue (week ${d.week.id})` : `the notes of week ${d.week.id} (${d.notes.map((n) => n.displayPath).join(', ')})`);
  const where = (d: Draft) => (d.entry ? d.entry.displayPath : `the notes of ${d.week.id} (${d.notes.map((n) => n.displayPath).join(', ')})`);
  const placeOf = (d: Draft) => {
    const file = d.pinnedIn ?? d.entry ?? d.notes[0]!;
    return { file: file.displayPath, line: 1, column: 1, ...(file.fieldPositions['issue'] ?? {}), source: file.text };
  };
  const pinIn = (d: Draft, n: number) => (d.entry ? `add \`issue: ${n}\` to ${d.entry.displayPath}` : `add \`issue: ${n}\` to one of its notes, e.g. ${d.notes[0]!.displayPath}`);

  let before: Draft | undefined;
  let run: Draft[] = [];
  const closeRun = (next: Draft | undefined) => {
    const base = before?.number ?? 0;
    run.forEach((d, i) => (d.number = base + 1 + i));
    const room = next ? next.number! - base - 1 : Infinity;
    const fixed = next ? run.length === room : run.length <= 1;
    if (!fixed) {
      const after = next ? ` and before issue ${next.number} (${where(next)})` : '';
      const span = `after issue ${base === 0 ? '0 (the start)' : `${base} (${where(before!)})`}${after}`;
      for (const [i, d] of run.entries()) {
        if (!next && i === run.length - 1) continue;
        if (run.length > room) {
          diagnostics.push(
            diagnostic(
              'WeeklyNumber',
              `${subject(d)} ${d.entry ? 'has' : 'have'} no pinned issue number, and ${run.length} issues without one share the ${room} number${room === 1 ? '' : 's'} free ${span}`,
              placeOf(d),
              `pin each issue already published with the number it was published with (e.g. ${pinIn(d, d.number!)}); put notes of a new week into an existing issue with \`issue: N\``,
            ),
          );
        } else {
          diagnostics.push(
            diagnostic(
              'WeeklyNumber',
              `${subject(d)} ${d.entry ? 'is' : 'are'} issue ${d.number} only because of the issues before it: ${next ? `the numbers ${span} are not all taken` : 'a later issue exists'}, so adding an issue before it would change its number, URL and feed id`,
              placeOf(d),
              `pin its number: ${pinIn(d, d.number!)}`,
            ),
          );
        }
      }
    }
    run = [];
  };
  for (const d of sorted) {
    if (d.pinnedIn === undefined) {
      run.push(d);
      continue;
    }
    if (run.length > 0) closeRun(d);
    const last = run.at(-1) ?? before;
    // The same number twice is reported once, as a clash of the two files (DuplicateUrl).
    if (last && last.number! > d.number! && last.pinnedIn !== undefined) {
      diagnostics.push(
        diagnostic(
          'WeeklyNumber',
          `issue ${d.number} (${where(d)}, week ${d.week.id}) comes after issue ${last.number} (${where(last)}, week ${last.week.id}): numbers grow with the week`,
          placeOf(last),
          `a number may only be given to a week later than every numbered one: fix the \`issue:\` of one of them`,
        ),
      );
    }
    before = d;
  }
  if (run.length > 0) closeRun(undefined);
  return diagnostics;
}
