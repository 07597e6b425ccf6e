import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FORMAT } from '../../src/cache/build-fingerprint.js';
import { openRecordStore } from '../../src/cache/record-store.js';
import { remove, tempDir } from '../helpers/site-fixture.js';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);
const VALUE = { html: '<p>远程办公</p>', n: 3, list: ['x', 'y'] };

describe('openRecordStore', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = tempDir();
    file = path.join(dir, 'entries', `render-${KEY_A}.rec`);
    const store = openRecordStore(dir);
    store.put('render', KEY_A, VALUE);
    await store.save();
  });
  afterEach(() => remove(dir));

  const readBack = async () => {
    const store = openRecordStore(dir);
    const [value] = await store.getMany('render', [KEY_A]);
    return { value, rejected: store.rejected };
  };

  it('gives back what was stored, under its kind and key only', async () => {
    expect(await readBack()).toEqual({ value: VALUE, rejected: 0 });
    const store = openRecordStore(dir);
    expect(await store.getMany('load', [KEY_A])).toEqual([undefined]);
    expect(await store.getMany('render', [KEY_B])).toEqual([undefined]);
    expect(store.rejected).toBe(0);
  });

  it('ignores a truncated record', async () => {
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.length - 5));
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
  });

  it('ignores a record whose JSON was changed but still parses (the checksum no longer matches)', async () => {
    writeFileSync(file, readFileSync(file, 'utf8').replace('"n":3', '"n":4'));
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
  });

  it('ignores a record of another cache format, and one filed under another key', async () => {
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(`quire-cache ${CACHE_FORMAT} `, `quire-cache ${CACHE_FORMAT + 1} `));
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
    writeFileSync(file, text.replace(KEY_A, KEY_B));
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
  });

  it('ignores a file that is not a record at all, and an empty one', async () => {
    writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00, 0x12]));
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
    writeFileSync(file, '');
    expect(await readBack()).toEqual({ value: undefined, rejected: 1 });
  });

  it('deletes on save the records no build used for a day, and keeps the fresh ones and the ones it read', async () => {
    const dayAndMore = Date.now() / 1000 - 25 * 3600;
    const records = () => readdirSync(path.join(dir, 'entries')).filter((name) => !name.startsWith('.')).sort();
    const store = openRecordStore(dir);
    store.put('load', KEY_B, { x: 1 });
    await store.save();
    // That build did not use KEY_A, but it is fresh (another setting's build may want it).
    expect(records()).toEqual([`load-${KEY_B}.rec`, `render-${KEY_A}.rec`]);

    utimesSync(file, dayAndMore, dayAndMore);
    utimesSync(path.join(dir, 'entries', `load-${KEY_B}.rec`), dayAndMore, dayAndMore);
    const next = openRecordStore(dir);
    expect(await next.getMany('load', [KEY_B])).toEqual([{ x: 1 }]);
    await next.save();
    // The folder was looked through less than an hour ago: the old record is still there…
    expect(records()).toEqual([`load-${KEY_B}.rec`, `render-${KEY_A}.rec`]);
    // …but the record it read was touched, so it stays another day.
    expect(statSync(path.join(dir, 'entries', `load-${KEY_B}.rec`)).mtimeMs).toBeGreaterThan(Date.now() - 60_000);

    const twoHoursAgo = Date.now() / 1000 - 2 * 3600;
    utimesSync(path.join(dir, 'entries', '.pruned'), twoHoursAgo, twoHoursAgo);
    const later = openRecordStore(dir);
    await later.save();
    expect(records()).toEqual([`load-${KEY_B}.rec`]);
  });

  it('reads and writes nothing without a cache folder', async () => {
    const store = openRecordStore(undefined);
    store.put('render', KEY_A, VALUE);
    await store.save();
    expect(await store.getMany('render', [KEY_A])).toEqual([undefined]);
  });
});
