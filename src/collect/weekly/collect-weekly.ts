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
  /** Publish time: the file's date, else the end of its week. */
  readonly date: EntryDate;
  /** Source keys of its notes, oldest first. */
  readonly notes: readonly string[];
  /** True when the number came from neither `issue:` nor the file name (it may move). */
  readonly numberInferred: boolean;
}

export interface WeeklyInput {
  /** All loaded weekly issues and notes, drafts and future ones included: numbers must not depend on flags. */
  readonly weekly: readonly Entry[];
  readonly notes: readonly Entry[];
  readonly timezone: string;
}

/**
 * Number the issues and put every note into one. Numbers never shift silently: `issue:` or a
 * numeric file name pins them; others follow the highest pinned number in date order (with a
 * warning). A duplicate number is an error naming both files; a gap is a warning. A note joins
 * the issue it pins (`issue: N`), else the issue of its ISO week (site zone); a week with notes and
 * no issue file gets an issue of its own, dated at the end of the week.
 */
export function collectWeekly(input: WeeklyInput): { issues: WeeklyIssue[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { timezone } = input;
  const at = (entry: Entry, field: string) => ({ file: entry.displayPath, ...(entry.fieldPositions[field] ?? {}), source: entry.text });

  type Draft = { key: string; entry: Entry | undefined; week: IsoWeek; date: EntryDate; number: number | undefined; pinned: boolean; notes: Entry[] };
  const drafts: Draft[] = [];
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
    const fromName = /^(\d+)$/.exec(path.posix.basename(entry.source.rel).replace(/\.(md|markdown)$/i, ''))?.[1];
    const number = entry.issue ?? (fromName !== undefined && Number(fromName) > 0 ? Number(fromName) : undefined);
    drafts.push({ key: entry.source.rel, entry, week, date: entry.date ?? { iso: week.end, epochMs: week.endMs }, number, pinned: number !== undefined, notes: [] });
  }

  // Duplicate pinned numbers.
  const byNumber = new Map<number, Draft>();
  for (const draft of drafts) {
    if (draft.number === undefined) continue;
    const other = byNumber.get(draft.number);
    if (other) {
      diagnostics.push(
        diagnostic('DuplicateUrl', `weekly issue ${draft.number} is claimed by both ${other.entry!.displayPath} and ${draft.entry!.displayPath}`, at(draft.entry!, 'issue'), 'give each issue its own `issue:` number'),
      );
    } else byNumber.set(draft.number, draft);
  }

  // Notes: pinned to an issue number, or to the issue of their week, or to a new notes-only week.
  const byWeek = new Map<string, Draft>();
  for (const draft of [...drafts].sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.date.epochMs - b.date.epochMs)) {
    if (!byWeek.has(draft.week.id)) byWeek.set(draft.week.id, draft);
  }
  const notesOnly = new Map<string, Draft>();
  for (const note of input.notes) {
    if (note.draft) continue;
    if (note.issue !== undefined) {
      const target = byNumber.get(note.issue);
      if (target) target.notes.push(note);
      else diagnostics.push(diagnostic('BrokenLink', `this note pins \`issue: ${note.issue}\`, but there is no weekly issue ${note.issue}`, at(note, 'issue'), 'fix the number, or remove `issue:` to place the note by its date'));
      continue;
    }
    if (!note.date) {
      diagnostics.push(diagnostic('FrontMatterInvalid', 'a note needs a `date` (or an `issue:` number)', { file: note.displayPath }, 'add e.g. `date: 2025-12-18 09:30`'));
      continue;
    }
    const week = isoWeekOf(note.date.epochMs, timezone);
    const target = byWeek.get(week.id) ?? notesOnly.get(week.id);
    if (target) target.notes.push(note);
    else notesOnly.set(week.id, { key: `weekly/${week.id}`, entry: undefined, week, date: { iso: week.end, epochMs: week.endMs }, number: undefined, pinned: false, notes: [note] });
  }

  // Numbers for the rest: after the highest pinned number, in date order.
  const unnumbered = [...drafts.filter((d) => d.number === undefined), ...notesOnly.values()].sort((a, b) => a.date.epochMs - b.date.epochMs || (a.key < b.key ? -1 : 1));
  let next = Math.max(0, ...byNumber.keys()) + 1;
  for (const draft of unnumbered) {
    draft.number = next++;
    if (draft.entry) {
      diagnostics.push(
        warning('FrontMatterInvalid', `this issue has no \`issue:\` number; it is numbered ${draft.number} by date, which changes if an earlier one is added`, { file: draft.entry.displayPath }, `pin it with \`issue: ${draft.number}\``),
      );
    }
  }

  const issues: WeeklyIssue[] = [];
  const seen = new Set<number>();
  for (const draft of [...drafts, ...notesOnly.values()]) {
    if (seen.has(draft.number!)) continue;
    seen.add(draft.number!);
    issues.push({
      number: draft.number!,
      key: draft.key,
      entry: draft.entry,
      week: draft.week,
      date: draft.date,
      notes: draft.notes.sort((a, b) => (a.date?.epochMs ?? 0) - (b.date?.epochMs ?? 0) || (a.source.rel < b.source.rel ? -1 : 1)).map((n) => n.source.rel),
      numberInferred: !draft.pinned,
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
