import { readdirSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, QuireError } from '../diagnostics.js';

/** A path beside the output folder, `.<name>.quire-<what>`: the lock, a staging site (`new-…`) or a retired one (`old-…`). */
export function besideOutput(outDir: string, what: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.quire-${what}`);
}

/**
 * True when a build holds the output folder's lock or left a half-done swap beside it (or the
 * parent cannot be read): the folder may not be what the last build recorded. Synchronous, for
 * the up-to-date check at the start of a build.
 */
export function outputInProgress(outDir: string): boolean {
  const prefix = path.basename(besideOutput(outDir, ''));
  try {
    return readdirSync(path.dirname(outDir)).some((name) => name.startsWith(prefix));
  } catch {
    return true;
  }
}

/**
 * Take `.<name>.quire-lock` beside the output folder, so two builds of one site never swap their
 * output at the same time. A lock whose process is gone (a killed build) is taken over. Returns
 * the release function.
 */
export async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  const lock = besideOutput(outDir, 'lock');
  await mkdir(path.dirname(outDir), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new QuireError([
          diagnostic('WriteError', `another quire (process ${owner}) is writing ${outDir} right now`, {}, `wait for it to finish; if no quire is running, delete ${lock}`),
        ]);
      }
      await rm(lock, { force: true });
    }
  }
  throw new QuireError([diagnostic('WriteError', `cannot take the lock ${lock}`, {}, 'another build keeps taking it; try again')]);
}

/**
 * Put things right after a build that was killed while writing (call it holding the lock): a
 * site moved aside but not replaced is moved back, and abandoned staging or retired folders of
 * earlier builds are removed. Afterwards `outDir` is the last complete site (or absent if none).
 */
export async function recoverOutput(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const prefix = path.basename(besideOutput(outDir, ''));
  const leftovers = (await readdir(parent).catch(() => [] as string[])).filter((n) => n.startsWith(prefix) && !n.endsWith('-lock'));
  const retired = leftovers.filter((n) => n.startsWith(`${prefix}old-`)).sort();
  const hasOutput = await stat(outDir).then(
    () => true,
    () => false,
  );
  if (!hasOutput && retired.length > 0) await rename(path.join(parent, retired.pop()!), outDir);
  for (const name of leftovers) {
    const full = path.join(parent, name);
    if (await stat(full).then(() => true, () => false)) await rm(full, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
