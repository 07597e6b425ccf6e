import type { Entry } from '../types.js';

/** Where an error about a front-matter field points: the first of `fields` the entry has, else its file. */
export function fieldPlace(entry: Entry, ...fields: string[]): { file: string; line?: number; column?: number; source?: Entry['text'] } {
  for (const field of fields) {
    const position = entry.fieldPositions[field];
    if (position) return { file: entry.displayPath, ...position, source: entry.text };
  }
  return { file: entry.displayPath };
}
