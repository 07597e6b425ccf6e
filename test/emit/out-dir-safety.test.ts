/**
 * The output folder is only ever a folder quire made, the lock and the cache cannot be turned
 * against the build: one fixture per attack, each through the real build, asserting the error
 * (or warning), that the previous dist/ is byte-identical, and that nothing beside the project
 * changed (each project sits in a temporary folder of its own, listed before and after).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { lockText } from '../../src/emit/output-lock.js';
import { buildOutcome, snapshot } from '../helpers/hostile-site.js';
import { configJson, hashTree, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const bin = fileURLToPath(new URL('../../bin/quire.js', import.meta.url));

let work: string;
let baseline: string;
let baselineDist: Record<string, string>;
let fixtures = 0;

/** A copy of the built baseline site (dist/ and .quire-cache/ included) in a folder of its own: `<box>/site`. */
function fixture(): { box: string; site: string; dist: string } {
  const box = path.join(work, `case-${fixtures++}`);
  const site = path.join(box, 'site');
  cpSync(baseline, site, { recursive: true });
  return { box, site, dist: path.join(site, 'dist') };
}

const errorsOf = (outcome: Awaited<ReturnType<typeof buildOutcome>>) => (outcome.ok ? [] : outcome.diagnostics.filter((d) => d.severity === 'error'));

beforeAll(async () => {
  work = tempDir('quire-outdir-');
  baseline = path.join(work, 'baseline');
  writeFiles(baseline, {
    'quire.config.json': configJson({ language: 'en' }),
    'content/posts/hello.md': '---\ntitle: Hello\ndate: 2025-01-01\n---\nHello.\n\n```js\nconst answer = 42;\n```\n',
    '.git/config': '[remote "origin"]\n\turl = https://example.org/repo.git\n',
    'node_modules/some-package/index.js': 'module.exports = 1;\n',
  });
  await build({ root: baseline, now: NOW, threads: 1 });
  baselineDist = hashTree(path.join(baseline, 'dist'));
});
afterAll(() => remove(work));

