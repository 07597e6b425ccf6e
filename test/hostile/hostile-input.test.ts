/**
 * Broken and hostile input, through the real build. Each case is a folder under
 * test/fixtures/hostile/<case>/ (small files) and/or files generated here at test time (big, binary,
 * invalid UTF-8, symlinks, permissions), dropped into a site that was already built once. Each says
 * what must happen: either errors (code, file, line, and always a hint) — and then the previous
 * dist/ is byte-identical — or pages that are produced, well-formed and escaped. In both cases
 * nothing may change outside dist/ (and the build cache), and nothing named `quire-escaped` (the
 * target of every hostile path here) may appear anywhere.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { buildOutcome, errorHeads, snapshot } from '../helpers/hostile-site.js';
import { configJson, hashTree, listTree, remove, tempDir } from '../helpers/site-fixture.js';
import { attribute, elementsOf, parseHtmlFragmentStrict, parseHtmlStrict, parseXmlStrict, textOf, xmlChildren } from '../helpers/strict-parsers.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(repo, 'test/fixtures/hostile');
const bin = path.join(repo, 'bin/quire.js');
const NOW = new Date('2026-01-01T00:00:00Z');
const isRoot = process.getuid?.() === 0;
const HOSTILE = `<script>alert(1)</script> "q" 's' ]]> </title> --> &amp; <b>x</b>`;
/** Where a hostile path would land if it escaped: none of these may ever exist. */
const escapeTargets = (site: string) => [
  path.resolve(site, '..', 'quire-escaped'),
  path.resolve(site, '../..', 'quire-escaped'),
  path.resolve(site, '../../..', 'quire-escaped'),
  path.resolve(site, 'quire-escaped'),
  '/quire-escaped',
  '/tmp/quire-escaped',
  '/etc/quire-escaped',
  path.join(repo, 'quire-escaped'),
  path.join(os.tmpdir(), 'quire-escaped'),
];

type ExpectedError = { readonly code: Diagnostic['code']; readonly file?: string; readonly line?: number; readonly message?: RegExp };
type Expected =
  | { readonly errors: readonly ExpectedError[] }
  | { readonly pages: readonly string[]; readonly warnings?: readonly ExpectedError[]; readonly check?: (dist: string) => void };

interface HostileCase {
  readonly name: string;
  /** Folder under test/fixtures/hostile/ copied over the site. */
  readonly fixture?: string;
  /** Files made at test time (too big, binary, or not storable in git). */
  readonly generate?: (site: string) => void;
  readonly expected: Expected;
  readonly timeout?: number;
}

const posts = (rel: string) => path.join('content', 'posts', rel);
const read = (dist: string, rel: string) => readFileSync(path.join(dist, rel), 'utf8');

