import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { collectWeekly } from '../collect/weekly/collect-weekly.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { discoverSources } from '../discover/discover-sources.js';
import { readGuard } from '../discover/read-guard.js';
import { loadEntries } from '../load/load-entries.js';

/**
 * The number a new weekly issue of `weekId` gets: the number the site already shows for that
 * week when its notes make an issue of their own (the new file takes that issue over, so no number
 * moves), else one more than the highest number in use — pinned (`issue:`), from a file name,
 * inferred by the build, or held by a draft. Reads the weekly and notes folders only; front matter
 * is all it needs, so Markdown is not parsed.
 */
export function nextIssueNumber(config: ResolvedConfig, weekId: string): { number: number } | { problems: readonly Diagnostic[] } {
  const discovery = discoverSources(config.contentDir, readGuard(config));
  const sources = discovery.sources.filter((s) => s.kind === 'weekly' || s.kind === 'note');
  const loaded = loadEntries(sources, { timezone: config.timezone, displayRoot: config.root, parseMarkdown: () => ({ type: 'root', children: [] }) });
  if (hasErrors(loaded.diagnostics)) return { problems: loaded.diagnostics.filter((d) => d.severity === 'error') };

  const weekly = loaded.entries.filter((e) => e.kind === 'weekly');
  const taken = new Set<number>();
  for (const entry of weekly) {
    const fromName = /^(\d+)$/.exec(path.posix.basename(entry.source.rel).replace(/\.(md|markdown)$/i, ''))?.[1];
    const number = entry.issue ?? (fromName !== undefined ? Number(fromName) : undefined);
    if (number !== undefined && number > 0) taken.add(number);
  }
  const { issues } = collectWeekly({ weekly, notes: loaded.entries.filter((e) => e.kind === 'note'), timezone: config.timezone });
  const notesOnly = issues.find((issue) => issue.entry === undefined && issue.week.id === weekId);
  if (notesOnly && !taken.has(notesOnly.number)) return { number: notesOnly.number };
  return { number: Math.max(0, ...taken, ...issues.map((i) => i.number)) + 1 };
}
