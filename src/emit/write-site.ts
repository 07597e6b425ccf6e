import { chmod, copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, QuireError, type Diagnostic } from '../diagnostics.js';
import type { CopiedFile } from '../types.js';
import { writeErrorOf } from './write-error.js';
import { readCacheFile } from '../cache/read-cache-file.js';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from '../collect/output-marker.js';
import { besideOutput, lockOutput, recoverOutput } from './output-lock.js';

/** Files in flight at once: enough to keep the disk busy, few enough for the open-file limit and memory. */
const WRITE_CONCURRENCY = 32;

export interface OutputFile {
  readonly outputPath: string;
  readonly contents: string | Uint8Array;
}

export interface SiteWriter {
  /** Put one file into the new site; resolves once it is queued (at most a few dozen are in flight). */
  write(file: OutputFile): Promise<void>;
  /** Take the previous site's file as it is (hard link); false when there is none to take. */
  reuse(outputPath: string): Promise<boolean>;
  /** Copy these files, wait for every write, then swap the new site in. */
  commit(copies: readonly CopiedFile[]): Promise<WriteStats>;
  /** Throw the new site away; the previous one stays as it was. */
  abort(): Promise<void>;
  /** Warnings from taking the lock (a stale one taken over). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface WriteStats {
  /** Files written (new or changed bytes). */
  readonly written: number;
  /** Files whose bytes were unchanged: hard-linked from the previous site, so they keep their mtime. */
  readonly kept: number;
}

/**
 * Write the whole site into a temporary sibling of `outDir`, then swap it in, holding a lock so
 * two builds never swap at once. A build that fails before the swap leaves the previous site
 * exactly as it was; one killed between the two renames of the swap is repaired by the next
 * build (see `recoverOutput`). No path can leave the output folder: each is resolved and checked
 * before it is written. A file whose bytes equal the previous site's is hard-linked from it
 * instead of written (same inode, same mtime: rsync-style deploys skip it). Every site gets the
 * `OUTPUT_MARKER` file, by which a later build knows the folder is its own to replace. A failed
 * write is a WriteError naming the file; the staging folder is removed whatever fails.
 */
