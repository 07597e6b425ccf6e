import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { inspectPath, type Inspected } from './inspect-path.js';
import type { ReadGuard } from './read-guard.js';

const IGNORED = new Set(['.DS_Store', 'Thumbs.db', '.git']);

export interface WalkedFolder {
  /** Every file under the folder (relative, `/`-separated, sorted); none when it does not exist. */
  readonly files: readonly string[];
  /** A link that leads where quire may not read (error), a FIFO, socket or device (warning). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Every file under `dir` that quire may read (see `ReadGuard`): a link the guard refuses is
 * reported and not followed (so `rootfs -> /` costs one look), a FIFO, socket or device is
 * skipped with a warning, a symlink loop is skipped. `dir` itself is checked the same way.
 */
export function walkFolder(dir: string, guard: ReadGuard): WalkedFolder {
  return walkTree(dir, (full) => inspectPath(full, guard));
}

/** Every file under `dir`, each path (and `dir` itself) judged by `inspect`; a symlink loop is skipped. */
export function walkTree(dir: string, inspect: (full: string) => Inspected): WalkedFolder {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const walk = (current: string, prefix: string, seen: ReadonlySet<string>) => {
    let names: string[];
    try {
      names = readdirSync(current).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (IGNORED.has(name)) continue;
      const full = path.join(current, name);
      const found = inspect(full);
      if (found.kind === 'file') files.push(prefix + name);
      else if (found.kind === 'folder') {
        if (!seen.has(found.real)) walk(full, `${prefix}${name}/`, new Set([...seen, found.real]));
      } else if (found.problem) diagnostics.push(found.problem);
    }
  };
  const top = inspect(dir);
  if (top.kind === 'folder') walk(dir, '', new Set([top.real]));
  else if (top.kind === 'none' && top.problem) diagnostics.push(top.problem);
  return { files, diagnostics };
}
