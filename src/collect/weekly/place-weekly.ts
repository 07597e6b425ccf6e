import path from 'node:path';
import type { ResolvedConfig } from '../../config/resolve-config.js';
import { warning, type Diagnostic } from '../../diagnostics.js';
import type { Entry, NoteRef, Placed, WeeklyIssueInfo } from '../../types.js';
import { uiStrings } from '../../render/ui-strings.js';
import { collectWeekly, lastNoteDate } from './collect-weekly.js';
import { formatWeekRange } from './iso-week.js';
import { buildIssueTree } from './issue-tree.js';
import { issueItemLinks, linkHygiene, stripTracking, trackingParamMatcher, withoutTracking, type IssueLinks } from './link-hygiene.js';
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
 * what is published now, merge each issue's notes into its tree and place it at `/weekly/<n>/`;
 * its feed id is that URL. An issue file with neither text nor items is a warning.
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
  const diagnostics = [...collected.diagnostics];
  const isTracking = trackingParamMatcher(config.weekly.stripParams);
  const issueLinks: IssueLinks[] = [];
  for (const issue of collected.issues) {
    // A week of notes is published once the week is over, dated by its last published note.
    if (issue.entry ? !isPublished(issue.entry) : isFuture(issue.week.endMs)) continue;
    const issueNotes = issue.notes.map((k) => byKey.get(k)!).filter(isPublished);
    if (!issue.entry && issueNotes.length === 0) continue;
    const date = issue.entry ? issue.date : lastNoteDate(issueNotes, issue.week);
    const built = buildIssueTree(issue.entry, issueNotes, config.weekly.sections, t.other);
    const tree = { ...built, mdast: stripTracking(built.mdast, isTracking) };
    if (issue.entry && tree.itemCount === 0 && tree.mdast.children.length === 0) {
      diagnostics.push(
        warning('EmptyIssue', `weekly issue ${issue.number} has no items and no text: it is published empty`, { file: issue.entry.displayPath }, `write its intro or items, add notes of week ${issue.week.id}, or mark it \`draft: true\``),
      );
    }
    const rawTitle = issue.entry && issue.entry.titleFrom !== 'file-name' ? issue.entry.title : '';
    const title = (rawTitle ? config.weekly.title : config.weekly.titleUntitled).split('{n}').join(String(issue.number)).split('{title}').join(rawTitle);
    issueLinks.push({ number: issue.number, title, links: issueItemLinks(issue.entry, issueNotes, isTracking) });
    const url = `/weekly/${issue.number}/`;
    const entry: Entry = issue.entry
      ? { ...issue.entry, title, date, mdast: tree.mdast }
      : {
          kind: 'weekly',
          source: { kind: 'weekly', path: path.join(config.contentDir, 'notes'), rel: issue.key, assets: [] },
          displayPath: path.relative(config.root, path.join(config.contentDir, 'notes')) || 'notes',
          title,
          titleFrom: 'file-name',
          date,
          updated: undefined,
          tags: [],
          categories: [],
          categoryPaths: [],
          series: undefined,
          draft: false,
          slug: String(issue.number),
          permalink: undefined,
          aliases: [],
          description: undefined,
          summary: undefined,
          image: undefined,
          // Like every issue, its feed id is its URL: /weekly/<n>/, where n never moves.
          id: undefined,
          lang: undefined,
          translationKey: undefined,
          issue: issue.number,
          week: issue.week.id,
          link: undefined,
          section: undefined,
          weight: undefined,
          menu: undefined,
          sidebar: undefined,
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
      noteRefs[note.source.rel] = {
        key: note.source.rel,
        title: note.title,
        // A note placed by `issue:` alone is dated by its issue.
        date: note.date ?? date,
        link: note.link && withoutTracking(note.link, isTracking),
        issueUrl: url,
        anchor,
        issueTitle: title,
        issueKey: issue.key,
        id: note.id,
        tags: note.tags,
        lang: note.lang,
      };
    }
  }
  diagnostics.push(...linkHygiene(issueLinks, config.weekly.repeatedLinks));
  return { entries, issues, notes: noteRefs, diagnostics };
}
