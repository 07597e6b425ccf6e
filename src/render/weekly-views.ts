import { hrefOf } from '../collect/url-path.js';
import type { NoteRef, WeeklyIssueInfo } from '../types.js';
import { domainOf } from '../collect/weekly/issue-tree.js';
import { entryView, type ViewContext } from './views.js';

/** What the issue template sees of an issue: the entry view plus number, week and items. */
export function issueView(info: WeeklyIssueInfo, ctx: ViewContext) {
  return {
    ...entryView(info.key, ctx),
    number: info.number,
    rawTitle: info.rawTitle,
    week: info.week.id,
    weekRange: info.weekRange,
    itemCount: info.itemCount,
    sections: info.sections.map((s) => ({ name: s.name, count: s.notes.length + s.bodyItems })),
  };
}

/** Short form for lists: the weekly index, previous/next, earlier years. */
export function issueSummary(info: WeeklyIssueInfo, ctx: ViewContext) {
  const placed = ctx.site.entries[info.key]!;
  return {
    number: info.number,
    title: placed.entry.title,
    url: hrefOf(placed.url, ctx.config.basePath),
    weekRange: info.weekRange,
    year: info.week.year,
    date: placed.entry.date?.iso,
    itemCount: info.itemCount,
    description: ctx.rendered[info.key]?.descriptionText ?? '',
  };
}

/** The weekly index: the latest issue pinned, then every issue grouped by ISO week-year. */
export function weeklyIndexView(ctx: ViewContext) {
  const issues = ctx.site.weeklyIssues.map((i) => issueSummary(i, ctx));
  const years: Array<{ year: number; issues: typeof issues }> = [];
  for (const issue of issues) {
    const group = years.at(-1);
    if (group && group.year === issue.year) group.issues.push(issue);
    else years.push({ year: issue.year, issues: [issue] });
  }
  return { latest: issues[0], issues, years };
}

/** Previous/next issue by number, and issues of the same ISO week number in earlier years. */
export function issueNeighbours(info: WeeklyIssueInfo, ctx: ViewContext) {
  const all = ctx.site.weeklyIssues;
  const index = all.indexOf(info);
  const summary = (i: WeeklyIssueInfo | undefined) => (i ? issueSummary(i, ctx) : undefined);
  return {
    newer: summary(all[index - 1]),
    older: summary(all[index + 1]),
    earlier: all.filter((i) => i.week.week === info.week.week && i.week.year < info.week.year).map((i) => issueSummary(i, ctx)),
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
