import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHighlightCache } from '../../src/cache/highlight-cache-file.js';
import type { DualLines } from '../../src/render/code/tokenize.js';
import { remove, tempDir } from '../helpers/site-fixture.js';

const LINES: DualLines = [[['func', '#D73A49', '#F97583', 0, 0]], []];

describe('openHighlightCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => remove(dir));

  it('keeps what a build used for the next build, and drops what it did not use', async () => {
    const first = await openHighlightCache(dir);
    first.set('a', LINES);
    first.set('b', LINES);
    await first.save();
    const second = await openHighlightCache(dir);
    expect(second.get('a')).toEqual(LINES);
    expect(second.hits).toBe(1);
    await second.save();
    const third = await openHighlightCache(dir);
    expect(third.get('b')).toBeUndefined();
    expect(third.get('a')).toEqual(LINES);
  });

  it('ignores a corrupt file, a file from another version, and malformed entries', async () => {
    const file = path.join(dir, 'highlight.json');
    writeFileSync(file, '{"stamp": "2/4.6.0", "entries": {"a": [[["x"');
    expect((await openHighlightCache(dir)).get('a')).toBeUndefined();

    const good = await openHighlightCache(dir);
    good.set('a', LINES);
    await good.save();
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { stamp: string; entries: Record<string, unknown> };
    writeFileSync(file, JSON.stringify({ ...stored, stamp: '0/0.0.0' }));
    expect((await openHighlightCache(dir)).get('a')).toBeUndefined();

    writeFileSync(file, JSON.stringify({ ...stored, entries: { a: [[['x', '#000', 5, 0, 0]]], constructor: [[]] } }));
    const tampered = await openHighlightCache(dir);
    expect(tampered.get('a')).toBeUndefined();
    expect(tampered.get('toString')).toBeUndefined();
    expect(tampered.misses).toBe(2);
  });

  it('does nothing on disk when caching is off', async () => {
    const off = await openHighlightCache(undefined);
    off.set('a', LINES);
    await off.save();
    expect(off.get('a')).toEqual(LINES);
  });
});
