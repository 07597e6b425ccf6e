import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { collectWeekly, pinnedNumber, type WeeklyIssue } from '../collect/weekly/collect-weekly.js';
import { isoWeekOf, nextIsoWeek, type IsoWeek } from '../collect/weekly/iso-week.js';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics.js';
import { discoverSources } from '../discover/discover-sources.js';
import { readGuard } from '../discover/read-guard.js';
import { loadEntries } from '../load/load-entries.js';
import { loadEntry } from '../load/load-entry.js';
import type { Entry, EntryKind } from '../types.js';

/** The weekly issues and notes of a site as `quire new` sees them: front matter only. */
export interface WeeklyState {
  readonly weekly: readonly Entry[];
  readonly notes: readonly Entry[];
  readonly timezone: string;
  readonly contentDir: string;
  readonly root: string;
}

/** What `quire new weekly` creates: the issue of `week`, numbered `number`. */
export interface IssuePlan {
  readonly number: number;
  readonly week: IsoWeek;
  /** The new file takes over the issue its week's notes made so far (same number, URL and id). */
  readonly takesOver: boolean;
  /** The existing issue that gathers this week's notes, when the new one is for a later week. */
  readonly thisWeek: WeeklyIssue | undefined;
}

const NO_MARKDOWN = () => ({ type: 'root' as const, children: [] });

/** Read the weekly and notes folders (front matter only: Markdown is not parsed). */
export function readWeeklyState(config: ResolvedConfig): WeeklyState | { problems: readonly Diagnostic[] } {
  const discovery = discoverSources(config.contentDir, readGuard(config));
  const sources = discovery.sources.filter((s) => s.kind === 'weekly' || s.kind === 'note');
  const loaded = loadEntries(sources, { timezone: config.timezone, displayRoot: config.root, parseMarkdown: NO_MARKDOWN });
  if (hasErrors(loaded.diagnostics)) return { problems: loaded.diagnostics.filter((d) => d.severity === 'error') };
  return {
    weekly: loaded.entries.filter((e) => e.kind === 'weekly'),
    notes: loaded.entries.filter((e) => e.kind === 'note'),
    timezone: config.timezone,
    contentDir: config.contentDir,
    root: config.root,
  };
}

/**
 * The issue `quire new weekly` creates at `now`: for the first week, from this one on, that has no
 * issue file and is not before any issue. A week of notes only is taken over (its number stays);
 * otherwise the number is one more than any in use, drafts' pinned numbers included. Pure.
 */
export function planWeeklyIssue(state: WeeklyState, now: Date): IssuePlan | { problems: readonly Diagnostic[] } {
  const collected = collectWeekly(state);
  if (hasErrors(collected.diagnostics)) return { problems: collected.diagnostics.filter((d) => d.severity === 'error') };
  const { issues } = collected;
  const current = isoWeekOf(now.getTime(), state.timezone);
  const latest = [...issues].sort((a, b) => b.week.startMs - a.week.startMs || b.number - a.number)[0];
  let week = current;
  if (latest && latest.week.startMs >= current.startMs) week = latest.entry ? nextIsoWeek(latest.week, state.timezone) : latest.week;
  const notesOnly = issues.find((i) => !i.entry && i.week.id === week.id);
  const draftPins = state.weekly.filter((e) => e.draft).map((e) => pinnedNumber(e) ?? 0);
  const number = notesOnly?.number ?? Math.max(0, ...issues.map((i) => i.number), ...draftPins) + 1;
  const thisWeek = week.id !== current.id ? issues.find((i) => i.week.id === current.id) : undefined;
  return { number, week, takesOver: notesOnly !== undefined, thisWeek };
}

/** When issue `number` was published, if its file is dated at or before `now` (its page and feeds are out; its e-mail may be). */
export function publishedAt(state: WeeklyState, number: number, now: Date): Entry['date'] {
  const issue = collectWeekly(state).issues.find((i) => i.number === number);
  const date = issue?.entry && !issue.entry.draft ? issue.entry.date : undefined;
  return date && date.epochMs <= now.getTime() ? date : undefined;
}

/**
 * The issue a note written at `now` is pinned to: the issue of its week; else a new number, one more
 * than any in use, when its week is later than every issue; else the first issue after its week
 * (an issue there is already numbered, and a number may only go to a week later than every
 * numbered one). Undefined when the weekly files have errors, or that later issue's number is not
 * pinned (the note is then written unpinned, and `checkAddition` says what to pin first). Pure.
 */
export function planNoteIssue(state: WeeklyState, now: Date): number | undefined {
  const collected = collectWeekly(state);
  if (hasErrors(collected.diagnostics)) return undefined;
  const week = isoWeekOf(now.getTime(), state.timezone);
  const byWeek = [...collected.issues].sort((a, b) => a.week.startMs - b.week.startMs || a.number - b.number);
  const same = byWeek.find((i) => i.week.id === week.id);
  if (same) return same.number;
  const later = byWeek.find((i) => i.week.startMs > week.startMs);
  // A pin names a pinned number: one the build inferred is not a pin target yet (the build says
  // to pin that issue first).
  if (later) return later.numberInferred ? undefined : later.number;
  const draftPins = state.weekly.filter((e) => e.draft).map((e) => pinnedNumber(e) ?? 0);
  return Math.max(0, ...collected.issues.map((i) => i.number), ...draftPins) + 1;
}

/**
 * What adding the file `rel` (under the content folder) with `text` would move: problems for every
 * existing issue whose number would change, and every new error of the weekly files. Empty when the
 * addition is safe. `quire new` checks each file it writes with this, so it never moves a number.
 */
export function checkAddition(state: WeeklyState, kind: EntryKind, rel: string, text: string): Diagnostic[] {
  const full = path.join(state.contentDir, ...rel.split('/'));
  const loaded = loadEntry({ kind, path: full, rel, assets: [] }, Buffer.from(text, 'utf8'), { timezone: state.timezone, displayRoot: state.root, parseMarkdown: NO_MARKDOWN });
  if (!loaded.entry) return loaded.diagnostics.filter((d) => d.severity === 'error');
  const after: WeeklyState = kind === 'weekly' ? { ...state, weekly: [...state.weekly, loaded.entry] } : { ...state, notes: [...state.notes, loaded.entry] };
  const before = collectWeekly(state);
  const next = collectWeekly(after);
  const known = new Set(before.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message));
  const problems = next.diagnostics.filter((d) => d.severity === 'error' && !known.has(d.message));
  // The build's own errors say what would move and what to pin.
  if (problems.length > 0) return problems;
  const numberOf = new Map(next.issues.map((i) => [i.week.id, i.number]));
  for (const issue of before.issues) {
    const now = numberOf.get(issue.week.id);
    if (now !== undefined && now !== issue.number) {
      problems.push(diagnostic('WeeklyNumber', `adding ${rel} would renumber issue ${issue.number} (week ${issue.week.id}) to ${now}`, {}, 'this is a bug in quire: please report it'));
    }
  }
  return problems;
}
