/**
 * A full disk and a read-only file system, for real: a small tmpfs is mounted under the test's
 * folder (this needs root and a kernel that allows it; elsewhere the tests are skipped, and say
 * so). The build reports a WriteError naming the path with a hint, never "a bug in quire"; the
 * previous site stays byte-identical; no temporary file or staging folder is left behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { buildOutcome } from '../helpers/hostile-site.js';
import { configJson, hashTree, listTree, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const run = (command: string, ...args: string[]) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;

let work: string;
let mounted = false;
beforeAll(() => {
  work = tempDir('quire-diskfull-');
  mkdirSync(path.join(work, 'probe'));
  mounted = run('mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', path.join(work, 'probe'));
  if (mounted) run('umount', path.join(work, 'probe'));
});
afterAll(() => remove(work));

/** A site with a few posts at `<work>/<name>`, its output and cache on a tmpfs of `size` mounted at `<site>/disk`. */
function siteOnTmpfs(name: string, size: string): { site: string; disk: string } {
  const site = path.join(work, name);
  const disk = path.join(site, 'disk');
  const posts: Record<string, string> = {};
  for (let i = 0; i < 5; i++) posts[`content/posts/p${i}.md`] = `---\ntitle: Post ${i}\ndate: 2025-01-0${i + 1}\n---\n${'Some words. '.repeat(200)}\n\n\`\`\`js\nconst n = ${i};\n\`\`\`\n`;
  writeFiles(site, { 'quire.config.json': configJson({ language: 'en', outDir: 'disk/dist', cacheDir: 'disk/cache' }), ...posts });
  mkdirSync(disk);
  if (!run('mount', '-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', disk)) throw new Error('mount failed');
  return { site, disk };
}

/** Fill the rest of a tmpfs, then free `leave` bytes again. */
function fill(disk: string, leave = 0): void {
  const chunk = Buffer.alloc(4096, 1);
  const file = path.join(disk, 'filler');
  writeFileSync(file, '');
  for (;;) {
    try {
      writeFileSync(file, chunk, { flag: 'a' });
    } catch {
      if (leave > 0) truncateSync(file, Math.max(0, statSync(file).size - leave));
      return;
    }
  }
}

const leftovers = (dir: string) => listTree(dir).filter((f) => f.endsWith('.tmp') || f.includes('.quire-new-') || f.includes('.quire-old-'));

describe('writing the output or the cache fails', () => {
  it('the disk is full: WriteError naming the file, with a hint; dist/ as it was; no leftovers', async (context) => {
    if (!mounted) context.skip();
    const { site, disk } = siteOnTmpfs('full', '4m');
    try {
      await build({ root: site, now: NOW, threads: 1 });
      const dist = path.join(disk, 'dist');
      const before = hashTree(dist);
      writeFiles(site, { 'content/posts/p0.md': `---\ntitle: Post 0, longer\ndate: 2025-01-01\n---\n${'Other words. '.repeat(400)}\n` });
      // Room for the lock and a few pages, not for the site: the disk fills up while the site is written.
      fill(disk, 64 * 1024);
      const outcome = await buildOutcome({ root: site, now: NOW, threads: 1, force: true, cache: false });
      expect(outcome.ok).toBe(false);
      const errors = outcome.ok ? [] : outcome.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.code)).toEqual(['WriteError']);
      expect(errors[0]!.message).toMatch(new RegExp(`^cannot write ${dist.replaceAll('/', '\\/')}\\/\\S+\\.(html|xml|json|css|js|svg|xsl): ENOSPC: no space left on device`));
      expect(errors[0]!.hint).toBe('the disk is full: free some space and build again');
      expect(hashTree(dist)).toEqual(before);
      expect(leftovers(disk)).toEqual([]);
      expect(readdirSync(disk).sort()).toEqual(['cache', 'dist', 'filler']);
    } finally {
      run('umount', disk);
    }
  });

  it('the cache disk is full: the site is built, with one WriteError warning; no temporary files in the cache', async (context) => {
    if (!mounted) context.skip();
    const { site, disk } = siteOnTmpfs('cache-full', '8m');
    try {
      // The output goes elsewhere; only the cache is on the full disk.
      writeFiles(site, { 'quire.config.json': configJson({ language: 'en', cacheDir: 'disk/cache' }) });
      fill(disk);
      const outcome = await buildOutcome({ root: site, now: NOW, threads: 1 });
      expect(outcome.ok).toBe(true);
      const warnings = outcome.ok ? outcome.result.diagnostics.filter((d) => d.code === 'WriteError') : [];
      expect(warnings.map((d) => d.severity)).toEqual(['warning']);
      expect(warnings[0]!.message).toMatch(/^cannot write .*disk\/cache\/.*ENOSPC/);
      expect(leftovers(disk)).toEqual([]);
      expect(listTree(path.join(site, 'dist'))).toContain('posts/p0/index.html');
    } finally {
      run('umount', disk);
    }
  });

  it('the file system is read-only: WriteError with the path and a hint, not a bug in quire', async (context) => {
    if (!mounted) context.skip();
    const { site, disk } = siteOnTmpfs('read-only', '8m');
    try {
      await build({ root: site, now: NOW, threads: 1 });
      const dist = path.join(disk, 'dist');
      const before = hashTree(dist);
      expect(run('mount', '-o', 'remount,ro', disk)).toBe(true);
      const outcome = await buildOutcome({ root: site, now: NOW, threads: 1, force: true, cache: false });
      const errors = outcome.ok ? [] : outcome.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.code)).toEqual(['WriteError']);
      expect(errors[0]!.message).toMatch(new RegExp(`^cannot write ${disk.replaceAll('/', '\\/')}\\/.*EROFS: read-only file system`));
      expect(errors[0]!.hint).toContain('that file system is read-only');
      expect(hashTree(dist)).toEqual(before);
    } finally {
      run('umount', disk);
    }
  });
});
