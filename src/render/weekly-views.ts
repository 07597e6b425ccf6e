import { hrefOf } from '../collect/url-path.js';
import type { NoteRef, WeeklyIssueInfo } from '../types.js';
import { domainOf } from '../collect/weekly/issue-tree.js';
import { displayDateRange } from './display-date.js';
import { entryView, type ViewContext } from './views.js';

/** What the issue template sees of an issue: the entry view plus number, week and items. */
export function issueView(info: WeeklyIssueInfo, ctx: ViewContext) {
  const view = entryView(info.key, ctx);
  return {
    ...view,
    number: info.number,
    rawTitle: info.rawTitle,
    week: info.week.id,
    /** The week's first and last day in the page's date form (`2025-12-15 – 12-21`, `15 – 21 Dec 2025`). */
    weekRange: displayDateRange(info.week.start, info.week.end, view.lang),
    itemCount: info.itemCount,
    sections: info.sections.map((s) => ({ name: s.name, count: s.notes.length + s.bodyItems })),
  };
}

/**
 * Short form for lists (the weekly index, previous/next, earlier years), dates in the form of
 * the page's `language`. An issue of prose with no link items (a diary) has `itemCount` 0: lists
 * show its reading time instead.
 */
export function issueSummary(info: WeeklyIssueInfo, ctx: ViewContext, language: string) {
  const placed = ctx.site.entries[info.key]!;
  const rendered = ctx.rendered[info.key];
  return {
    number: info.number,
    title: placed.entry.title,
    url: hrefOf(placed.url, ctx.config.basePath),
    weekRange: displayDateRange(info.week.start, info.week.end, language),
    year: info.week.year,
    date: placed.entry.date?.iso,
    itemCount: info.itemCount,
    readingMinutes: rendered?.readingMinutes ?? 0,
    description: rendered?.descriptionText ?? '',
  };
}

/** The weekly index: the latest issue pinned, then every issue grouped by ISO week-year. */
export function weeklyIndexView(ctx: ViewContext) {
  const issues = ctx.site.weeklyIssues.map((i) => issueSummary(i, ctx, ctx.config.language));
  const years: Array<{ year: number; issues: typeof issues }> = [];
  for (const issue of issues) {
    const group = years.at(-1);
    if (group && group.year === issue.year) group.issues.push(issue);
    else years.push({ year: issue.year, issues: [issue] });
  }
  return { latest: issues[0], issues, years };
}

/**
 * The issues either side of this one (`older` is the previous issue, linked `rel="prev"` as
 * "上一期"/"Previous issue"; `newer` the next one, `rel="next"`), and issues of the same ISO week
 * number in earlier years, dated in the issue page's `language`.
 */
export function issueNeighbours(info: WeeklyIssueInfo, ctx: ViewContext, language: string) {
  const all = ctx.site.weeklyIssues;
  const index = all.indexOf(info);
  const summary = (i: WeeklyIssueInfo | undefined) => (i ? issueSummary(i, ctx, language) : undefined);
  return {
    newer: summary(all[index - 1]),
    older: summary(all[index + 1]),
    earlier: all.filter((i) => i.week.week === info.week.week && i.week.year < info.week.year).map((i) => issueSummary(i, ctx, language)),
  };
}

/** A note on a tag page: its title linking to its place in the issue, the link's domain, the issue. */
export function noteView(note: NoteRef, basePath: string) {
  return {
    title: note.title,
    url: `${hrefOf(note.issueUrl, basePath)}#${encodeURIComponent(note.anchor)}`,
    date: note.date?.iso,
    link: note.link,
    domain: note.link ? domainOf(note.link) : undefined,
    issueTitle: note.issueTitle,
  };
}

/**
 * A note on the notes stream: its title (linking to the note's link, else to its place in the
 * issue), date, domain, commentary (taken from its issue's HTML, see note-parts.ts) and the issue
 * that gathered it.
 */
export function streamNoteView(key: string, ctx: ViewContext) {
  const note = ctx.site.notes[key]!;
  const info = ctx.site.weeklyIssues.find((i) => i.key === note.issueKey);
  const base = noteView(note, ctx.config.basePath);
  return {
    ...base,
    /** Where the note is in its issue. */
    issueUrl: base.url,
    lang: note.lang ?? ctx.config.language,
    tags: note.tags.flatMap((name) => {
      const term = ctx.tagsByName.get(name.toLowerCase());
      return term ? [{ name, url: hrefOf(term.url, ctx.config.basePath) }] : [];
    }),
    issueNumber: info?.number,
    content: ctx.rendered[note.issueKey]?.notes?.[note.anchor]?.html ?? '',
  };
}
