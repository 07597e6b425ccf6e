import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Entry, SourceFile } from '../types.js';
import { loadEntry, type LoadContext } from './load-entry.js';

/** Load every source; diagnostics of all files are returned together. Reads the disk. */
export function loadEntries(sources: readonly SourceFile[], ctx: LoadContext): { entries: Entry[]; diagnostics: Diagnostic[] } {
  const entries: Entry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(source.path);
    } catch (error) {
      const file = path.relative(ctx.displayRoot, source.path) || source.path;
      diagnostics.push(diagnostic('ReadError', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file }, 'check that it exists and is readable'));
      continue;
    }
    const result = loadEntry(source, bytes, ctx);
    diagnostics.push(...result.diagnostics);
    if (result.entry) entries.push(result.entry);
  }
  return { entries, diagnostics };
}
