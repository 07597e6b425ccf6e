import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { diagnostic, warning, type Diagnostic } from '../diagnostics.js';
import { REFUSED_LINK_HINT, refusalOf, type ReadGuard } from './read-guard.js';

/**
 * What is at a path quire is about to read, following a symbolic link only where the guard
 * allows: a file, a folder (with its real path, to tell loops), or nothing to read — absent, a
 * broken link (`broken`), a link that leads where quire may not read (`problem`: an
 * UnsafeSymlink error naming the link and its target), or a FIFO, socket or device (`problem`:
 * a warning; reading one would hang or never end).
 */
export type Inspected =
  | { readonly kind: 'file' }
  | { readonly kind: 'folder'; readonly real: string }
  | { readonly kind: 'none'; readonly broken?: true; readonly problem?: Diagnostic };

export function inspectPath(full: string, guard: ReadGuard): Inspected {
  const shown = path.relative(guard.root, full) || full;
  let stats: Stats | undefined;
  let real: string | undefined;
  try {
    stats = lstatSync(full, { throwIfNoEntry: false });
    if (!stats) return { kind: 'none' };
    if (stats.isSymbolicLink()) {
      try {
        real = realpathSync(full);
        stats = statSync(real);
      } catch {
        return { kind: 'none', broken: true };
      }
      const why = refusalOf(guard, real);
      if (why) {
        return { kind: 'none', problem: diagnostic('UnsafeSymlink', `${shown} is a symbolic link to ${targetOf(full, real, guard)}, ${why}; quire does not read it`, { file: shown }, REFUSED_LINK_HINT) };
      }
    }
  } catch (error) {
    return { kind: 'none', problem: diagnostic('ReadError', `cannot look at ${shown}: ${(error as Error).message}`, { file: shown }, 'check its permissions') };
  }
  if (stats.isFile()) return { kind: 'file' };
  if (stats.isDirectory()) {
    try {
      return { kind: 'folder', real: real ?? realpathSync(full) };
    } catch {
      return { kind: 'none' };
    }
  }
  const what = stats.isFIFO() ? 'a named pipe (FIFO)' : stats.isSocket() ? 'a socket' : 'a device';
  return { kind: 'none', problem: warning('ReadError', `${shown} is ${what}, not a file; skipped`, { file: shown }, 'quire reads only files and folders: remove it') };
}

/** The link's own text, and where it really leads when that says more (`../../.git/config (.git/config)`). */
function targetOf(link: string, real: string, guard: ReadGuard): string {
  const target = readlinkSync(link);
  const inProject = path.relative(guard.realRoot, real);
  const shown = inProject === '' ? 'the project folder' : inProject.startsWith('..') || path.isAbsolute(inProject) ? real : inProject;
  return shown === target ? target : `${target} (${shown})`;
}
