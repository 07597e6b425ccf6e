import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { feedId } from '../emit/feeds/feed-id.js';
import type { Entry } from '../types.js';

/** Two published entries pinning the same feed id (`id:`, compared as feeds write it) would be one item to feed readers. */
export function duplicateIds(entries: readonly Entry[]): Diagnostic[] {
  const owners = new Map<string, Entry>();
  const problems: Diagnostic[] = [];
  for (const entry of entries) {
    if (entry.id === undefined || entry.id.trim() === '') continue;
    const key = feedId(entry.id, '');
    const first = owners.get(key);
    if (!first) {
      owners.set(key, entry);
      continue;
    }
    const position = entry.fieldPositions['id'];
    problems.push(
      diagnostic(
        'DuplicateId',
        `${entry.displayPath} and ${first.displayPath} both have the id "${entry.id.trim()}"`,
        { file: entry.displayPath, ...(position && { ...position, source: entry.text }) },
        'an id names one entry in every feed, for good: give one of them another `id`, or remove it (the URL is then the id)',
      ),
    );
  }
  return problems;
}