const CASES: readonly HostileCase[] = [
  // Front matter that cannot be read: the error is at the line of the problem.
  { name: 'broken YAML', fixture: 'yaml-broken', expected: { errors: [{ code: 'FrontMatterSyntax', file: posts('yaml-broken.md'), line: 4 }] } },
  // The array opened on line 4 is never closed: reported on that line.
  { name: 'broken TOML', fixture: 'toml-broken', expected: { errors: [{ code: 'FrontMatterSyntax', file: posts('toml-broken.md'), line: 4 }] } },
  { name: 'broken JSON (a trailing comma YAML would accept)', fixture: 'json-broken', expected: { errors: [{ code: 'FrontMatterSyntax', file: posts('json-broken.md'), line: 5, message: /JSON/ }] } },
  { name: 'unterminated front matter', fixture: 'unterminated', expected: { errors: [{ code: 'FrontMatterUnterminated', file: posts('unterminated.md'), line: 1 }] } },
  { name: 'YAML alias bomb ("billion laughs")', fixture: 'yaml-alias-bomb', expected: { errors: [{ code: 'FrontMatterSyntax', file: posts('yaml-alias-bomb.md'), line: 4, message: /alias/ }] } },
  { name: 'impossible date 2025-13-45', fixture: 'impossible-date', expected: { errors: [{ code: 'InvalidDate', file: posts('impossible-date.md'), line: 3, message: /month/ }] } },
  { name: 'Hugo zero date 0001-01-01', fixture: 'zero-date', expected: { errors: [{ code: 'InvalidDate', file: posts('zero-date.md'), line: 3 }] } },
  {
    name: 'wrong types: tags: 5, draft: "maybe"',
    fixture: 'wrong-types',
    expected: {
      errors: [
        { code: 'FrontMatterInvalid', file: posts('wrong-types.md'), line: 3, message: /tags/ },
        { code: 'FrontMatterInvalid', file: posts('wrong-types.md'), line: 4, message: /draft/ },
      ],
    },
  },
  // Bytes that are not Markdown text.
  {
    name: 'a binary file named .md',
    generate: (site) => writeFileSync(path.join(site, 'content/posts/binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])),
    expected: { errors: [{ code: 'ReadError', file: posts('binary.md'), line: 1 }] },
  },
  {
    name: 'invalid UTF-8 (a Latin-1 é on line 4)',
    generate: (site) => writeFileSync(path.join(site, 'content/posts/latin1.md'), Buffer.concat([Buffer.from('---\ntitle: Latin-1\n---\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')])),
    expected: { errors: [{ code: 'ReadError', file: posts('latin1.md'), line: 4, message: /UTF-8/ }] },
  },
  {
    name: 'NUL bytes in a text file',
    generate: (site) => writeFileSync(path.join(site, 'content/posts/nul.md'), '---\ntitle: NUL\n---\nbefore\u0000after\n'),
    expected: { errors: [{ code: 'ReadError', file: posts('nul.md'), line: 4, message: /NUL/ }] },
  },
  {
    name: 'a Markdown file that is a broken symbolic link',
    generate: (site) => symlinkSync(path.join(site, 'no-such-file.md'), path.join(site, 'content/posts/dangling.md')),
    expected: { errors: [{ code: 'ReadError', file: posts('dangling.md') }] },
  },
  // URLs that would leave the output folder, or cannot be files.
  { name: 'permalink ../../../quire-escaped/', fixture: 'permalink-traversal', expected: { errors: [{ code: 'UnsafePath', file: posts('permalink-traversal.md'), line: 4 }] } },
  { name: 'permalink with backslashes (C:\\…)', fixture: 'permalink-backslash', expected: { errors: [{ code: 'UnsafePath', file: posts('permalink-backslash.md'), line: 4 }] } },
  { name: 'permalink %2e%2e%2f%2e%2e%2f…', fixture: 'permalink-encoded', expected: { errors: [{ code: 'UnsafePath', file: posts('permalink-encoded.md'), line: 4 }] } },
  // The NUL comes from a YAML escape: refused with the field, before it becomes a path.
  { name: 'permalink with NUL', fixture: 'permalink-nul', expected: { errors: [{ code: 'FrontMatterInvalid', file: posts('permalink-nul.md'), line: 4, message: /permalink/ }] } },
  { name: 'permalink with a 300-character segment', fixture: 'permalink-long', expected: { errors: [{ code: 'UnsafePath', file: posts('permalink-long.md'), line: 4 }] } },
  { name: 'permalink file:///tmp/…', fixture: 'permalink-scheme', expected: { errors: [{ code: 'UnsafePath', file: posts('permalink-scheme.md'), line: 4 }] } },
  { name: 'a slug with NUL written as a YAML escape', fixture: 'slug-nul', expected: { errors: [{ code: 'FrontMatterInvalid', file: posts('slug-nul.md'), line: 4, message: /control character/ }] } },
  { name: 'a tag with NUL written as a YAML escape', fixture: 'tag-nul', expected: { errors: [{ code: 'FrontMatterInvalid', file: posts('tag-nul.md'), line: 4, message: /tags\.1/ }] } },
  { name: 'a tag with no letters ("..")', fixture: 'tag-without-letters', expected: { errors: [{ code: 'UnsafePath', file: posts('tag-without-letters.md'), line: 4 }] } },
  // Two things on one URL.
  { name: 'duplicate slug: post vs post', fixture: 'duplicate-post-post', expected: { errors: [{ code: 'DuplicateUrl', file: posts('dup-two.md'), line: 4, message: /dup-one\.md/ }] } },
  { name: 'duplicate URL: post vs page', fixture: 'duplicate-post-page', expected: { errors: [{ code: 'DuplicateUrl', file: posts('dup-about.md'), line: 4, message: /about\.md/ }] } },
  { name: 'duplicate URL differing only in case (Hello.md, hello.md)', fixture: 'duplicate-case-only', expected: { errors: [{ code: 'DuplicateUrl', file: posts('hello.md'), line: 1, message: /Hello\.md/ }] } },
  { name: 'two tags on one URL after slugging (C# and C)', fixture: 'duplicate-tag-slug', expected: { errors: [{ code: 'DuplicateUrl', file: posts('tag-csharp.md'), line: 4, message: /"C#"/ }] } },
  { name: 'a post on the feed’s file', fixture: 'duplicate-feed-file', expected: { errors: [{ code: 'DuplicateUrl', file: posts('feed-clash.md'), line: 4 }] } },
  // Templates.
  {
    name: 'a template that includes a missing partial',
    fixture: 'template-missing-partial',
    expected: { errors: [{ code: 'TemplateError', file: path.join('templates', 'post.liquid'), line: 3, message: /does-not-exist/ }] },
  },
  {
    name: 'a template whose layout is missing',
    fixture: 'template-missing-layout',
    expected: { errors: [{ code: 'TemplateError', file: path.join('templates', 'page.liquid'), line: 1, message: /no-such-layout/ }] },
  },
  { name: 'a template with a syntax error (an output never closed)', fixture: 'template-syntax', expected: { errors: [{ code: 'TemplateError', file: path.join('templates', 'home.liquid'), line: 4 }] } },
  // Folders.
  {
    name: 'a missing content folder',
    generate: (site) => rmSync(path.join(site, 'content'), { recursive: true }),
    expected: { errors: [{ code: 'ContentDirMissing' }] },
  },
  // Accepted, and must come out right.
  {
    name: 'slugs with ../, /, \\ and 300 characters stay inside the output folder',
    fixture: 'slug-hostile',
    expected: {
      pages: ['posts/quire-escaped/index.html', 'posts/tmp-quire-escaped/index.html', 'posts/c-quire-escaped-win/index.html', `posts/${'l'.repeat(180)}/index.html`],
    },
  },
  { name: 'an absolute permalink is a path on the site', fixture: 'permalink-absolute', expected: { pages: ['etc/quire-escaped/index.html'] } },
  {
    name: 'tags with ../, /, \\ and 300 characters; C++ and C stay apart',
    fixture: 'tags-hostile',
    expected: {
      pages: ['tags/quire-escaped/index.html', 'tags/tmp-quire-escaped/index.html', 'tags/c-quire-escaped/index.html', `tags/${'t'.repeat(180)}/index.html`, 'tags/c++/index.html', 'tags/c/index.html'],
      check: (dist) => {
        const cpp = parseHtmlStrict(read(dist, 'tags/c++/index.html')).tree;
        expect(elementsOf(cpp).filter((e) => e.tagName === 'h1').map(textOf).join()).toContain('C++');
      },
    },
  },
  {
    name: 'title, description and tag with <script>, quotes, ]]>, </title>, -->, &amp;',
    fixture: 'text-hostile',
    expected: {
      pages: ['posts/text-hostile/index.html'],
      check: (dist) => {
        const { tree } = parseHtmlStrict(read(dist, 'posts/text-hostile/index.html'));
        const all = elementsOf(tree);
        expect(all.filter((e) => e.tagName === 'h1').map(textOf)).toContain(HOSTILE);
        expect(all.filter((e) => e.tagName === 'meta' && attribute(e, 'name') === 'description').map((e) => attribute(e, 'content'))).toEqual([HOSTILE]);
        expect(all.filter((e) => e.tagName === 'code').map(textOf)).toContain(HOSTILE);
        // Only the theme's scripts: its files, its one inline line, and JSON-LD that gives the title back as data.
        const scripts = all.filter((e) => e.tagName === 'script');
        const jsonLd = scripts.filter((e) => attribute(e, 'type') === 'application/ld+json');
        expect(jsonLd.map((e) => (JSON.parse(textOf(e)) as { headline?: string }).headline)).toEqual([HOSTILE]);
        for (const script of scripts.filter((e) => !jsonLd.includes(e))) {
          const src = attribute(script, 'src');
          if (src !== undefined) expect(src).toMatch(/^\/assets\/[a-z]+\.js$/);
          else expect(textOf(script)).toMatch(/^document\.documentElement\.classList\.add\('js'\);/);
        }
        const rss = parseXmlStrict(read(dist, 'feed.xml'));
        expect(xmlChildren(rss, 'item').map((item) => xmlChildren(item, 'title')[0]!.textContent)).toContain(HOSTILE);
        const json = JSON.parse(read(dist, 'feed.json')) as { items: Array<{ title: string; tags: string[] }> };
        expect(json.items.find((i) => i.title === HOSTILE)?.tags).toEqual([HOSTILE]);
      },
    },
  },
  {
    name: 'UTF-8 BOM and CRLF line ends',
    fixture: 'bom-crlf',
    expected: {
      pages: ['posts/bom-crlf/index.html', 'tags/windows/index.html'],
      check: (dist) => {
        const html = read(dist, 'posts/bom-crlf/index.html');
        expect(html).not.toContain('\r');
        expect(html).not.toContain('\ufeff');
        expect(html).toContain('<h1 lang="en">BOM and CRLF</h1>');
        // an English site: dates read "2 Jan 2025"
        expect(html).toContain('>2 Jan 2025</time>');
      },
    },
  },
  { name: 'an empty file', fixture: 'empty-file', expected: { pages: ['posts/empty-file/index.html'], check: (dist) => expect(read(dist, 'posts/empty-file/index.html')).toContain('<h1 lang="en">empty-file</h1>') } },
  { name: 'front matter only', fixture: 'front-matter-only', expected: { pages: ['posts/front-matter-only/index.html'] } },
  { name: 'no front matter', fixture: 'no-front-matter', expected: { pages: ['posts/no-front-matter/index.html'], check: (dist) => expect(read(dist, 'posts/no-front-matter/index.html')).toContain('<h1 lang="en">Just a heading</h1>') } },
  {
    name: 'a symlink loop in content/',
    generate: (site) => {
      mkdirSync(path.join(site, 'content/posts/looped'));
      writeFileSync(path.join(site, 'content/posts/looped/inside.md'), '---\ntitle: Inside\ndate: 2025-01-02\n---\nInside the loop.\n');
      symlinkSync('..', path.join(site, 'content/posts/looped/again'));
    },
    expected: { pages: ['posts/inside/index.html'], warnings: [{ code: 'ReadError', file: posts('looped/again') }] },
  },
  {
    // Root reads a chmod-000 file (CAP_DAC_OVERRIDE), so as root the post is built; another user
    // gets ReadError. The CLI test below runs the build as `nobody` to see the real EACCES.
    name: 'an unreadable file (chmod 000)',
    generate: (site) => {
      writeFileSync(path.join(site, 'content/posts/secret.md'), '---\ntitle: Secret\ndate: 2025-01-02\n---\nx\n');
      chmodSync(path.join(site, 'content/posts/secret.md'), 0o000);
    },
    expected: isRoot ? { pages: ['posts/secret/index.html'] } : { errors: [{ code: 'ReadError', file: posts('secret.md') }] },
  },
  {
    name: 'a 5 MB post',
    generate: (site) => writeFileSync(path.join(site, 'content/posts/five-mb.md'), bigPost(5 * 1024 * 1024)),
    timeout: 300_000,
    expected: {
      pages: ['posts/five-mb/index.html'],
      check: (dist) => {
        const html = read(dist, 'posts/five-mb/index.html');
        expect(html.length).toBeGreaterThan(5 * 1024 * 1024);
        expect(html).toContain('id="section-1999"');
        expect(html.trimEnd().endsWith('</html>')).toBe(true);
      },
    },
  },
  {
    name: 'a 100,000-line code block',
    generate: (site) => {
      const lines = Array.from({ length: 100_000 }, (_, i) => `const line${i} = ${i}; // <${i}> ]]> &`);
      writeFileSync(path.join(site, 'content/posts/long-code.md'), `---\ntitle: Long code\ndate: 2025-01-02\n---\n\`\`\`ts\n${lines.join('\n')}\n\`\`\`\n`);
    },
    timeout: 300_000,
    expected: {
      pages: ['posts/long-code/index.html'],
      warnings: [{ code: 'UnknownLanguage', file: posts('long-code.md'), message: /too long to highlight/ }],
      check: (dist) => {
        const { tree } = parseHtmlStrict(read(dist, 'posts/long-code/index.html'));
        const code = elementsOf(tree).find((e) => e.tagName === 'code')!;
        const lines = textOf(code).replace(/\n$/, '').split('\n');
        expect(lines).toHaveLength(100_000);
        expect(lines[99_999]).toBe('const line99999 = 99999; // <99999> ]]> &');
        // the feed carries it too, as well-formed XML
        const item = xmlChildren(parseXmlStrict(read(dist, 'feed.xml')), 'item').find((i) => xmlChildren(i, 'title')[0]!.textContent === 'Long code')!;
        const html = parseHtmlFragmentStrict(xmlChildren(item, 'encoded')[0]!.textContent ?? '');
        expect(html.errors).toEqual([]);
        const feedLines = textOf(elementsOf(html.tree).find((e) => e.tagName === 'code')!).replace(/\n$/, '').split('\n');
        expect(feedLines).toEqual(lines);
      },
    },
  },
];

/**
 * ≈`bytes` of Markdown: headings, English and Chinese prose, inline code, links, a code block now
 * and then. No lists: thousands of top-level lists make micromark's parse superlinear (250 KB of
 * them take 8 s, 500 KB 20 s), which is upstream's, not what this case is about.
 */
function bigPost(bytes: number): string {
  const parts = ['---\ntitle: Five megabytes\ndate: 2025-01-02\n---\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const block =
      (i % 10 === 0 ? `## Section ${i / 10}\n\n` : '') +
      `Paragraph ${i}: the quick brown fox jumps over the lazy dog, 敏捷的棕色狐狸跳过了懒狗。 See \`code ${i}\` and [a link](https://example.org/${i}).\n\n` +
      (i % 100 === 0 ? `\`\`\`js\nconst block${i} = '<${i}>';\n\`\`\`\n\n` : '');
    parts.push(block);
    size += Buffer.byteLength(block);
  }
  return parts.join('');
}

describe('hostile input through the real build', () => {
  let work: string;
  let baseline: string;
  let baselineDist: Record<string, string>;

  beforeAll(async () => {
    work = tempDir('quire-hostile-');
    // A good site, built once: every case starts from a copy of it with its dist/ in place.
    baseline = path.join(work, 'baseline');
    mkdirSync(path.join(baseline, 'content/posts'), { recursive: true });
    mkdirSync(path.join(baseline, 'content/pages'), { recursive: true });
    writeFileSync(path.join(baseline, 'quire.config.json'), configJson({ language: 'en' }));
    writeFileSync(path.join(baseline, 'content/posts/baseline.md'), '---\ntitle: Baseline\ndate: 2024-12-01\ntags: [base]\n---\nThe site before.\n\n```js\nconst a = 1;\n```\n');
    writeFileSync(path.join(baseline, 'content/pages/colophon.md'), '# Colophon\n\nMade with quire.\n');
    await build({ root: baseline, outDir: path.join(baseline, 'dist'), now: NOW });
    baselineDist = hashTree(path.join(baseline, 'dist'));
  });
  afterAll(() => {
    // Let the unreadable or looping files go.
    remove(work);
  });

  it.each(CASES.map((c) => [c.name, c]))('%s', async (_name, testCase) => {
    const wrapper = path.join(work, testCase.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60));
    const site = path.join(wrapper, 'site');
    const dist = path.join(site, 'dist');
    cpSync(baseline, site, { recursive: true });
    if (testCase.fixture) cpSync(path.join(fixtures, testCase.fixture), site, { recursive: true });
    testCase.generate?.(site);
    const outside = snapshot(wrapper, ['site/dist', 'site/.quire-cache']);

    const outcome = await buildOutcome({ root: site, outDir: dist, now: NOW });

    // Nothing outside the output folder, whatever happened.
    expect(snapshot(wrapper, ['site/dist', 'site/.quire-cache'])).toEqual(outside);
    for (const target of escapeTargets(site)) expect(existsSync(target), target).toBe(false);

    const expected = testCase.expected;
    if ('errors' in expected) {
      expect(outcome.ok, 'the build was expected to fail').toBe(false);
      if (outcome.ok) return;
      const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
      expect(errorHeads(errors)).toEqual(expected.errors.map((e) => `${e.code} ${e.file ?? '-'}:${e.line ?? '-'}`));
      expected.errors.forEach((e, i) => {
        if (e.message) expect(errors[i]!.message).toMatch(e.message);
        expect(errors[i]!.hint, `hint of ${errors[i]!.code}`).toBeTruthy();
      });
      // The previous site is untouched, and no staging folder is left beside it.
      expect(hashTree(dist)).toEqual(baselineDist);
      expect(readdirSync(site).filter((n) => n.startsWith('.dist.quire-'))).toEqual([]);
    } else {
      if (!outcome.ok) throw new Error(`the build failed:\n${errorHeads(outcome.diagnostics).join('\n')}`);
      const warnings = outcome.result.diagnostics.filter((d) => d.severity === 'warning');
      expect(warnings.map((d) => `${d.code} ${d.file}`)).toEqual((expected.warnings ?? []).map((e) => `${e.code} ${e.file}`));
      expected.warnings?.forEach((e, i) => {
        if (e.message) expect(warnings[i]!.message).toMatch(e.message);
      });
      const files = listTree(dist);
      for (const page of expected.pages) expect(files).toContain(page);
      expect(files).toContain('posts/baseline/index.html');
      // Every page parses as HTML without a single parse error; every feed as strict XML or JSON.
      for (const file of files) {
        if (file.endsWith('.html')) expect(parseHtmlStrict(read(dist, file)).errors, file).toEqual([]);
        else if (file.endsWith('.xml')) expect(() => parseXmlStrict(read(dist, file)), file).not.toThrow();
        else if (file.endsWith('.json')) expect(() => JSON.parse(read(dist, file)) as unknown, file).not.toThrow();
      }
      expected.check?.(dist);
    }
  }, 300_000);

  it('reports every bad file of one site in one run (all the discover- and load-stage cases at once)', async () => {
    const site = path.join(work, 'all-at-once', 'site');
    cpSync(baseline, site, { recursive: true });
    // Discovery problems (a broken link) are reported with the load stage's.
    const loadStage = CASES.filter((c) => 'errors' in c.expected && c.expected.errors.every((e) => ['FrontMatterSyntax', 'FrontMatterUnterminated', 'FrontMatterInvalid', 'InvalidDate', 'ReadError'].includes(e.code)));
    for (const c of loadStage) {
      if (c.fixture) cpSync(path.join(fixtures, c.fixture), site, { recursive: true });
      c.generate?.(site);
    }
    const outcome = await buildOutcome({ root: site, outDir: path.join(site, 'dist'), now: NOW });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const expected = loadStage.flatMap((c) => ('errors' in c.expected ? c.expected.errors : [])).map((e) => `${e.code} ${e.file ?? '-'}:${e.line ?? '-'}`);
    expect(loadStage.length).toBeGreaterThanOrEqual(10);
    expect(errorHeads(outcome.diagnostics).sort()).toEqual(expected.sort());
    expect(hashTree(path.join(site, 'dist'))).toEqual(baselineDist);
  });

  it('reports every URL clash of one site in one run (the collect-stage cases at once)', async () => {
    const site = path.join(work, 'all-clashes', 'site');
    cpSync(baseline, site, { recursive: true });
    const collectStage = CASES.filter((c) => c.fixture && 'errors' in c.expected && c.expected.errors.every((e) => e.code === 'DuplicateUrl' || e.code === 'UnsafePath'));
    for (const c of collectStage) cpSync(path.join(fixtures, c.fixture!), site, { recursive: true });
    const outcome = await buildOutcome({ root: site, outDir: path.join(site, 'dist'), now: NOW });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const expected = collectStage.flatMap((c) => ('errors' in c.expected ? c.expected.errors : [])).map((e) => `${e.code} ${e.file ?? '-'}:${e.line ?? '-'}`);
    expect(collectStage.length).toBeGreaterThanOrEqual(10);
    expect(errorHeads(outcome.diagnostics).sort()).toEqual(expected.sort());
  });
});

describe('hostile input through the CLI (exit 1, file:line, hint, no stack trace)', () => {
  let work: string;
  beforeAll(() => {
    work = tempDir('quire-hostile-cli-');
  });
  afterAll(() => remove(work));

  const quire = (cwd: string, uid?: number) => {
    const run = spawnSync(process.execPath, [bin, 'build'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', QUIRE_DEBUG: '' },
      ...(uid !== undefined && { uid, gid: uid }),
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const site = (name: string, files: Record<string, string | Buffer>) => {
    const root = path.join(work, name);
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, 'quire.config.json'), configJson({ language: 'en' }));
    for (const [rel, contents] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), contents);
    }
    return root;
  };
  const noStack = (stderr: string) => {
    expect(stderr).not.toMatch(/^\s+at .+(:\d+:\d+\)?|\(native\))$/m);
    expect(stderr).not.toContain('error[Internal]');
  };

  it.each([
    ['yaml-broken', 'error[FrontMatterSyntax] content/posts/yaml-broken.md:4:'],
    ['yaml-alias-bomb', 'error[FrontMatterSyntax] content/posts/yaml-alias-bomb.md:4:'],
    ['template-missing-partial', 'error[TemplateError] templates/post.liquid:3:1:'],
    ['duplicate-tag-slug', 'error[DuplicateUrl] content/posts/tag-csharp.md:4:7:'],
  ])('%s', (fixture, head) => {
    const root = path.join(work, fixture);
    cpSync(path.join(fixtures, fixture), root, { recursive: true });
    writeFileSync(path.join(root, 'quire.config.json'), configJson({ language: 'en' }));
    const run = quire(root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(head);
    expect(run.stderr).toContain('hint:');
    // there was no output folder before: the summary does not claim one was kept
    expect(run.stderr).toContain('; nothing was written\n');
    noStack(run.stderr);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
    // with a previous output folder, the summary says it was kept
    mkdirSync(path.join(root, 'dist'));
    expect(quire(root).stderr).toContain('; the output folder was not changed\n');
  });

  it('a binary file and invalid UTF-8, reported together at their lines', () => {
    const root = site('bytes', {
      'content/posts/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'content/posts/latin1.md': Buffer.concat([Buffer.from('---\ntitle: x\n---\nCaf'), Buffer.from([0xe9, 0x0a])]),
    });
    const run = quire(root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error[ReadError] content/posts/binary.md:1:1:');
    expect(run.stderr).toContain('error[ReadError] content/posts/latin1.md:4:4:');
    expect(run.stderr).toContain('2 errors');
    noStack(run.stderr);
  });

  it('a missing content folder: the path looked in, how to start a site, and no claim about an output folder that is not there', () => {
    const root = site('no-content', {});
    const run = quire(root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error[ContentDirMissing] the content folder content/ does not exist or cannot be read (looked in ${path.join(root, 'content')})`);
    expect(run.stderr).toContain('hint: to start a site in this folder, run `quire init` (or `npx quire-ssg init`), or `npm create quire@latest my-blog` for a new one');
    expect(run.stderr).toContain('build failed: 1 error; nothing was written\n');
    noStack(run.stderr);
  });

  it.runIf(isRoot)('an unreadable file and folder, built as another user (nobody) so that permissions apply', () => {
    const root = site('unreadable', {
      'content/posts/ok.md': '---\ntitle: OK\ndate: 2025-01-02\n---\nx\n',
      'content/posts/secret.md': '---\ntitle: Secret\ndate: 2025-01-02\n---\nx\n',
      'content/posts/locked/inner.md': '---\ntitle: Inner\ndate: 2025-01-02\n---\nx\n',
    });
    const nobody = 65534;
    // The site belongs to nobody (so it can write dist/ and read the rest); the two secrets do not.
    for (const rel of ['', 'quire.config.json', 'content', 'content/posts', 'content/posts/ok.md']) chownSync(path.join(root, rel), nobody, nobody);
    chmodSync(path.join(root, 'content/posts/secret.md'), 0o000);
    chmodSync(path.join(root, 'content/posts/locked'), 0o000);
    for (let dir = path.dirname(root); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      // nobody must be able to reach the site (tmp folders are 0700 by default)
      if (dir.startsWith(work)) chmodSync(dir, 0o755);
    }
    chmodSync(work, 0o755);
    const run = quire(root, nobody);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error[ReadError] content/posts/secret.md');
    expect(run.stderr).toMatch(/EACCES/);
    expect(run.stderr).toContain('error[ReadError] content/posts/locked');
    // the folder found unreadable while discovering and the file that fails to load: one run
    expect(run.stderr).toContain('2 errors');
    noStack(run.stderr);
  });
});
