import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Write a cache file whole or not at all: the bytes go to a new temporary file beside it (created
 * exclusively, so a link or file planted under that name is never written through), which is then
 * renamed over the target (replacing a link there, not its target). On any failure (a full disk, a
 * read-only file system) the temporary file is removed before the error is passed on.
 */
export async function writeCacheFile(target: string, contents: string | Uint8Array): Promise<void> {
  const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, contents, { flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}
