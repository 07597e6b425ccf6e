import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { mergedPack, recordBytes, shouldMerge, UNUSED_LIFETIME_MS } from './record-merge.js';
import { checksum, freshestFirst, PACK_HEADER, processSpace, readPacks, type Located, type ReadPacks, type RecordKind } from './record-packs.js';
import { writeCacheFile } from './write-cache-file.js';

/** The folder under the cache folder. */
const FOLDER = 'entries';
const HOUR = 3_600_000;
/** A record used by a build and last stamped longer ago than this is written again with the time of this use. */
const KEEP_FRESH_MS = 12 * HOUR;
const TMP_LIFETIME_MS = HOUR;
/** Encoded records gathered into one write. */
const WRITE_CHUNK = 256 * 1024;

export type { RecordKind } from './record-packs.js';

export interface RecordStore {
  /** The stored value of each key (undefined: none, or not to be trusted); marks them as used. */
  getMany(kind: RecordKind, keys: readonly string[]): Promise<Array<unknown | undefined>>;
  /** Store a value under a key (written in the background: `save` waits for it); marks it as used. */
  put(kind: RecordKind, key: string, value: unknown): void;
  /** Records (or record files) that were there but were ignored: truncated, corrupt, of another format, or not a regular file. */
  readonly rejected: number;
  /** The first write that failed (a full disk, a read-only folder), with the file: the cache is then incomplete, the build is not. */
  readonly writeFailure: { readonly error: unknown; readonly file: string } | undefined;
  /**
   * Finish writing what was put (one new pack), merge the packs when they are many or mostly
   * records no build wants, and delete what older cache formats left. Call it whether the build
   * succeeded or not: the records are right either way, being named by their inputs.
   */
  save(): Promise<void>;
}

export interface RecordStoreOptions {
  /** The clock (epoch ms), for tests. */
  readonly now?: () => number;
}

/**
 * `<cacheDir>/entries/pack-<id>.rec`: the records of a build in one file, written once (under a
 * temporary name, then renamed). Its first line is `quire-cache <format> pack`, then one line a
 * record: `<kind> <key> <last used, epoch ms> <SHA-256 of kind, key and JSON> <JSON>`. A record
 * whose line, checksum or JSON does not match is ignored, never trusted; a pack of another format,
 * or one that is not a regular file (a FIFO, a link), is not read. Keys are hex SHA-256 of
 * everything the value depends on, so a changed input never finds an old record.
 *
 * Every build reads the packs at its first lookup and writes one more with the records it made.
 * When there are more than eight packs, or a quarter of what was read is records no build used
 * for a day, the build merges the packs it read into one. The temporary pack of a build that was
 * killed is taken over as a pack by the next build (see `readPacks`). One file, not one a record: on a
 * 1000-post site, creating 2000 small files cost a cold build about a second of system time.
 * `cacheDir` undefined: nothing is read or written.
 */
