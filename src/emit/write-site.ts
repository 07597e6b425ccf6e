import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, QuireError } from '../diagnostics.js';
import type { CopiedFile } from '../types.js';
import { lockOutput, recoverOutput } from './output-lock.js';
import pLimit from 'p-limit';

/** Files in flight at once: enough to keep the disk busy, few enough for the open-file limit. */
const WRITE_CONCURRENCY = 32;

export interface OutputFile {
  readonly outputPath: string;
  readonly contents: string | Uint8Array;
}

/**
 * Write the whole site into a temporary sibling of `outDir`, then swap it in, holding a lock so
 * two builds never swap at once. A build that fails before the swap leaves the previous site
 * exactly as it was; one killed between the two renames of the swap is repaired by the next
 * build (see `recoverOutput`). No path can leave the output folder: each is resolved and checked
 * before anything is written.
 */
export async function writeSite(outDir: string, files: readonly OutputFile[], copies: readonly CopiedFile[]): Promise<void> {
  const release = await lockOutput(outDir);
  try {
    await recoverOutput(outDir);
    await writeLocked(outDir, files, copies);
  } finally {
    await release();
  }
}

async function writeLocked(outDir: string, files: readonly OutputFile[], copies: readonly CopiedFile[]): Promise<void> {
  const parent = path.dirname(outDir);
  const name = path.basename(outDir);
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const staging = path.join(parent, `.${name}.quire-new-${suffix}`);
  const retired = path.join(parent, `.${name}.quire-old-${suffix}`);

  const inside = (outputPath: string): string => {
    const target = path.resolve(staging, ...outputPath.split('/'));
    const rel = path.relative(staging, target);
    if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) || outputPath.includes('\u0000')) {
      throw new QuireError([diagnostic('UnsafePath', `refusing to write ${JSON.stringify(outputPath)}: it is outside the output folder`)]);
    }
    return target;
  };

  try {
    await mkdir(parent, { recursive: true });
    await mkdir(staging);
    // Every path is checked before anything is written; then folders, then files, many at a time.
    const writes = files.map((file) => ({ target: inside(file.outputPath), write: (target: string) => writeFile(target, file.contents) }));
    const copying = copies.map((copy) => ({ target: inside(copy.outputPath), write: (target: string) => copyFile(copy.from, target) }));
    const jobs = [...writes, ...copying];
    const dirs = [...new Set(jobs.map((job) => path.dirname(job.target)))].sort();
    const limit = pLimit(WRITE_CONCURRENCY);
    await Promise.all(dirs.map((dir) => limit(() => mkdir(dir, { recursive: true }))));
    await Promise.all(jobs.map((job) => limit(() => job.write(job.target))));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof QuireError) throw error;
    throw new QuireError([diagnostic('WriteError', `cannot write the site: ${(error as Error).message}`, {}, 'check free disk space and permissions of the output folder')]);
  }

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
    await rm(staging, { recursive: true, force: true });
    throw new QuireError([diagnostic('WriteError', `cannot replace ${outDir}: ${(error as Error).message}`, {}, 'is a program holding files in the output folder open?')]);
  }
  if (hadPrevious) await rm(retired, { recursive: true, force: true });
}
