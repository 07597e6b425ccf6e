import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuireError } from '../../src/diagnostics.js';
import { writeSite } from '../../src/emit/write-site.js';
import { lockText } from '../../src/emit/output-lock.js';
import { hashTree, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

describe('writeSite', () => {
  let parent: string;
  let out: string;
  beforeEach(() => {
    parent = tempDir();
    out = path.join(parent, 'dist');
  });
  afterEach(() => remove(parent));

  it('replaces the output folder and leaves nothing else beside it', async () => {
    writeFiles(out, { 'old.html': 'old' });
    await writeSite(out, [{ outputPath: 'index.html', contents: 'new' }, { outputPath: 'posts/远程/index.html', contents: '中文' }], []);
    expect(readdirSync(out).sort()).toEqual(['.quire-output', 'index.html', 'posts']);
    expect(readFileSync(path.join(out, 'posts/远程/index.html'), 'utf8')).toBe('中文');
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  it('refuses a path that would leave the output folder, writing nothing', async () => {
    writeFiles(out, { 'index.html': 'old' });
    const before = hashTree(out);
    await expect(writeSite(out, [{ outputPath: '../escape.html', contents: 'x' }], [])).rejects.toThrow(QuireError);
    expect(hashTree(out)).toEqual(before);
    expect(existsSync(path.join(parent, 'escape.html'))).toBe(false);
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  it('refuses to write while another live quire holds the lock, with a clear message', async () => {
    writeFiles(out, { 'index.html': 'old' });
    writeFileSync(path.join(parent, '.dist.quire-lock'), lockText(process.pid));
    const error = await writeSite(out, [{ outputPath: 'index.html', contents: 'new' }], []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuireError);
    expect((error as QuireError).diagnostics[0]!.message).toContain(`another quire (process ${process.pid}) is writing`);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('old');
  });

  it('takes over the lock of a build that no longer runs', async () => {
    writeFileSync(path.join(parent, '.dist.quire-lock'), '2147483646');
    await writeSite(out, [{ outputPath: 'index.html', contents: 'new' }], []);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(path.join(parent, '.dist.quire-lock'))).toBe(false);
  });

  it('repairs a build killed between the two renames: the previous site comes back, then is replaced', async () => {
    // what a kill right after `rename(dist, retired)` leaves: no dist, a retired site, a staging folder
    writeFiles(path.join(parent, '.dist.quire-old-1-a'), { 'index.html': 'previous' });
    mkdirSync(path.join(parent, '.dist.quire-new-1-a'));
    await writeSite(out, [{ outputPath: 'index.html', contents: 'new' }], []);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('new');
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  it('keeps the very files whose bytes did not change (same inode and mtime) and writes the others', async () => {
    writeFiles(parent, { 'logo.png': 'png' });
    const copies = [{ from: path.join(parent, 'logo.png'), outputPath: 'logo.png' }];
    const first = await writeSite(out, [{ outputPath: 'a/index.html', contents: '同じ' }, { outputPath: 'b.html', contents: 'old' }], copies);
    expect(first).toEqual({ written: 3, kept: 0 });
    const before = (rel: string) => statSync(path.join(out, rel));
    const [a, b, logo] = ['a/index.html', 'b.html', 'logo.png'].map(before);
    const second = await writeSite(out, [{ outputPath: 'a/index.html', contents: Buffer.from('同じ') }, { outputPath: 'b.html', contents: 'new' }], copies);
    expect(second).toEqual({ written: 1, kept: 2 });
    expect(before('a/index.html').ino).toBe(a!.ino);
    expect(before('a/index.html').mtimeMs).toBe(a!.mtimeMs);
    expect(before('logo.png').ino).toBe(logo!.ino);
    expect(before('b.html').ino).not.toBe(b!.ino);
    expect(readFileSync(path.join(out, 'b.html'), 'utf8')).toBe('new');
    expect(readdirSync(parent).sort()).toEqual(['dist', 'logo.png']);
  });

  it('keeps the previous site when the new one cannot be written', async () => {
    writeFiles(out, { 'index.html': 'old' });
    const before = hashTree(out);
    await expect(writeSite(out, [], [{ from: path.join(parent, 'missing.png'), outputPath: 'a.png' }])).rejects.toThrow(QuireError);
    expect(hashTree(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['dist']);
  });
});
