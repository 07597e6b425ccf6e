import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Opened without blocking (a FIFO put in the cache answers at once instead of waiting for a
 * writer) and without following a symbolic link (a link put in the cache is not read through).
 * Both flags are absent on Windows, where neither case arises in the same way.
 */
export const CACHE_READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * The text of a cache file, or undefined when it is missing, unreadable, a link, or not a regular
 * file (a FIFO, a device, a folder): a cache file that is not what quire wrote is a miss, and never
 * makes the build wait.
 */
export async function readCacheFile(file: string): Promise<string | undefined> {
  return (await readCacheBytes(file))?.toString('utf8');
}

/** `readCacheFile`, as bytes. */
export async function readCacheBytes(file: string): Promise<Buffer | undefined> {
  let handle;
  try {
    handle = await open(file, CACHE_READ_FLAGS);
  } catch {
    return undefined;
  }
  try {
    return (await handle.stat()).isFile() ? await handle.readFile() : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** `readCacheFile`, synchronously (the up-to-date check at the start of a build). */
export function readCacheFileSync(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, CACHE_READ_FLAGS);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    return readFileSync(fd, 'utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
