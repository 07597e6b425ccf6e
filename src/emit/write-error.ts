import { diagnostic, QuireError, type Diagnostic } from '../diagnostics.js';

/** What to do about a failed write, by the system's error code. */
const HINTS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full: free some space and build again',
  EDQUOT: 'your disk quota is used up: free some space and build again',
  EROFS: 'that file system is read-only: build into a folder on a writable disk (--out, or `outDir` in the config)',
  EACCES: 'quire may not write there: check the owner and permissions of that folder',
  EPERM: 'quire may not write there: check the owner and permissions of that folder (and that no program holds it open)',
  EMFILE: 'too many files are open: raise the limit (`ulimit -n`) and build again',
  EIO: 'the disk reported an input/output error: check it',
};

/**
 * A failed write of the output (`what` = 'the site') or of the cache, as a WriteError naming the
 * path, the system's reason and what to do, never as a bug in quire. Anything that is already a
 * reported problem passes through.
 */
export function writeFailure(error: unknown, file: string, severity: 'error' | 'warning' = 'error'): Diagnostic {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = error instanceof Error ? error.message : String(error);
  const hint = (code !== undefined && HINTS[code]) || 'check free disk space and the permissions of that folder';
  return diagnostic('WriteError', `cannot write ${file}: ${reason}`, {}, hint, severity);
}

/** `writeFailure` as a thrown error; a QuireError is returned as it is. */
export function writeErrorOf(error: unknown, file: string): QuireError {
  return error instanceof QuireError ? error : new QuireError([writeFailure(error, file)]);
}
