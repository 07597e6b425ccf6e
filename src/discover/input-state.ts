import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Discovery } from '../types.js';
import type { ReadGuard } from './read-guard.js';
import { walkFolder } from './walk-folder.js';

/**
 * A file changed less than this long before it was looked at may change again within the same
 * tick of the file system's clock (Linux stamps files at timer-tick resolution) without its stamp
 * changing. File systems that keep whole seconds (FAT, HFS+, ext3) get two seconds.
 */
const RACY_MS = 100;
const RACY_MS_COARSE = 2000;

export interface InputState {
  /** Digest of the settings and of the stamp (size, mtime, ctime, inode) of every input file. */
  readonly digest: string;
  /**
   * False when some file changed too recently for its stamp to be trusted (git's "racily clean"
   * entries): a build from this state must not be recorded as matching it.
   */
  readonly settled: boolean;
}

/** Where a site's inputs are, besides its settings. */
export interface InputFolders {
  readonly publicDir: string;
  readonly templateDirs: readonly string[];
  readonly configFile: string | undefined;
  /** What the folders may be read through (a refused link is not followed, but counts as an input). */
  readonly guard: ReadGuard;
}

/**
 * What a build reads, as one digest: `settings` (any JSON value: the resolved config, package
 * versions…), the discovered sources with their bundle files and the discovery's warnings, every
 * file of the public folder and of each templates folder (static files included), the problems
 * found in those folders (refused links) and the config file. A file added, removed, renamed or
 * written changes the digest; so does any setting.
 */
export function inputState(settings: string, discovery: Discovery, folders: InputFolders, checkedAt: number): InputState {
  const files: string[] = [];
  const problems: unknown[] = [];
  for (const source of discovery.sources) {
    files.push(source.path);
    for (const asset of source.assets) files.push(path.join(path.dirname(source.path), ...asset.split('/')));
  }
  for (const dir of [folders.publicDir, ...folders.templateDirs]) {
    files.push(`${dir}${path.sep}`);
    const walked = walkFolder(dir, folders.guard);
    problems.push(...walked.diagnostics);
    for (const rel of walked.files) files.push(path.join(dir, ...rel.split('/')));
  }
  if (folders.configFile !== undefined) files.push(folders.configFile);

  const hash = createHash('sha256');
  const line = (text: string) => hash.update(text).update('\n');
  line(settings);
  line(JSON.stringify(discovery.diagnostics));
  line(JSON.stringify(problems));
  let newest = -Infinity;
  let coarse = true;
  for (const file of files) {
    if (file.endsWith(path.sep)) {
      // A folder marker: which folder the files below come from.
      line(`dir ${file}`);
      continue;
    }
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats) {
      line(`missing ${file}`);
      continue;
    }
    line(`${file}\u0000${stats.size}\u0000${stats.mtimeMs}\u0000${stats.ctimeMs}\u0000${stats.ino}`);
    newest = Math.max(newest, stats.mtimeMs, stats.ctimeMs);
    coarse &&= stats.mtimeMs % 1000 === 0 && stats.ctimeMs % 1000 === 0;
  }
  const margin = coarse ? RACY_MS_COARSE : RACY_MS;
  return { digest: hash.digest('hex'), settled: newest < checkedAt - margin };
}
