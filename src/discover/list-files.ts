import { realpathSync, statSync } from 'node:fs';
import type { Inspected } from './inspect-path.js';
import { walkTree } from './walk-folder.js';

/**
 * Every file under `dir` (relative, `/`-separated, sorted); none when it does not exist. For
 * folders quire itself owns (its scaffold, a build's output), so links are followed as they are;
 * the site's own folders are walked with `walkFolder` and its guard. Symlink loops are skipped.
 */
export function listFiles(dir: string): string[] {
  return [...walkTree(dir, trusted).files];
}

function trusted(full: string): Inspected {
  try {
    const stats = statSync(full);
    if (stats.isFile()) return { kind: 'file' };
    if (stats.isDirectory()) return { kind: 'folder', real: realpathSync(full) };
  } catch {
    // gone, or a broken link
  }
  return { kind: 'none' };
}
