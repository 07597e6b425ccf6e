import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { vnuErrors, type VnuMessage } from './helpers/nu-checker.js';
import { listTree, remove, tempDir } from './helpers/site-fixture.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

describe('every generated page is valid HTML (Nu HTML Checker)', () => {
  let tmp: string;
  let out: string;

  beforeAll(async () => {
    tmp = tempDir();
    out = path.join(tmp, 'site');
    await build({ root: repo, outDir: out, baseUrl: 'https://example.org/blog/', now: new Date('2026-11-23T00:00:00Z') });
  });
  afterAll(() => remove(tmp));

  it('reports 0 errors for all pages of the sample site under a sub-path', async () => {
    const pages = listTree(out).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(30);
    // One known-bad page goes through the same run, to show the checker really checks.
    const bad = path.join(tmp, 'known-bad.html');
    writeFileSync(bad, '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><span id="a"></span><span id="a"></span></body></html>');
    const messages = await vnuErrors([...pages.map((f) => path.join(out, f)), bad]);
    const fileOf = (m: VnuMessage) => (m.url ? fileURLToPath(m.url) : '?');
    expect(messages.some((m) => fileOf(m) === bad && /Duplicate ID/i.test(m.message))).toBe(true);
    const readable = messages.filter((m) => fileOf(m) !== bad).map((m) => `${path.relative(out, fileOf(m))}:${m.lastLine ?? '?'}: ${m.message} [${m.extract ?? ''}]`);
    expect(readable).toEqual([]);
  });
});
