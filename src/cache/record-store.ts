import { createHash } from 'node:crypto';
import { mkdir, open, readdir, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { CACHE_FORMAT } from './build-fingerprint.js';
import { CACHE_READ_FLAGS } from './read-cache-file.js';
import { writeCacheFile } from './write-cache-file.js';

/** The folder under the cache folder, and the first word of every record file. */
const FOLDER = 'entries';
const MAGIC = 'quire-cache';
/** Reads and writes in flight at once. */
const IO_CONCURRENCY = 64;
const NAME = /^(load|render)-([0-9a-f]{64})\.rec$/;
const HOUR = 3_600_000;
/** A record no build has used for this long is deleted. */
const UNUSED_LIFETIME_MS = 24 * HOUR;
/** A used record older than this gets a new mtime (at most one touch per record and half day). */
const KEEP_FRESH_MS = 12 * HOUR;
const TMP_LIFETIME_MS = HOUR;
/** The folder is looked through for old records at most this often (the time of the last look: the mtime of this file). */
const PRUNE_EVERY_MS = HOUR;
const PRUNED = '.pruned';

export type RecordKind = 'load' | 'render';

export interface RecordStore {
  /** The stored value of each key (undefined: none, or not to be trusted); marks them as used. */
  getMany(kind: RecordKind, keys: readonly string[]): Promise<Array<unknown | undefined>>;
  /** Store a value under a key (written in the background: `save` waits for it); marks it as used. */
  put(kind: RecordKind, key: string, value: unknown): void;
  /** Records that were there but were ignored: truncated, corrupt, of another format, or not a regular file. */
  readonly rejected: number;
  /** The first write that failed (a full disk, a read-only folder), with the file: the cache is then incomplete, the build is not. */
  readonly writeFailure: { readonly error: unknown; readonly file: string } | undefined;
  /** Finish writing what was put, and delete the records no build has used for a day (so the cache does not grow without end). */
  save(): Promise<void>;
}

/**
 * One file per record, `<cacheDir>/entries/<kind>-<key>.rec`: a header line
 * `quire-cache <format> <kind> <key> <sha256 of the rest>` and then the value as JSON. A record
 * whose header, checksum or JSON does not match is ignored, never trusted; a missing folder is
 * an empty cache. Keys are hex SHA-256 of everything the value depends on, so a changed input
 * never finds an old record. A record that is not a regular file (a FIFO, a device, a link) is a
 * miss, opened without waiting. A write that fails leaves no temporary file behind. `cacheDir`
 * undefined: nothing is read or written.
 */
export function openRecordStore(cacheDir: string | undefined): RecordStore {
  const dir = cacheDir === undefined ? undefined : path.join(cacheDir, FOLDER);
  const used = new Set<string>();
  /** Records read that are due a new mtime. */
  const stale = new Set<string>();
  const writes: Array<Promise<void>> = [];
  let writeFailure: RecordStore['writeFailure'];
  let folder: Promise<unknown> | undefined;
  const limit = pLimit(IO_CONCURRENCY);
  let rejected = 0;

  const read = async (kind: RecordKind, key: string): Promise<unknown | undefined> => {
    const name = `${kind}-${key}.rec`;
    used.add(name);
    if (dir === undefined) return undefined;
    let text: string;
    try {
      const handle = await open(path.join(dir, name), CACHE_READ_FLAGS);
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) {
          rejected++;
          return undefined;
        }
        if (Date.now() - stats.mtimeMs > KEEP_FRESH_MS) stale.add(name);
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      // a link in place of a record (O_NOFOLLOW) is not followed
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') rejected++;
      return undefined;
    }
    const value = decodeRecord(text, kind, key);
    if (value === undefined) rejected++;
    return value;
  };

  return {
    getMany(kind, keys) {
      return Promise.all(keys.map((key) => limit(() => read(kind, key))));
    },
    put(kind, key, value) {
      const name = `${kind}-${key}.rec`;
      used.add(name);
      if (dir === undefined) return;
      // Written now, not held until `save`: a cold build's records are as big as its HTML. The
      // JSON is made when the write starts, not here: writes queued behind a busy thread hold
      // only the value (which the build keeps anyway), not a second copy of it as text. A
      // record is named by the hash of its inputs, so one written by a build that fails later
      // is still right; each appears under its name only once complete (write, then rename).
      const target = path.join(dir, name);
      writes.push(
        limit(async () => {
          // After one failure (a full disk) the others are not tried: each would fail the same way.
          if (writeFailure) return;
          await (folder ??= mkdir(dir, { recursive: true }));
          await writeCacheFile(target, encodeRecord(kind, key, value));
        }).catch((error: unknown) => {
          writeFailure ??= { error, file: target };
        }),
      );
    },
    get rejected() {
      return rejected;
    },
    get writeFailure() {
      return writeFailure;
    },
    async save() {
      if (dir === undefined) return;
      await Promise.all(writes);
      writes.length = 0;
      // Records this build used are kept fresh (a new mtime, at most twice a day); the others go
      // once they are a day old, so builds with other settings (`quire dev` on localhost, then
      // `quire build`) do not throw away each other's records, and the folder does not keep every
      // old version of a page. Looking through the whole folder is left to one build an hour.
      const now = Date.now();
      await Promise.all([...stale].filter((name) => used.has(name)).map((name) => limit(() => utimes(path.join(dir, name), now / 1000, now / 1000).catch(() => undefined))));
      const marker = path.join(dir, PRUNED);
      const lastPruned = await stat(marker).then(
        (s) => s.mtimeMs,
        () => -Infinity,
      );
      if (now - lastPruned < PRUNE_EVERY_MS) return;
      await writeCacheFile(marker, '').catch(() => undefined);
      const names = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(
        names.map((name) =>
          limit(async () => {
            const full = path.join(dir, name);
            const record = NAME.test(name);
            if ((!record && !name.endsWith('.tmp')) || used.has(name)) return;
            const age = await stat(full).then(
              (s) => now - s.mtimeMs,
              () => undefined,
            );
            // an old record, or a temporary file of a build killed while saving
            if (age !== undefined && age > (record ? UNUSED_LIFETIME_MS : TMP_LIFETIME_MS)) await unlink(full).catch(() => undefined);
          }),
        ),
      );
    },
  };
}

export function encodeRecord(kind: RecordKind, key: string, value: unknown): string {
  const body = JSON.stringify(value);
  return `${MAGIC} ${CACHE_FORMAT} ${kind} ${key} ${sha256(body)}\n${body}`;
}

/** The value of a record file, or undefined if anything about it is wrong. */
export function decodeRecord(text: string, kind: RecordKind, key: string): unknown | undefined {
  const newline = text.indexOf('\n');
  if (newline === -1) return undefined;
  const [magic, format, storedKind, storedKey, sum, ...rest] = text.slice(0, newline).split(' ');
  if (magic !== MAGIC || format !== String(CACHE_FORMAT) || storedKind !== kind || storedKey !== key || rest.length > 0) return undefined;
  const body = text.slice(newline + 1);
  if (sha256(body) !== sum) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
