import { lstatSync } from 'node:fs';
import path from 'node:path';
import { isWithin } from '../config/project-dirs.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { realPathOf } from '../emit/real-path.js';

const HINT = 'delete it (quire makes the cache folder itself, inside the project), set `cacheDir` to a folder inside the project, or build with --no-cache';

/**
 * Why the build must not use `cacheDir` as its cache, or undefined. The cache is read into the
 * site and written on every build, so it must be a plain folder inside the project: not a symbolic
 * link (a committed `.quire-cache -> /somewhere` would make quire write there), not under a link
 * leading out of the project, not a file, and its `entries` folder not a link either. A missing
 * folder is fine: quire makes it.
 */
export function cacheDirProblem(cacheDir: string, root: string): Diagnostic | undefined {
  const shown = isWithin(cacheDir, root) ? path.relative(root, cacheDir) || '.' : cacheDir;
  const refuse = (why: string) => diagnostic('CacheDirUnsafe', `refusing to use the cache folder ${shown}: ${why}`, {}, HINT);
  if (!isWithin(cacheDir, root) || cacheDir === root) return refuse(cacheDir === root ? 'it is the project root' : 'it is outside the project');
  for (const [folder, name] of [
    [cacheDir, 'it'],
    [path.join(cacheDir, 'entries'), 'its entries folder'],
    [path.join(cacheDir, 'images'), 'its images folder'],
  ] as const) {
    const stats = lstatSync(folder, { throwIfNoEntry: false });
    if (!stats) continue;
    if (stats.isSymbolicLink()) return refuse(`${name} is a symbolic link`);
    if (!stats.isDirectory()) return refuse(`${name} is not a folder`);
  }
  const realRoot = realPathOf(root);
  const realCache = realPathOf(cacheDir);
  if (!isWithin(realCache, realRoot)) return refuse(`its real path ${realCache} is outside the project`);
  return undefined;
}
