import { readdirSync, readFileSync } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { readCacheFile } from '../cache/read-cache-file.js';
import { diagnostic, QuireError, warning, type Diagnostic } from '../diagnostics.js';
import { writeErrorOf } from './write-error.js';

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
 * output at the same time. The lock says which process holds it, and which process that is: its
 * PID, and where the system tells (Linux: /proc) the boot and the moment it started, so a PID
 * used again by another program is not mistaken for the build. A lock whose process is gone, is
 * another program (a lock committed into the repository, naming PID 1), or is not in this form is
 * taken over, with a warning; a lock held by a running build stops this one. Returns the release
 * function and the warnings.
 */
export async function lockOutput(outDir: string): Promise<{ release: () => Promise<void>; diagnostics: Diagnostic[] }> {
  const lock = besideOutput(outDir, 'lock');
  const diagnostics: Diagnostic[] = [];
  await mkdir(path.dirname(outDir), { recursive: true }).catch((error: unknown) => {
    throw writeErrorOf(error, path.dirname(outDir));
  });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      try {
        await handle.writeFile(lockText(process.pid));
      } catch (error) {
        // A lock that could not be written whole (a full disk) is not left behind.
        await handle.close().catch(() => undefined);
        await rm(lock, { force: true }).catch(() => undefined);
        throw writeErrorOf(error, lock);
      }
      await handle.close();
      return { release: () => rm(lock, { force: true }), diagnostics };
    } catch (error) {
      if (error instanceof QuireError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeErrorOf(error, lock);
      const text = (await readCacheFile(lock)) ?? '';
      const holder = lockHolder(text);
      if (holder.running) {
        throw new QuireError([
          diagnostic('WriteError', `another quire (process ${holder.pid}) is writing ${outDir} right now`, {}, `wait for it to finish; if no quire is running, delete ${lock}`),
        ]);
      }
      diagnostics.push(warning('StaleLock', `took over the lock ${lock}: ${holder.why}`, {}, 'nothing to do; a lock is left behind only by a build that was killed (or was committed by mistake: do not commit it)'));
      await rm(lock, { force: true });
    }
  }
  throw new QuireError([diagnostic('WriteError', `cannot take the lock ${lock}`, {}, 'another build keeps taking it; try again')]);
}

/** The text of a lock held by process `pid`: `quire-lock <pid> <identity>` (identity '-' where the system does not tell it). */
export function lockText(pid: number): string {
  return `quire-lock ${pid} ${processIdentity(pid) ?? '-'}\n`;
}

/** Whether the lock's text names a build that is running, and if not, why not (for the warning). */
function lockHolder(text: string): { running: true; pid: number } | { running: false; why: string } {
  const match = /^quire-lock (\d{1,10}) (\S+)\n?$/.exec(text);
  if (!match) return { running: false, why: `it is not a lock written by this quire (${JSON.stringify(text.slice(0, 40))})` };
  const pid = Number(match[1]);
  const identity = match[2]!;
  if (pid <= 0 || !isAlive(pid)) return { running: false, why: `its process ${pid} is gone` };
  const now = processIdentity(pid);
  // Where the system tells who a process is, it must be the one that took the lock.
  if (now !== undefined && now !== identity) return { running: false, why: `process ${pid} is another program than the build that took the lock` };
  return { running: true, pid };
}

/**
 * Who process `pid` is, beyond its number: the boot it runs in and the clock tick it started at
 * (Linux, from /proc), or undefined where the system does not tell.
 */
function processIdentity(pid: number): string | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces and parentheses); starttime is the 22nd field.
    const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return started !== undefined && /^\d+$/.test(started) && boot !== '' ? `${boot}:${started}` : undefined;
  } catch {
    return undefined;
  }
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
  const isFolder = (full: string) => lstat(full).then((s) => s.isDirectory(), () => false);
  // Only a real folder is a retired site (a link of that name is removed, never followed).
  const retired: string[] = [];
  for (const name of leftovers.filter((n) => n.startsWith(`${prefix}old-`)).sort()) if (await isFolder(path.join(parent, name))) retired.push(name);
  const hasOutput = await lstat(outDir).then(
    () => true,
    () => false,
  );
  const restored = !hasOutput ? retired.pop() : undefined;
  if (restored !== undefined) await rename(path.join(parent, restored), outDir);
  for (const name of leftovers) {
    if (name !== restored) await rm(path.join(parent, name), { recursive: true, force: true });
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
