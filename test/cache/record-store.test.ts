import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FORMAT } from '../../src/cache/build-fingerprint.js';
import { openRecordStore } from '../../src/cache/record-store.js';
import { processSpace } from '../../src/cache/record-packs.js';
import { remove, tempDir } from '../helpers/site-fixture.js';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);
const VALUE = { html: '<p>远程办公</p>\n<p>second line</p>', n: 3, list: ['x', 'y'] };
const DAY = 24 * 3_600_000;

describe('openRecordStore', () => {
  let dir: string;
  let entries: string;
  const packs = () => readdirSync(entries).filter((name) => name.startsWith('pack-') && name.endsWith('.rec'));
  const onlyPack = () => {
    const [name, ...more] = packs();
    expect(more).toEqual([]);
    return path.join(entries, name!);
  };
  beforeEach(async () => {
    dir = tempDir();
    entries = path.join(dir, 'entries');
    const store = openRecordStore(dir);
    store.put('render', KEY_A, VALUE);
    store.put('load', KEY_A, { other: true });
    await store.save();
  });
  afterEach(() => remove(dir));

  const readBack = async (key = KEY_A) => {
    const store = openRecordStore(dir);
    const [value] = await store.getMany('render', [key]);
    return { value, rejected: store.rejected };
  };

  it('gives back what was stored, under its kind and key only, from one pack file with one line a record', async () => {
    expect(await readBack()).toEqual({ value: VALUE, rejected: 0 });
    const store = openRecordStore(dir);
    expect(await store.getMany('load', [KEY_A, KEY_B])).toEqual([{ other: true }, undefined]);
    expect(await store.getMany('render', [KEY_B])).toEqual([undefined]);
    expect(store.rejected).toBe(0);
    const lines = readFileSync(onlyPack(), 'utf8').split('\n');
    expect(lines[0]).toBe(`quire-cache ${CACHE_FORMAT} pack`);
    expect(lines.slice(1).map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([`render ${KEY_A}`, `load ${KEY_A}`, '']);
  });

  it('ignores a truncated record, and keeps the whole records before it', async () => {
    const text = readFileSync(onlyPack(), 'utf8');
    writeFileSync(onlyPack(), text.slice(0, text.length - 5));
    const store = openRecordStore(dir);
    expect(await store.getMany('render', [KEY_A])).toEqual([VALUE]);
    expect(await store.getMany('load', [KEY_A])).toEqual([undefined]);
    expect(store.rejected).toBe(1);
  });

  it('ignores a record whose JSON was changed but still parses (the checksum no longer matches)', async () => {
    writeFileSync(onlyPack(), readFileSync(onlyPack(), 'utf8').replace('"n":3', '"n":4'));
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
  });

  it('ignores a record filed under another key, and a pack of another cache format', async () => {
    const text = readFileSync(onlyPack(), 'utf8');
    writeFileSync(onlyPack(), text.replace(`render ${KEY_A}`, `render ${KEY_B}`));
    expect(await readBack(KEY_B)).toEqual({ value: undefined, rejected: 1 });
    writeFileSync(onlyPack(), text.replace(`quire-cache ${CACHE_FORMAT} `, `quire-cache ${CACHE_FORMAT + 1} `));
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
  });

  it('ignores a file that is not a pack at all, an empty one, a FIFO and a link', async () => {
    const file = onlyPack();
    writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00, 0x12]));
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
    writeFileSync(file, '');
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
    rmSync(file);
    execFileSync('mkfifo', [file]);
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
    rmSync(file);
    const outside = path.join(dir, 'outside.rec');
    writeFileSync(outside, `quire-cache ${CACHE_FORMAT} pack\n`);
    symlinkSync(outside, file);
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
  });

  it('adds a pack a build, and merges them when there are more than eight, every record still there', async () => {
    const keys = Array.from({ length: 8 }, (_, i) => String(i).repeat(64));
    for (const key of keys) {
      const store = openRecordStore(dir);
      store.put('load', key, { key });
      await store.save();
    }
    // The eighth build read eight packs and wrote a ninth: it merged the eight into one, beside its own.
    expect(packs()).toHaveLength(2);
    const store = openRecordStore(dir);
    expect(await store.getMany('load', [...keys, KEY_A])).toEqual([...keys.map((key) => ({ key })), { other: true }]);
    expect(await store.getMany('render', [KEY_A])).toEqual([VALUE]);
    expect(store.rejected).toBe(0);
  });

  it('loses nothing when one store saves twice and merges the pack of its first save', async () => {
    const store = openRecordStore(dir);
    store.put('load', KEY_B, { first: true });
    await store.save();
    for (let i = 0; i < 6; i++) {
      const other = openRecordStore(dir);
      other.put('load', String(i).repeat(64), { i });
      await other.save();
    }
    expect(packs()).toHaveLength(8);
    // Its second save reads the eight (its first pack among them) and writes a ninth: it merges the eight.
    store.put('render', KEY_B, { second: true });
    await store.save();
    expect(packs()).toHaveLength(2);
    const after = openRecordStore(dir);
    expect(await after.getMany('load', [KEY_B, KEY_A, '5'.repeat(64)])).toEqual([{ first: true }, { other: true }, { i: 5 }]);
    expect(await after.getMany('render', [KEY_B, KEY_A])).toEqual([{ second: true }, VALUE]);
  });

  it('drops in a merge the records no build used for a day, and keeps those used since', async () => {
    const later = Date.now() + DAY + 60_000;
    // A day later a build reads one of the two records: the other is most of what is read, so the packs are merged.
    const next = openRecordStore(dir, { now: () => later });
    expect(await next.getMany('load', [KEY_A])).toEqual([{ other: true }]);
    await next.save();
    const merged = readFileSync(onlyPack(), 'utf8');
    expect(merged).toContain(`load ${KEY_A} ${later} `);
    expect(merged).not.toContain(`render ${KEY_A}`);
    expect(await readBack()).toEqual({ value: undefined, rejected: 0 });
  });

  it('keeps within a day the records this build did not use (another setting’s build may want them)', async () => {
    const store = openRecordStore(dir, { now: () => Date.now() + DAY / 2 });
    expect(await store.getMany('load', [KEY_A])).toEqual([{ other: true }]);
    store.put('load', KEY_B, { b: 1 });
    await store.save();
    expect(packs()).toHaveLength(2);
    expect(await readBack()).toEqual({ value: VALUE, rejected: 0 });
  });

  it('keeps a record that builds use every day through the merge of a build with other settings', async () => {
    const start = Date.now();
    const at = (hours: number) => () => start + hours * 3_600_000;
    for (const hours of [48, 71]) {
      // The daily build reads the record; its old stamp is written again with the time of this use.
      const daily = openRecordStore(dir, { now: at(hours) });
      expect(await daily.getMany('render', [KEY_A])).toEqual([VALUE]);
      expect(await daily.getMany('load', [KEY_A])).toEqual([{ other: true }]);
      await daily.save();
    }
    // Three days after it was written, a build with other settings merges (the copies are most of what it reads).
    const other = openRecordStore(dir, { now: at(72) });
    other.put('render', KEY_B, { other: 1 });
    await other.save();
    const after = openRecordStore(dir, { now: at(72) });
    expect(await after.getMany('render', [KEY_A])).toEqual([VALUE]);
    expect(after.rejected).toBe(0);
    expect(readFileSync(path.join(entries, packs().find((name) => readFileSync(path.join(entries, name), 'utf8').includes(`render ${KEY_A}`))!), 'utf8').match(new RegExp(`render ${KEY_A}`, 'g'))).toHaveLength(1);
  });

  it('carries the good copy of a record into a merge, not a damaged one', async () => {
    const copy = openRecordStore(dir, { now: () => Date.now() + 1000 });
    copy.put('render', KEY_A, VALUE);
    await copy.save();
    const [first] = packs().sort();
    writeFileSync(path.join(entries, first!), readFileSync(path.join(entries, first!), 'utf8').replace('"n":3', '"n":4'));
    // A build that does not use the record merges the two packs (the second copy is half of what it reads).
    const other = openRecordStore(dir);
    expect(await other.getMany('load', [KEY_A])).toEqual([{ other: true }]);
    await other.save();
    expect(packs()).toHaveLength(1);
    expect(await readBack()).toEqual({ value: VALUE, rejected: 0 });
  });

  it('deletes the record files of older formats after a day, and temporary files after an hour', async () => {
    const old = path.join(entries, `render-${KEY_B}.rec`);
    const oldFresh = path.join(entries, `load-${KEY_B}.rec`);
    const tmp = path.join(entries, 'pack-x-00.rec.1234.tmp');
    for (const file of [old, oldFresh, tmp]) writeFileSync(file, 'quire-cache 15 render');
    const twoDaysAgo = Date.now() / 1000 - 2 * 86_400;
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    utimesSync(tmp, Date.now() / 1000 - 7200, Date.now() / 1000 - 7200);
    const store = openRecordStore(dir);
    expect(await store.getMany('render', [KEY_A])).toEqual([VALUE]);
    await store.save();
    expect([old, oldFresh, tmp].map(existsSync)).toEqual([false, true, false]);
  });

  it('takes over the temporary pack of a build that was killed: its whole records serve, the line cut off is cut off the file', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const pack = onlyPack();
    const orphan = `${pack}.${gone}.${processSpace()}.tmp`;
    writeFileSync(orphan, `${readFileSync(pack, 'utf8')}render ${KEY_B} 17`);
    rmSync(pack);
    const store = openRecordStore(dir);
    expect(await store.getMany('render', [KEY_A, KEY_B])).toEqual([VALUE, undefined]);
    expect(await store.getMany('load', [KEY_A])).toEqual([{ other: true }]);
    expect(store.rejected).toBe(0);
    expect(existsSync(orphan)).toBe(false);
    expect(readFileSync(onlyPack(), 'utf8').endsWith('{"other":true}\n')).toBe(true);
  });

  it('leaves alone the temporary pack of a build still running, of another cache format, and of another container', async () => {
    const pack = onlyPack();
    const running = [process.pid, process.ppid].map((pid) => `${pack}.${pid}.${processSpace()}.tmp`);
    for (const file of running) writeFileSync(file, readFileSync(pack));
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const otherFormat = path.join(entries, `pack-x-00.rec.${gone}.${processSpace()}.tmp`);
    writeFileSync(otherFormat, readFileSync(pack, 'utf8').replace(`quire-cache ${CACHE_FORMAT} `, 'quire-cache 0 '));
    // A build in another PID namespace (a container sharing the cache folder): its id means nothing here.
    const elsewhere = path.join(entries, `pack-x-01.rec.${gone}.${processSpace() === '00000000' ? '11111111' : '00000000'}.tmp`);
    writeFileSync(elsewhere, readFileSync(pack));
    rmSync(pack);
    const store = openRecordStore(dir);
    expect(await store.getMany('render', [KEY_A])).toEqual([undefined]);
    expect([...running, otherFormat, elsewhere].map(existsSync)).toEqual([true, true, true, true]);
    expect(packs()).toEqual([]);
  });

  it('reports a failed write (a file where the folder should be) instead of throwing', async () => {
    rmSync(entries, { recursive: true });
    writeFileSync(entries, 'a file where the folder should be');
    const store = openRecordStore(dir);
    store.put('render', KEY_B, VALUE);
    await store.save();
    expect(store.writeFailure?.file).toContain(entries);
  });

  it('reads and writes nothing without a cache folder', async () => {
    const store = openRecordStore(undefined);
    store.put('render', KEY_A, VALUE);
    await store.save();
    expect(await store.getMany('render', [KEY_A])).toEqual([undefined]);
  });
});
