import type { Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { PackedText } from '../../packed-text.js';
import type { Entry } from '../../types.js';

/**
 * A weekly issue's tree holds its notes' trees, whose positions are lines of the notes' own files.
 * So that a problem found in a note (a broken link, an unknown code language) is reported at that
 * file, each note's nodes have their character offsets moved up by a multiple of this step (note
 * `i` of the issue: `(i + 1) × NOTE_OFFSET`; no content file comes near 4 GiB), and the issue's
 * tree lists the notes in its root's `data.quireNotes`. Lines and columns are untouched.
 */
export const NOTE_OFFSET = 2 ** 32;

export interface NoteOrigin {
  readonly file: string;
  readonly source: PackedText;
}

declare module 'mdast' {
  interface RootData {
    /** A weekly issue's notes, in the order of their offsets (see `NOTE_OFFSET`). */
    quireNotes?: readonly NoteOrigin[];
  }
}

/** A note's top-level nodes for issue tree number `index`: a copy, offsets moved (the note's own tree is shared and stays as it is). */
export function noteNodes(note: Entry, tree: Root, index: number): RootContent[] {
  const copy = structuredClone(tree);
  const by = (index + 1) * NOTE_OFFSET;
  visit(copy, (node) => {
    const { position } = node;
    if (position?.start.offset !== undefined) position.start.offset += by;
    if (position?.end.offset !== undefined) position.end.offset += by;
  });
  return copy.children;
}

/** Where a node of an entry's tree was written: the note it came from (see `NOTE_OFFSET`), else the entry. */
export function sourcePlace(entry: Entry, position: Position | undefined): { file: string; line?: number; column?: number; source: PackedText } {
  const line = position?.start.line;
  const column = position?.start.column;
  const offset = position?.start.offset;
  if (offset !== undefined && offset >= NOTE_OFFSET) {
    const origin = entry.mdast?.data?.quireNotes?.[Math.floor(offset / NOTE_OFFSET) - 1];
    if (origin) return { file: origin.file, line, column, source: origin.source };
  }
  return { file: entry.displayPath, line, column, source: entry.text };
}
