import { DateTime } from 'luxon';
import { warning, type Diagnostic } from '../diagnostics.js';
import type { Entry } from '../types.js';

export interface LintOptions {
  readonly now: Date;
  readonly timezone: string;
  /** Drafts and future posts are linted only when they are built (--drafts, --future). */
  readonly drafts: boolean;
  readonly future: boolean;
}

/**
 * Front-matter advice on loaded entries, all warnings: posts without a `description` (search
 * engines and link previews then guess), dates in the future (a typo such as 2205, or a post that
 * stays unpublished until then), and posts or pages that share a title.
 */
export function lintEntries(entries: readonly Entry[], options: LintOptions): Diagnostic[] {
  const found: Diagnostic[] = [];
  const at = (entry: Entry, field: string) => {
    const position = entry.fieldPositions[field];
    return { file: entry.displayPath, ...(position ?? { line: 1, column: 1 }), source: entry.text };
  };
  const considered = entries.filter((e) => options.drafts || !e.draft);

  for (const entry of considered) {
    const unpublishedFuture = entry.date !== undefined && entry.date.epochMs > options.now.getTime() && !options.future;
    if (entry.kind === 'post' && entry.description === undefined && !unpublishedFuture) {
      found.push(
        warning(
          'MissingDescription',
          'this post has no `description`',
          at(entry, entry.fieldPositions['description'] ? 'description' : 'title'),
          'add one sentence as `description:` for search results and link previews (otherwise the start of the text is used)',
        ),
      );
    }
    if (entry.date && entry.date.epochMs > options.now.getTime() && entry.kind !== 'page') {
      const shown = DateTime.fromMillis(entry.date.epochMs, { zone: options.timezone }).toFormat('yyyy-MM-dd HH:mm');
      found.push(
        warning(
          'FutureDate',
          options.future
            ? `dated ${shown} (${options.timezone}), in the future: shown now because of --future, but a build without it leaves it out until then`
            : `dated ${shown} (${options.timezone}), in the future: it is left out of the site until then`,
          entry.fieldPositions['date'] ? at(entry, 'date') : { file: entry.displayPath },
          options.future ? 'if that is a typo, fix the date' : 'if that is a typo, fix the date; to preview it, build with --future',
        ),
      );
    }
  }

  const byTitle = new Map<string, Entry>();
  for (const entry of considered) {
    if (entry.kind !== 'post' && entry.kind !== 'page') continue;
    const key = entry.title.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
    const first = byTitle.get(key);
    if (!first) {
      byTitle.set(key, entry);
      continue;
    }
    found.push(
      warning(
        'DuplicateTitle',
        `the title "${entry.title}" is also the title of ${first.displayPath}`,
        entry.fieldPositions['title'] ? at(entry, 'title') : { file: entry.displayPath },
        'readers tell pages apart by their titles (in lists, tabs, search results): give each its own',
      ),
    );
  }
  return found;
}