export async function writeSite(outDir: string, files: readonly OutputFile[], copies: readonly CopiedFile[]): Promise<WriteStats> {
  const writer = await openSiteWriter(outDir);
  try {
    for (const file of files) await writer.write(file);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return writer.commit(copies);
}

/** Take the lock and start a new site beside `outDir` (see `writeSite`); always `commit` or `abort`. */
export async function openSiteWriter(outDir: string): Promise<SiteWriter> {
  const { release, diagnostics } = await lockOutput(outDir);
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const staging = besideOutput(outDir, `new-${suffix}`);
  let made = false;
  try {
    await recoverOutput(outDir);
    await mkdir(staging);
    made = true;
    await placeMarker(outDir, staging);
    return stagingWriter(outDir, staging, besideOutput(outDir, `old-${suffix}`), release, diagnostics);
  } catch (error) {
    if (made) await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    await release();
    throw writeErrorOf(error, made ? staging : outDir);
  }
}

/** The marker, hard-linked from the previous site when it is the same (so it keeps its inode and mtime, as every unchanged file does). */
async function placeMarker(outDir: string, staging: string): Promise<void> {
  const previous = path.join(outDir, OUTPUT_MARKER);
  const target = path.join(staging, OUTPUT_MARKER);
  // Read as a cache file is: a FIFO of that name (in a folder given with --force-out) is not waited on.
  const same = (await readCacheFile(previous)) === OUTPUT_MARKER_TEXT;
  if (same && (await link(previous, target).then(() => true, () => false))) return;
  await writeFile(target, OUTPUT_MARKER_TEXT);
}

function stagingWriter(outDir: string, staging: string, retired: string, release: () => Promise<void>, diagnostics: readonly Diagnostic[]): SiteWriter {
  const inFlight = new Set<Promise<void>>();
  const made = new Map<string, Promise<unknown>>();
  let failure: unknown;
  let written = 0;
  let kept = 0;
  let closed = false;

  const inside = (outputPath: string): string => {
    const target = path.resolve(staging, ...outputPath.split('/'));
    const rel = path.relative(staging, target);
    if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) || outputPath.includes('\u0000')) {
      throw new QuireError([diagnostic('UnsafePath', `refusing to write ${JSON.stringify(outputPath)}: it is outside the output folder`)]);
    }
    return target;
  };
  const folder = (dir: string): Promise<unknown> => {
    let done = made.get(dir);
    if (!done) made.set(dir, (done = mkdir(dir, { recursive: true })));
    return done;
  };
  /** The same bytes in the previous site: link that file (keeps its inode and mtime), else write. A failure names the file. */
  const place = async (target: string, bytes: () => Promise<Uint8Array>, fresh: (target: string) => Promise<void>) => {
    try {
      await folder(path.dirname(target));
      const previous = path.join(outDir, path.relative(staging, target));
      const old = await readFile(previous).catch(() => undefined);
      if (old !== undefined && Buffer.compare(old, await bytes()) === 0) {
        try {
          await link(previous, target);
          kept++;
          return;
        } catch {
          // a file system without hard links: write the bytes instead
        }
      }
      await fresh(target);
      written++;
    } catch (error) {
      throw writeErrorOf(error, path.join(outDir, path.relative(staging, target)));
    }
  };
  const enqueue = async (job: () => Promise<void>) => {
    if (failure !== undefined) throw failure;
    const running: Promise<void> = job().then(
      () => void inFlight.delete(running),
      (error: unknown) => {
        inFlight.delete(running);
        failure ??= error;
      },
    );
    inFlight.add(running);
    if (inFlight.size >= WRITE_CONCURRENCY) await Promise.race(inFlight);
  };
  const drain = async () => {
    while (inFlight.size > 0) await Promise.race(inFlight);
    if (failure !== undefined) throw failure;
  };
  const abort = async () => {
    if (closed) return;
    closed = true;
    await Promise.allSettled([...inFlight]);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    await release();
  };

  return {
    diagnostics,
    async write(file) {
      const target = inside(file.outputPath);
      const bytes = typeof file.contents === 'string' ? Buffer.from(file.contents, 'utf8') : file.contents;
      try {
        await enqueue(() => place(target, async () => bytes, (t) => writeFile(t, bytes)));
      } catch (error) {
        // The caller aborts; a write that failed is reported as the file it was writing.
        throw writeErrorOf(error, outDir);
      }
    },
    async reuse(outputPath) {
      const target = inside(outputPath);
      await folder(path.dirname(target));
      try {
        await link(path.join(outDir, path.relative(staging, target)), target);
      } catch {
        return false;
      }
      kept++;
      return true;
    },
    async commit(copies) {
      try {
        for (const copy of copies) {
          const target = inside(copy.outputPath);
          // A copy is a web file like any other (0644), whatever the mode of its source.
          const fresh = async (t: string) => {
            await copyFile(copy.from, t);
            await chmod(t, 0o644);
          };
          await enqueue(() => place(target, () => readFile(copy.from), fresh));
        }
        await drain();
      } catch (error) {
        await abort();
        throw writeErrorOf(error, outDir);
      }
      try {
        await swap(outDir, staging, retired);
      } finally {
        closed = true;
        await release();
      }
      return { written, kept };
    },
    abort,
  };
}

async function swap(outDir: string, staging: string, retired: string): Promise<void> {
  const hadPrevious = await stat(outDir).then(
    () => true,
    () => false,
  );
  try {
    if (hadPrevious) await rename(outDir, retired);
    await rename(staging, outDir);
  } catch (error) {
    // Put the previous site back if it was moved away.
    if (hadPrevious) await rename(retired, outDir).catch(() => undefined);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw new QuireError([diagnostic('WriteError', `cannot replace ${outDir}: ${(error as Error).message}`, {}, 'is a program holding files in the output folder open?')]);
  }
  if (hadPrevious) await rm(retired, { recursive: true, force: true }).catch(() => undefined);
}
