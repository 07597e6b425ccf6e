import type { FeedRoute, ListPage, NoteRef } from '../../types.js';
import { feedRoute } from '../feed-routes.js';
import { paginate } from '../paginate.js';

/** Where the notes stream lives: its first page, and its feeds beside it. */
export const NOTES_URL = '/notes/';

export interface NotesStream {
  /** Note keys, newest first. */
  readonly keys: readonly string[];
  readonly pages: readonly ListPage[];
  readonly feed: FeedRoute;
}

/**
 * The notes stream: every published note, newest first (by its date, then its source key, so the
 * order never depends on the order files were read), paginated under `/notes/`, and its feed in
 * the three formats (`/notes/feed.xml`, `atom.xml`, `feed.json`). Undefined when there are no
 * notes or `notes.page` is false.
 */
export function notesStream(notes: Readonly<Record<string, NoteRef>>, config: { readonly paginate: number; readonly notes: { readonly page: boolean } }): NotesStream | undefined {
  if (!config.notes.page) return undefined;
  const keys = Object.values(notes)
    .sort((a, b) => (b.date?.epochMs ?? 0) - (a.date?.epochMs ?? 0) || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
    .map((note) => note.key);
  if (keys.length === 0) return undefined;
  return { keys, pages: paginate(keys, NOTES_URL, config.paginate), feed: feedRoute('notes', NOTES_URL, keys) };
}
