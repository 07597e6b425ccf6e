import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Entry, SourceFile } from '../types.js';

// What a dev update asks of the files that changed: are they content, the same sources as before,
// and which entry and messages of a load belong to each.

/** A changed path that an update after an edit can handle: under content/ or public/ (not a folder itself). */
export function isContent(file: string, config: ResolvedConfig): boolean {
  const under = (dir: string) => file.startsWith(dir + path.sep);
  return under(config.contentDir) || under(config.publicDir);
}

export function sameSource(a: SourceFile, b: SourceFile): boolean {
  return a.kind === b.kind && a.path === b.path && a.assets.join('\n') === b.assets.join('\n');
}

/** A regular file, not a link to one: a source replaced by a link is discovered (and checked) again. */
export function isFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}

export function statOf(file: string): { size: number; mtimeMs: number } {
  try {
    const s = statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return { size: -1, mtimeMs: -1 };
  }
}

/** Which entry and which load diagnostics belong to each source (diagnostics by their file; others go with the first source). */
export function attribute(sources: readonly SourceFile[], entries: readonly Entry[], diagnostics: readonly Diagnostic[], root: string): Array<{ entry: Entry | undefined; diagnostics: Diagnostic[] }> {
  const index = new Map<string, number>();
  sources.forEach((source, i) => {
    index.set(source.rel, i);
    index.set(`file:${path.relative(root, source.path) || source.path}`, i);
  });
  const out = sources.map(() => ({ entry: undefined as Entry | undefined, diagnostics: [] as Diagnostic[] }));
  for (const entry of entries) {
    const i = index.get(entry.source.rel);
    if (i !== undefined) out[i]!.entry = entry;
  }
  for (const d of diagnostics) {
    const i = d.file === undefined ? undefined : index.get(`file:${d.file}`);
    out[i ?? 0]?.diagnostics.push(d);
  }
  return out;
}