describe('the output folder is only ever a folder quire made', () => {
  it('the baseline build leaves its marker, and a later build replaces its own folder', async () => {
    expect(readFileSync(path.join(baseline, 'dist/.quire-output'), 'utf8')).toContain('quire build');
    const { site, dist } = fixture();
    const outcome = await buildOutcome({ root: site, now: NOW, threads: 1, force: true });
    expect(outcome.ok).toBe(true);
    expect(hashTree(dist)).toEqual(baselineDist);
  });

  it.each([
    ['.git', 'it is a .git folder or inside one'],
    ['.git/site', 'it is a .git folder or inside one'],
    ['node_modules', 'it is a node_modules folder or inside one'],
    ['node_modules/some-package', 'it is a node_modules folder or inside one'],
    ['.quire-cache', 'it is the cache folder'],
    ['content', 'it is the content folder'],
    ['templates/out', 'it is inside the templates folder'],
    ['.', 'it is the project root'],
  ])('--out %s is refused, and nothing is touched', async (out, why) => {
    const { box, site, dist } = fixture();
    const before = snapshot(box);
    const outcome = await buildOutcome({ root: site, outDir: path.join(site, out), now: NOW, threads: 1, forceOut: true });
    const errors = errorsOf(outcome);
    expect(errors.map((d) => d.code)).toEqual(['OutDirUnsafe']);
    expect(errors[0]!.message).toContain(why);
    expect(snapshot(box)).toEqual(before);
    expect(hashTree(dist)).toEqual(baselineDist);
  });

  it('a link to .git is .git: the real path is checked', async () => {
    const { box, site } = fixture();
    symlinkSync('.git', path.join(site, 'published'));
    const before = snapshot(box);
    for (const out of ['published', 'published/site']) {
      const errors = errorsOf(await buildOutcome({ root: site, outDir: path.join(site, out), now: NOW, threads: 1 }));
      expect(errors.map((d) => d.message)).toEqual([expect.stringMatching(new RegExp(`^refusing to build into ${out}: its real path is .*\\.git.*it is a \\.git folder`))]);
    }
    expect(snapshot(box)).toEqual(before);
  });

  it('an existing file given as --out (the config file) is refused and kept', async () => {
    const { box, site } = fixture();
    const before = snapshot(box);
    const errors = errorsOf(await buildOutcome({ root: site, outDir: path.join(site, 'quire.config.json'), now: NOW, threads: 1, forceOut: true }));
    expect(errors.map((d) => `${d.code}: ${d.message}`)).toEqual(['OutDirUnsafe: refusing to build into quire.config.json: it is a file, not a folder']);
    expect(snapshot(box)).toEqual(before);
  });

  it('dist/ as a regular file (committed as one) is refused and kept', async () => {
    const { box, site, dist } = fixture();
    rmSync(dist, { recursive: true });
    writeFileSync(dist, 'not a folder\n');
    const before = snapshot(box);
    const errors = errorsOf(await buildOutcome({ root: site, now: NOW, threads: 1 }));
    expect(errors.map((d) => d.message)).toEqual(['refusing to build into dist: it is a file, not a folder']);
    expect(snapshot(box)).toEqual(before);
  });

  it('dist/ as a link (to a folder outside the project) is refused; the folder it points to is untouched', async () => {
    const { box, site, dist } = fixture();
    rmSync(dist, { recursive: true });
    writeFiles(box, { 'elsewhere/keep.txt': 'mine\n' });
    symlinkSync(path.join(box, 'elsewhere'), dist);
    const before = snapshot(box);
    const errors = errorsOf(await buildOutcome({ root: site, now: NOW, threads: 1, forceOut: true }));
    expect(errors.map((d) => d.message)).toEqual([`refusing to build into dist: it is a symbolic link (to ${path.join(box, 'elsewhere')}), which the build would replace with a folder`]);
    expect(snapshot(box)).toEqual(before);
  });

  it('a non-empty folder outside the project is refused: nothing beside the project is written, not even a lock', async () => {
    const { box, site, dist } = fixture();
    writeFiles(box, { 'outside/important.txt': 'do not delete\n' });
    const before = snapshot(box);
    const outside = path.join(box, 'outside');
    const errors = errorsOf(await buildOutcome({ root: site, outDir: outside, now: NOW, threads: 1 }));
    expect(errors.map((d) => d.code)).toEqual(['OutDirUnsafe']);
    expect(errors[0]!.message).toBe(`refusing to build into ${outside}: it is a folder with 1 entry that no quire build wrote (it has no .quire-output file), and every build replaces it as a whole`);
    expect(errors[0]!.hint).toContain('--force-out');
    expect(snapshot(box)).toEqual(before);
    expect(hashTree(dist)).toEqual(baselineDist);
  });

  it('a non-empty folder no quire build wrote is refused; --force-out replaces it (and then it is quire’s)', async () => {
    const { box, site } = fixture();
    writeFiles(site, { 'public-html/index.html': '<p>hand-made</p>\n' });
    const out = path.join(site, 'public-html');
    const before = snapshot(box);
    const errors = errorsOf(await buildOutcome({ root: site, outDir: out, now: NOW, threads: 1 }));
    expect(errors.map((d) => d.message)).toEqual(['refusing to build into public-html: it is a folder with 1 entry that no quire build wrote (it has no .quire-output file), and every build replaces it as a whole']);
    expect(snapshot(box)).toEqual(before);

    expect((await buildOutcome({ root: site, outDir: out, now: NOW, threads: 1, forceOut: true })).ok).toBe(true);
    expect(hashTree(out)).toEqual(baselineDist);
    // From now on it carries the marker: no flag needed.
    expect((await buildOutcome({ root: site, outDir: out, now: NOW, threads: 1, force: true })).ok).toBe(true);
  });

  it('an empty folder is fine, and so is the dist/ of an older quire (no marker) that its cache manifest names', async () => {
    const { site, dist } = fixture();
    expect((await buildOutcome({ root: site, now: NOW, threads: 1, force: true })).ok).toBe(true);
    // What a build before the marker left: the same folder without it, named in the cache's manifest
    // (pages.json; site.json too once the inputs are settled).
    rmSync(path.join(dist, '.quire-output'));
    expect(JSON.parse(readFileSync(path.join(site, '.quire-cache/pages.json'), 'utf8'))).toMatchObject({ outDir: dist });
    expect((await buildOutcome({ root: site, now: NOW, threads: 1, force: true })).ok).toBe(true);
    expect(hashTree(dist)).toEqual(baselineDist);
    mkdirSync(path.join(site, 'empty'));
    expect((await buildOutcome({ root: site, outDir: path.join(site, 'empty'), now: NOW, threads: 1 })).ok).toBe(true);
    // Without the marker and without a manifest naming it, it is a stranger's folder.
    rmSync(path.join(dist, '.quire-output'));
    rmSync(path.join(site, '.quire-cache'), { recursive: true });
    expect(errorsOf(await buildOutcome({ root: site, now: NOW, threads: 1 })).map((d) => d.code)).toEqual(['OutDirUnsafe']);
  });

  it('quire build --force-out on the command line (exit 1 without it, with the hint; exit 0 with it)', () => {
    const { site } = fixture();
    writeFiles(site, { 'site-out/keep.txt': 'x\n' });
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    const refused = spawnSync(process.execPath, [bin, 'build', '--out', 'site-out'], { cwd: site, encoding: 'utf8', env });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('error[OutDirUnsafe] refusing to build into site-out: it is a folder with 1 entry that no quire build wrote');
    expect(refused.stderr).toContain('hint: empty or remove it, choose another output folder, or pass --force-out to replace it anyway');
    expect(readFileSync(path.join(site, 'site-out/keep.txt'), 'utf8')).toBe('x\n');
    const forced = spawnSync(process.execPath, [bin, 'build', '--out', 'site-out', '--force-out'], { cwd: site, encoding: 'utf8', env });
    expect(forced.status, forced.stderr).toBe(0);
    expect(existsSync(path.join(site, 'site-out/keep.txt'))).toBe(false);
    expect(existsSync(path.join(site, 'site-out/.quire-output'))).toBe(true);
  });
});

