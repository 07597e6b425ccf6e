import path from 'node:path';
import type { ResolvedConfig } from '../../config/resolve-config.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { Entry, NoteRef, Placed, WeeklyIssueInfo } from '../../types.js';
import { uiStrings } from '../../render/ui-strings.js';
import { collectWeekly } from './collect-weekly.js';
import { formatWeekRange } from './iso-week.js';
import { buildIssueTree } from './issue-tree.js';
import { packText } from '../../packed-text.js';

export interface PlacedWeekly {
  /** Issue pages as entries (their tree holds the notes), keyed like other entries. */
  readonly entries: ReadonlyArray<Placed>;
  readonly issues: readonly WeeklyIssueInfo[];
  readonly notes: Readonly<Record<string, NoteRef>>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Number every weekly issue over all sources (so numbers do not depend on --future), then keep
 * what is published now, merge each issue's notes into its tree and place it at `/weekly/<n>/`.
 */
export function placeWeekly(all: readonly Entry[], isPublished: (entry: Entry) => boolean, isFuture: (epochMs: number) => boolean, config: ResolvedConfig): PlacedWeekly {
  // With --drafts, draft issues are numbered and shown too (a pinned number does not move).
  const weekly = all.filter((e) => e.kind === 'weekly').map((e) => (config.drafts && e.draft ? { ...e, draft: false } : e));
  const notes = all.filter((e) => e.kind === 'note');
  const collected = collectWeekly({ weekly, notes, timezone: config.timezone });
  const byKey = new Map(all.map((e) => [e.source.rel, e]));
  const t = uiStrings(config.language);

  const entries: Placed[] = [];
  const issues: WeeklyIssueInfo[] = [];
  const noteRefs: Record<string, NoteRef> = {};
  for (const issue of collected.issues) {
    if (issue.entry ? !isPublished(issue.entry) : isFuture(issue.date.epochMs)) continue;
    const issueNotes = issue.notes.map((k) => byKey.get(k)!).filter(isPublished);
    if (!issue.entry && issueNotes.length === 0) continue;
    const tree = buildIssueTree(issue.entry, issueNotes, config.weekly.sections, t.other);
    const rawTitle = issue.entry && issue.entry.titleFrom !== 'file-name' ? issue.entry.title : '';
    const title = (rawTitle ? config.weekly.title : config.weekly.titleUntitled).split('{n}').join(String(issue.number)).split('{title}').join(rawTitle);
    const url = `/weekly/${issue.number}/`;
    const entry: Entry = issue.entry
      ? { ...issue.entry, title, date: issue.date, mdast: tree.mdast }
      : {
          kind: 'weekly',
          source: { kind: 'weekly', path: path.join(config.contentDir, 'notes'), rel: issue.key, assets: [] },
          displayPath: path.relative(config.root, path.join(config.contentDir, 'notes')) || 'notes',
          title,
          titleFrom: 'file-name',
          date: issue.date,
          updated: undefined,
          tags: [],
          categories: [],
          draft: false,
          slug: String(issue.number),
          permalink: undefined,
          description: undefined,
          summary: undefined,
          image: undefined,
          // A week made of notes has no file to pin a number in: its feed id follows the week.
          id: `${config.url}weekly/${issue.week.id}`,
          lang: undefined,
          issue: issue.number,
          week: issue.week.id,
          link: undefined,
          section: undefined,
          extra: {},
          mdast: tree.mdast,
          bodyLineOffset: 0,
          fieldPositions: {},
          text: packText(''),
        };
    entries.push({ entry, url, outputPath: `weekly/${issue.number}/index.html` });
    issues.push({
      number: issue.number,
      key: issue.key,
      rawTitle,
      week: issue.week,
      weekRange: formatWeekRange(issue.week, config.timezone),
      itemCount: tree.itemCount,
      sections: tree.sections,
      noteIds: tree.noteIds,
      numberInferred: issue.numberInferred,
    });
    for (const note of issueNotes) {
      const anchor = tree.noteIds[note.source.rel]!;
      noteRefs[note.source.rel] = { key: note.source.rel, title: note.title, date: note.date, link: note.link, issueUrl: url, anchor, issueTitle: title };
    }
  }
  return { entries, issues, notes: noteRefs, diagnostics: collected.diagnostics };
}
