import { createHash } from 'node:crypto';
import { constants, readFileSync, readlinkSync } from 'node:fs';
import { lstat, open, readdir, rename } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { CACHE_FORMAT } from './build-fingerprint.js';
import { CACHE_READ_FLAGS, readCacheBytes } from './read-cache-file.js';

export type RecordKind = 'load' | 'render';

/** The first line of a pack of this cache format. */
export const PACK_HEADER = `quire-cache ${CACHE_FORMAT} pack`;
/** A pack's file name: `pack-<time, base 36>-<random hex>.rec`. */
export const PACK_NAME = /^pack-[0-9a-z]+-[0-9a-f]+\.rec$/;
/** A pack being written: its final name, then `.<process id>.<process space>.tmp` (see `processSpace`). */
const TEMPORARY_PACK = /^(pack-[0-9a-z]+-[0-9a-f]+\.rec)\.(\d+)\.([0-9a-f]{8})\.tmp$/;
/** Record files of the cache formats before packs (one record a file), and their prune marker. */
const OLD_RECORD = /^((load|render)-[0-9a-f]{64}\.rec|\.pruned)$/;
/** The start of a record's line, before its JSON. */
const LINE = /^(load|render) ([0-9a-f]{64}) (\d{1,15}) ([0-9a-f]{64}) /;
const LINE_PREFIX_MAX = 'render'.length + 64 + 15 + 64 + 4;

/** Where a record's JSON lies in a pack that was read. */
export interface Located {
  readonly bytes: Buffer;
  /** Where its line starts (`start` is where the JSON does). */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly usedAt: number;
  readonly sum: string;
}

export interface ReadPacks {
  /** `kind-key` → every copy found (two builds at once may both have written one). */
  readonly index: Map<string, Located[]>;
  /** Packs read whole, of this format. */
  readonly packs: readonly string[];
  /** Files of older formats, packs of other formats and temporary files, to delete once old. */
  readonly leftovers: readonly string[];
  readonly bytes: number;
}

/**
 * Every pack of the folder (none when it is missing), read whole and indexed, not yet checked:
 * a record's checksum and JSON are checked when it is looked up. A line that cannot be a record
 * (damaged, or cut off at the end of the file) and a pack of another format count as rejected.
 */
export async function readPacks(dir: string, time: number, reject: () => void): Promise<ReadPacks> {
  const names = await adoptOrphans(dir, await readdir(dir).catch(() => [] as string[]));
  const index = new Map<string, Located[]>();
  const packs: string[] = [];
  const leftovers: string[] = [];
  let total = 0;
  for (const name of names.sort()) {
    if (name.endsWith('.tmp') || OLD_RECORD.test(name)) {
      leftovers.push(name);
      continue;
    }
    if (!PACK_NAME.test(name)) continue;
    // Gone since the listing (another build merged it), or unreadable for now: skipped, not
    // counted, not deleted. A link or FIFO in its place is rejected (and deleted when old).
    const kind = await lstat(path.join(dir, name)).catch(() => undefined);
    if (!kind) continue;
    const bytes = kind.isFile() ? await readCacheBytes(path.join(dir, name)) : undefined;
    if (kind.isFile() && !bytes) continue;
    const headerEnd = bytes ? bytes.indexOf(0x0a) : -1;
    if (!bytes || headerEnd < 0 || bytes.toString('latin1', 0, headerEnd) !== PACK_HEADER) {
      // Another format's pack (a newer or older quire sharing the folder), or not a pack at all.
      reject();
      leftovers.push(name);
      continue;
    }
    packs.push(name);
    total += bytes.length;
    let start = headerEnd + 1;
    while (start < bytes.length) {
      const end = bytes.indexOf(0x0a, start);
      const found = end < 0 ? undefined : LINE.exec(bytes.toString('latin1', start, Math.min(end, start + LINE_PREFIX_MAX)));
      if (!found) {
        // a damaged line, or the end of a truncated pack
        reject();
        if (end < 0) break;
        start = end + 1;
        continue;
      }
      const [prefix, kind, key, usedAt, sum] = found;
      const id = `${kind}-${key}`;
      const copies = index.get(id) ?? [];
      copies.push({ bytes, line: start, start: start + prefix!.length, end, usedAt: Math.min(Number(usedAt), time), sum: sum! });
      index.set(id, copies);
      start = end + 1;
    }
  }
  return { index, packs, leftovers, bytes: total };
}