describe('reserved output paths', () => {
  it('a permalink on a file quire generates is an error at the permalink line, naming the generated file; all in one run', async () => {
    const { box, site, dist } = fixture();
    const post = (name: string, permalink: string) => [`content/posts/${name}.md`, `---\ntitle: ${name}\ndate: 2025-01-02\npermalink: ${permalink}\n---\nx\n`];
    writeFiles(
      site,
      Object.fromEntries([
        post('sitemap', '/sitemap.xml'),
        post('robots', '/robots.txt'),
        post('favicon', '/favicon.svg'),
        post('css', '/assets/quire.css'),
        post('notfound', '/404.html'),
        post('index', '/search/index.json'),
        post('marker', '/.quire-output/'),
      ]),
    );
    // The entries that loaded leave their records in the cache, for the build after the fix.
    const unchanged = ['site/content', 'site/.quire-cache/entries'];
    const before = snapshot(box, unchanged);
    const errors = errorsOf(await buildOutcome({ root: site, now: NOW, threads: 1 }));
    expect(errors.map((d) => `${d.code} ${d.file}:${d.line}: ${d.message}`).sort()).toEqual([
      'DuplicateUrl content/posts/css.md:4: content/posts/css.md produces assets/quire.css/index.html, but assets/quire.css is a file (the theme file assets/quire.css)',
      'DuplicateUrl content/posts/favicon.md:4: content/posts/favicon.md produces favicon.svg/index.html, but favicon.svg is a file (the theme file favicon.svg)',
      'DuplicateUrl content/posts/index.md:4: content/posts/index.md and the search index both produce search/index.json',
      'DuplicateUrl content/posts/marker.md:4: content/posts/marker.md produces .quire-output/index.html, but .quire-output is a file (the marker of the output folder)',
      'DuplicateUrl content/posts/notfound.md:4: content/posts/notfound.md and the 404 page both produce 404.html',
      'DuplicateUrl content/posts/robots.md:4: content/posts/robots.md would replace the robots.txt quire writes (robots.txt)',
      'DuplicateUrl content/posts/sitemap.md:4: content/posts/sitemap.md would replace the sitemap quire writes (sitemap.xml)',
    ]);
    expect(snapshot(box, unchanged)).toEqual(before);
    expect(readdirSync(path.join(site, '.quire-cache/entries')).every((name) => /^pack-[0-9a-z]+-[0-9a-f]+\.rec$/.test(name))).toBe(true);
    expect(hashTree(dist)).toEqual(baselineDist);
  });

  it('public/ may still bring its own robots.txt and favicon.svg', async () => {
    const { site, dist } = fixture();
    writeFiles(site, { 'public/robots.txt': 'User-agent: *\nDisallow: /\n', 'public/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>' });
    expect((await buildOutcome({ root: site, now: NOW, threads: 1 })).ok).toBe(true);
    expect(readFileSync(path.join(dist, 'robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /\n');
    expect(readFileSync(path.join(dist, 'favicon.svg'), 'utf8')).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
  });
});

describe('the output lock', () => {
  const lockOf = (site: string) => path.join(site, '.dist.quire-lock');

  it.each([
    ['a dead process (older plain form)', '2147483646'],
    ['a dead process', 'quire-lock 2147483646 -\n'],
    ['PID 1, committed into the repository', '1\n'],
    ['PID 1, in quire’s form but not the process that took it', 'quire-lock 1 00000000-0000-0000-0000-000000000000:1\n'],
  ])('a lock of %s is taken over with a warning', async (_name, text) => {
    const { box, site, dist } = fixture();
    writeFileSync(lockOf(site), text);
    const before = snapshot(box, ['site']);
    const outcome = await buildOutcome({ root: site, now: NOW, threads: 1, force: true });
    expect(outcome.ok).toBe(true);
    const warnings = outcome.ok ? outcome.result.diagnostics.filter((d) => d.code === 'StaleLock') : [];
    expect(warnings.map((d) => d.message)).toEqual([expect.stringMatching(/^took over the lock .*\.dist\.quire-lock: (its process 2147483646 is gone|it is not a lock written by this quire|process 1 is another program)/)]);
    expect(existsSync(lockOf(site))).toBe(false);
    expect(hashTree(dist)).toEqual(baselineDist);
    expect(snapshot(box, ['site'])).toEqual(before);
  });

  it('a lock held by a running quire (this very process) still stops the build', async () => {
    const { site, dist } = fixture();
    writeFileSync(lockOf(site), lockText(process.pid));
    const errors = errorsOf(await buildOutcome({ root: site, now: NOW, threads: 1, force: true }));
    expect(errors.map((d) => `${d.code}: ${d.message}`)).toEqual([`WriteError: another quire (process ${process.pid}) is writing ${dist} right now`]);
    expect(hashTree(dist)).toEqual(baselineDist);
  });
});

describe('the cache folder', () => {
  it('a .quire-cache that is a link out of the project is refused; nothing is written where it points', async () => {
    const { box, site, dist } = fixture();
    rmSync(path.join(site, '.quire-cache'), { recursive: true });
    mkdirSync(path.join(box, 'stolen'));
    symlinkSync(path.join(box, 'stolen'), path.join(site, '.quire-cache'));
    const before = snapshot(box);
    const errors = errorsOf(await buildOutcome({ root: site, now: NOW, threads: 1 }));
    expect(errors.map((d) => `${d.code}: ${d.message}`)).toEqual(['CacheDirUnsafe: refusing to use the cache folder .quire-cache: it is a symbolic link']);
    expect(errors[0]!.hint).toContain('--no-cache');
    expect(snapshot(box)).toEqual(before);
    expect(readdirSync(path.join(box, 'stolen'))).toEqual([]);
    expect(hashTree(dist)).toEqual(baselineDist);
  });

  it('a cache folder set outside the project, or under a link leading out, is refused', async () => {
    const { box, site } = fixture();
    writeFiles(site, { 'quire.config.json': configJson({ language: 'en', cacheDir: '../cache-outside' }) });
    expect(errorsOf(await buildOutcome({ root: site, now: NOW, threads: 1 })).map((d) => d.message)).toEqual([`refusing to use the cache folder ${path.join(box, 'cache-outside')}: it is outside the project`]);
    mkdirSync(path.join(box, 'elsewhere'));
    symlinkSync(path.join(box, 'elsewhere'), path.join(site, 'var'));
    writeFiles(site, { 'quire.config.json': configJson({ language: 'en', cacheDir: 'var/cache' }) });
    const errors = errorsOf(await buildOutcome({ root: site, now: NOW, threads: 1 }));
    expect(errors.map((d) => d.message)).toEqual([`refusing to use the cache folder var/cache: its real path ${path.join(box, 'elsewhere', 'cache')} is outside the project`]);
    expect(readdirSync(path.join(box, 'elsewhere'))).toEqual([]);
  });

  it('highlight.json edited to other valid JSON does not reach the output: the code is highlighted again', async () => {
    const { site, dist } = fixture();
    const file = path.join(site, '.quire-cache/highlight.json');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('answer');
    // The same JSON with another token text and colour (the render records go, so the code is highlighted from this cache).
    const tampered = text.replaceAll('answer', 'HACKED').replace(/"#[0-9A-Fa-f]{6}"/, '"red;background:url(https://evil.example/)"');
    expect(() => JSON.parse(tampered)).not.toThrow();
    writeFileSync(file, tampered);
    rmSync(path.join(site, '.quire-cache/entries'), { recursive: true });
    const outcome = await buildOutcome({ root: site, now: NOW, threads: 1, force: true });
    expect(outcome.ok).toBe(true);
    expect(hashTree(dist)).toEqual(baselineDist);
    expect(readFileSync(path.join(dist, 'posts/hello/index.html'), 'utf8')).not.toContain('HACKED');
    // … and the file was written again, verified.
    expect(readFileSync(file, 'utf8')).not.toContain('HACKED');
  });

  it('a record replaced by a FIFO is a miss, not a hang', async () => {
    const { site, dist } = fixture();
    const entries = path.join(site, '.quire-cache/entries');
    const records = readdirSync(entries).filter((n) => n.endsWith('.rec'));
    expect(records.length).toBeGreaterThan(0);
    for (const name of records) {
      rmSync(path.join(entries, name));
      execFileSync('mkfifo', [path.join(entries, name)]);
    }
    // site.json is written only when the inputs had settled before the build read them: a FIFO either way.
    for (const name of ['highlight.json', 'pages.json', 'site.json']) {
      rmSync(path.join(site, '.quire-cache', name), { force: true });
      execFileSync('mkfifo', [path.join(site, '.quire-cache', name)]);
    }
    const outcome = await buildOutcome({ root: site, now: NOW, threads: 1 });
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.result.stats.rejectedRecords).toBeGreaterThan(0);
    expect(hashTree(dist)).toEqual(baselineDist);
  }, 30_000);
});

describe('a TypeScript config in a site without node_modules', () => {
  it('is transpiled in memory, not into the shared temporary folder', async () => {
    const { box, site } = fixture();
    rmSync(path.join(site, 'node_modules'), { recursive: true });
    rmSync(path.join(site, 'quire.config.json'));
    // A title no other config has: a transpiled copy anywhere in the shared folder would hold it.
    const title = `Typed ${path.basename(work)} ${path.basename(box)}`;
    writeFileSync(path.join(site, 'quire.config.ts'), `const title: string = ${JSON.stringify(title)};\nexport default { title, url: 'https://example.org/', language: 'en' };\n`);
    const jitiDir = path.join(os.tmpdir(), 'jiti');
    const copies = () => (existsSync(jitiDir) ? readdirSync(jitiDir).filter((n) => readFileSync(path.join(jitiDir, n), 'utf8').includes(title)) : []);
    const outcome = await buildOutcome({ root: site, now: NOW, threads: 1 });
    expect(outcome.ok).toBe(true);
    expect(readFileSync(path.join(site, 'dist/index.html'), 'utf8')).toContain(title);
    expect(copies()).toEqual([]);
    expect(existsSync(path.join(site, 'node_modules'))).toBe(false);
  });
});
