import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { readCacheFileSync } from '../cache/read-cache-file.js';
import { OUTPUT_MARKER } from '../collect/output-marker.js';
import { isWithin, unsafeOutDir, type ProjectDirs } from '../config/project-dirs.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { realPathOf } from './real-path.js';


/** Cache files of older builds that name the output folder they wrote (`outDir`). */
const OLDER_MANIFESTS = ['site.json', 'pages.json'];

/**
 * Why the build must not replace `outDir`, as it is on disk now, or undefined. The path checks of
 * `unsafeOutDir` again on real paths (a link to `.git` is `.git`); then the folder itself: a
 * symbolic link or a file is refused, and so is a non-empty folder that no quire build wrote
 * (one without `OUTPUT_MARKER`, and not named by an older build's manifest in the cache folder),
 * unless `forceOut` (`--force-out`), which overrides that last rule only.
 */
export function outDirProblem(outDir: string, dirs: ProjectDirs, { forceOut = false }: { forceOut?: boolean } = {}): Diagnostic | undefined {
  const shown = isWithin(outDir, dirs.root) ? path.relative(dirs.root, outDir) : outDir;
  const refuse = (why: string, hint = 'choose a folder of its own, e.g. "dist"') => diagnostic('OutDirUnsafe', `refusing to build into ${shown}: ${why}`, {}, hint);

  const real = realPathOf;
  const realDirs: ProjectDirs = {
    root: real(dirs.root),
    contentDir: real(dirs.contentDir),
    publicDir: real(dirs.publicDir),
    templatesDir: real(dirs.templatesDir),
    ...(dirs.cacheDir !== undefined && { cacheDir: real(dirs.cacheDir) }),
  };
  const realOut = real(outDir);
  const unsafe = unsafeOutDir(outDir, dirs) ?? unsafeOutDir(realOut, realDirs);
  if (unsafe) return refuse(realOut === outDir ? unsafe : `its real path is ${realOut}, and ${unsafe}`);

  const stats = lstatSync(outDir, { throwIfNoEntry: false });
  if (!stats) return undefined;
  if (stats.isSymbolicLink()) return refuse(`it is a symbolic link (to ${readlinkSync(outDir)}), which the build would replace with a folder`, 'give the folder itself, not a link to it');
  if (!stats.isDirectory()) return refuse('it is a file, not a folder', 'move the file away, or choose another output folder');
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch (error) {
    return refuse(`it cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (names.length === 0 || forceOut) return undefined;
  if (names.includes(OUTPUT_MARKER) && lstatSync(path.join(outDir, OUTPUT_MARKER)).isFile()) return undefined;
  if (isWithin(realOut, realDirs.root) && dirs.cacheDir !== undefined && olderManifestNames(dirs.cacheDir, outDir)) return undefined;
  return refuse(
    `it is a folder with ${names.length} ${names.length === 1 ? 'entry' : 'entries'} that no quire build wrote (it has no ${OUTPUT_MARKER} file), and every build replaces it as a whole`,
    `empty or remove it, choose another output folder, or pass --force-out to replace it anyway`,
  );
}


/** A build of a quire from before `OUTPUT_MARKER` recorded this output folder in its cache manifest. */
function olderManifestNames(cacheDir: string, outDir: string): boolean {
  return OLDER_MANIFESTS.some((name) => {
    const text = readCacheFileSync(path.join(cacheDir, name));
    if (text === undefined) return false;
    try {
      return (JSON.parse(text) as { outDir?: unknown } | null)?.outDir === outDir;
    } catch {
      return false;
    }
  });
}