/**
 * The names of the folder, with the temporary pack of every build that is no longer running (it
 * was killed: Ctrl-C, a CI time-out, out of memory) renamed to a pack, so that the records it
 * wrote before it stopped serve the next build. Its whole lines are kept and a line cut off at
 * the end is cut off the file; each record's checksum is checked when it is looked up, as in any
 * pack. The temporary pack of a running build (this one, or another on this machine) is left
 * alone, and so is one that is not a regular file, or not of this cache format.
 */
async function adoptOrphans(dir: string, names: readonly string[]): Promise<string[]> {
  const space = names.some((name) => name.endsWith('.tmp')) ? processSpace() : '';
  const adopted = await Promise.all(
    names.map(async (name) => {
      const orphan = TEMPORARY_PACK.exec(name);
      // A pack of another machine or container (a cache folder they share): its process id says
      // nothing here, so it is never taken over; it is deleted when old, as any leftover.
      if (!orphan || orphan[3] !== space || isRunning(Number(orphan[2]))) return name;
      if (await adopt(path.join(dir, name), path.join(dir, orphan[1]!))) return orphan[1]!;
      // Another build started at once took it over first: it is a pack now, under that name.
      const taken = await lstat(path.join(dir, orphan[1]!)).catch(() => undefined);
      return taken?.isFile() ? orphan[1]! : name;
    }),
  );
  return adopted;
}

async function adopt(temporary: string, final: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(temporary, (CACHE_READ_FLAGS & ~constants.O_RDONLY) | constants.O_RDWR);
  } catch {
    return false;
  }
  try {
    if (!(await handle.stat()).isFile()) return false;
    const bytes = await handle.readFile();
    const headerEnd = bytes.indexOf(0x0a);
    if (headerEnd < 0 || bytes.toString('latin1', 0, headerEnd) !== PACK_HEADER) return false;
    const whole = bytes.lastIndexOf(0x0a) + 1;
    if (whole < bytes.length) await handle.truncate(whole);
  } catch {
    return false;
  } finally {
    await handle.close().catch(() => undefined);
  }
  // Another build may have adopted it first: then it is a pack already, under the same name.
  return rename(temporary, final).then(
    () => true,
    () => false,
  );
}

/**
 * Which process ids this build shares: the host name and, on Linux, the PID namespace and the
 * machine id, hashed to 8 hex digits. A build in another container that shares the cache folder (its own PID namespace,
 * often its own host name) has ids that mean nothing here: one of its ids can look dead, or be
 * another process, while it still writes.
 */
export function processSpace(): string {
  let namespace = '';
  let machine = '';
  try {
    namespace = readlinkSync('/proc/self/ns/pid');
    // The first PID namespace has the same number on every Linux machine: two machines that share
    // the folder (NFS) under one host name differ in their machine id.
    machine = readFileSync('/etc/machine-id', 'latin1').trim();
  } catch {
    // not Linux, or no machine id: the host name and what was read
  }
  return createHash('sha256').update(`${hostname()}\0${namespace}\0${machine}`).digest('hex').slice(0, 8);
}

/** Whether a process of this id runs on this machine (one of another user counts: it cannot be signalled). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The SHA-256 on a record's line: of its kind and key too, so a record is never taken for another's. */
export function checksum(kind: RecordKind, key: string, json: string): string {
  return createHash('sha256').update(`${kind} ${key} `).update(json).digest('hex');
}

/** A record's copies, the most recently used first (a build stamps the records it uses as fresh copies). */
export function freshestFirst(copies: readonly Located[]): readonly Located[] {
  return copies.length > 1 ? [...copies].sort((a, b) => b.usedAt - a.usedAt) : copies;
}