export function openRecordStore(cacheDir: string | undefined, options: RecordStoreOptions = {}): RecordStore {
  const dir = cacheDir === undefined ? undefined : path.join(cacheDir, FOLDER);
  const now = options.now ?? Date.now;
  /** `kind-key` of every record this build used or made. */
  const used = new Set<string>();
  /** The copy of each used record that was read and found good. */
  const good = new Map<string, Located>();
  /** Records looked up and found damaged in every copy. */
  const damaged = new Set<string>();
  let rejected = 0;
  let writeFailure: RecordStore['writeFailure'];
  let reading: Promise<ReadPacks> | undefined;
  const packsNow = () => (reading ??= readPacks(dir!, now(), () => rejected++));

  /** The pack being written: values wait in `pending` and are encoded when their write starts. */
  let pending: Array<{ readonly kind: RecordKind; readonly key: string; readonly value: unknown }> = [];
  let writer: { readonly temporary: string; readonly final: string; handle: Promise<FileHandle> } | undefined;
  let flushing: Promise<void> | undefined;
  const fail = (error: unknown, file: string) => void (writeFailure ??= { error, file });
  const flush = async (): Promise<void> => {
    while (pending.length > 0 && writeFailure === undefined) {
      const open = (writer ??= startPack(dir!, now()));
      let chunk = '';
      while (pending.length > 0 && chunk.length < WRITE_CHUNK) {
        const { kind, key, value } = pending.shift()!;
        chunk += recordLine(kind, key, now(), JSON.stringify(value));
      }
      try {
        // writeFile, not write: it goes on until every byte is written or fails (a full disk).
        await (await open.handle).writeFile(chunk);
      } catch (error) {
        fail(error, open.temporary);
      }
    }
  };
  const startFlush = () => {
    flushing ??= flush().finally(() => {
      flushing = undefined;
      if (pending.length > 0 && writeFailure === undefined) startFlush();
    });
  };

  const lookup = (packs: ReadPacks, kind: RecordKind, key: string): unknown | undefined => {
    const id = `${kind}-${key}`;
    used.add(id);
    const copies = packs.index.get(id);
    if (!copies) return undefined;
    for (const copy of freshestFirst(copies)) {
      const json = copy.bytes.toString('utf8', copy.start, copy.end);
      if (checksum(kind, key, json) !== copy.sum) continue;
      try {
        const value = JSON.parse(json) as unknown;
        good.set(id, copy);
        return value;
      } catch {
        // JSON that does not parse under a matching checksum: not trusted either
      }
    }
    rejected++;
    damaged.add(id);
    return undefined;
  };

  return {
    async getMany(kind, keys) {
      if (dir === undefined) return keys.map(() => undefined);
      const packs = await packsNow();
      return keys.map((key) => lookup(packs, kind, key));
    },
    put(kind, key, value) {
      used.add(`${kind}-${key}`);
      if (dir === undefined || writeFailure) return;
      // Not held until `save`: a cold build's records are as big as its HTML. Their JSON is
      // made when their write starts, so the values queued behind a busy thread (which the
      // build keeps anyway) are not held a second time as text.
      pending.push({ kind, key, value });
      startFlush();
    },
    get rejected() {
      return rejected;
    },
    get writeFailure() {
      return writeFailure;
    },
    async save() {
      if (dir === undefined) return;
      // Read before this build's own pack is in place: a merge replaces only the packs it read.
      const packs = await packsNow();
      while (flushing) await flushing;
      const time = now();
      // The records this build used whose stamp is old: stamped again (in a merge, or as a fresh
      // copy in this build's pack), so that a build with other settings does not take them for
      // records no build wants.
      const stale = [...good].filter(([, copy]) => time - copy.usedAt > KEEP_FRESH_MS);
      const merging = shouldMerge(packs, used, time, writer !== undefined || stale.length > 0);
      if (!merging && stale.length > 0 && writeFailure === undefined) {
        const open = (writer ??= startPack(dir, time));
        try {
          await (await open.handle).writeFile(Buffer.concat(stale.flatMap(([id, copy]) => recordBytes(id, copy, time))));
        } catch (error) {
          fail(error, open.temporary);
        }
      }
      const written = writer;
      writer = undefined;
      pending = [];
      if (written) {
        try {
          await (await written.handle).close();
          if (writeFailure === undefined) await rename(written.temporary, written.final);
        } catch (error) {
          fail(error, written.temporary);
        }
        if (writeFailure !== undefined) await rm(written.temporary, { force: true }).catch(() => undefined);
      }
      reading = undefined;
      await Promise.all(packs.leftovers.map((name) => deleteIfOld(path.join(dir, name), time)));
      if (merging) {
        const merged = path.join(dir, packName(time));
        try {
          await writeCacheFile(merged, mergedPack(packs, { used, good, damaged }, time));
          await Promise.all(packs.packs.map((name) => unlink(path.join(dir, name)).catch(() => undefined)));
        } catch (error) {
          fail(error, merged);
        }
      }
      good.clear();
      damaged.clear();
    },
  };
}

function recordLine(kind: RecordKind, key: string, usedAt: number, json: string): string {
  return `${kind} ${key} ${usedAt} ${checksum(kind, key, json)} ${json}\n`;
}

function packName(time: number): string {
  return `pack-${time.toString(36)}-${randomBytes(6).toString('hex')}.rec`;
}

/** A new pack under a temporary name, created exclusively (a link or file planted there is never written through). */
function startPack(dir: string, time: number): { readonly temporary: string; readonly final: string; handle: Promise<FileHandle> } {
  const final = path.join(dir, packName(time));
  const temporary = `${final}.${process.pid}.${processSpace()}.tmp`;
  const handle = mkdir(dir, { recursive: true }).then(async () => {
    const file = await open(temporary, 'wx');
    try {
      await file.writeFile(`${PACK_HEADER}\n`);
    } catch (error) {
      await file.close().catch(() => undefined);
      throw error;
    }
    return file;
  });
  return { temporary, final, handle };
}

/** Delete a leftover: a temporary file after an hour (its build was killed), anything else after a day. */
async function deleteIfOld(file: string, time: number): Promise<void> {
  const age = await stat(file).then(
    (s) => time - s.mtimeMs,
    () => undefined,
  );
  if (age !== undefined && age > (file.endsWith('.tmp') ? TMP_LIFETIME_MS : UNUSED_LIFETIME_MS)) await unlink(file).catch(() => undefined);
}
