import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectSite } from '../../src/collect/collect-site.js';
import { createCollectMemo } from '../../src/collect/place-entry.js';
import { resolveConfig, type BuildFlags, type ResolvedConfig } from '../../src/config/resolve-config.js';
import { userConfigSchema } from '../../src/config/schema.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { loadEntry } from '../../src/load/load-entry.js';
import type { Entry, EntryKind } from '../../src/types.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'quire-collect-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const NOW = new Date('2026-01-01T00:00:00Z');
// remark-parse + remark-gfm, what the build's parseMarkdown is; cheaper to import than the full processor.
const processor = unified().use(remarkParse).use(remarkGfm);

function config(user: Record<string, unknown> = {}, flags: BuildFlags = {}): ResolvedConfig {
  return resolveConfig({ root, file: undefined, config: userConfigSchema.parse({ timezone: 'Asia/Shanghai', ...user }) }, { now: NOW, ...flags });
}

function entry(rel: string, text: string, assets: string[] = []): Entry {
  const kind: EntryKind = rel.startsWith('pages/') ? 'page' : rel.startsWith('weekly/') ? 'weekly' : rel.startsWith('notes/') ? 'note' : 'post';
  const result = loadEntry(
    { kind, path: path.join(root, 'content', ...rel.split('/')), rel, assets },
    new TextEncoder().encode(text),
    { timezone: 'Asia/Shanghai', displayRoot: root, parseMarkdown: (md) => processor.parse(md) },
  );
  if (!result.entry) throw new Error(`fixture ${rel} did not load: ${JSON.stringify(result.diagnostics)}`);
  return result.entry;
}

function collect(entries: Entry[], cfg: ResolvedConfig = config()) {
  return collectSite({ entries, publicFiles: [], themeFiles: [] }, cfg);
}

const shown = (rel: string) => path.join('content', ...rel.split('/'));
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code);

describe('collectSite: what is published', () => {
  const posts = () => [
    entry('posts/old.md', '---\ntitle: Old\ndate: 2025-01-01\n---\n'),
    entry('posts/draft.md', '---\ntitle: Draft\ndate: 2025-06-01\ndraft: true\n---\n'),
    entry('posts/future.md', '---\ntitle: Future\ndate: 2026-06-01\n---\n'),
    entry('posts/new.md', '---\ntitle: New\ndate: 2025-07-09 06:48:00\n---\n'),
  ];

  it('leaves out drafts and future posts by default, and records why', () => {
    const { site, diagnostics } = collect(posts());
    expect(diagnostics).toEqual([]);
    expect(site.posts).toEqual(['posts/new.md', 'posts/old.md']);
    expect(site.unpublished).toEqual({ 'posts/draft.md': 'draft', 'posts/future.md': 'future' });
    expect(Object.keys(site.entries).sort()).toEqual(['posts/new.md', 'posts/old.md']);
  });

  it('includes drafts with the drafts flag only', () => {
    const { site } = collect(posts(), config({}, { drafts: true }));
    expect(site.posts).toEqual(['posts/new.md', 'posts/draft.md', 'posts/old.md']);
    expect(site.unpublished).toEqual({ 'posts/future.md': 'future' });
  });

  it('includes future posts with the future flag only', () => {
    const { site } = collect(posts(), config({}, { future: true }));
    expect(site.posts).toEqual(['posts/future.md', 'posts/new.md', 'posts/old.md']);
    expect(site.unpublished).toEqual({ 'posts/draft.md': 'draft' });
  });

  it('includes both with both flags, newest first', () => {
    const { site } = collect(posts(), config({}, { drafts: true, future: true }));
    expect(site.posts).toEqual(['posts/future.md', 'posts/new.md', 'posts/draft.md', 'posts/old.md']);
    expect(site.unpublished).toEqual({});
  });

  it('measures "future" against the pinned now, to the millisecond', () => {
    // 2026-01-01 08:00 in Shanghai is exactly NOW; one minute later is in the future.
    const atNow = entry('posts/at-now.md', '---\ndate: 2026-01-01 08:00\n---\n');
    const later = entry('posts/later.md', '---\ndate: 2026-01-01 08:01\n---\n');
    const { site } = collect([atNow, later]);
    expect(site.posts).toEqual(['posts/at-now.md']);
    expect(site.unpublished).toEqual({ 'posts/later.md': 'future' });
  });

  it('publishes a future-dated page', () => {
    const { site } = collect([entry('pages/soon.md', '---\ndate: 2027-01-01\n---\n')]);
    expect(site.pages).toEqual(['pages/soon.md']);
  });

  it('sorts posts newest first, undated last, ties by title', () => {
    const { site } = collect([
      entry('posts/undated.md', '---\ntitle: Undated\n---\n'),
      entry('posts/b.md', '---\ntitle: Bravo\ndate: 2025-03-01\n---\n'),
      entry('posts/a.md', '---\ntitle: Alpha\ndate: 2025-03-01\n---\n'),
      entry('posts/newest.md', '---\ntitle: Newest\ndate: 2025-12-31 23:59\n---\n'),
    ]);
    expect(site.posts).toEqual(['posts/newest.md', 'posts/a.md', 'posts/b.md', 'posts/undated.md']);
  });

  it('places weekly issues at /weekly/<n>/ with their notes inside, and keeps notes out of the placed entries', () => {
    const { site } = collect([
      entry('weekly/0001.md', '---\ntitle: W1\nissue: 1\ndate: 2025-11-09 20:00\n---\nIntro.\n'),
      entry('notes/fzf.md', '---\ntitle: fzf\ndate: 2025-11-06 21:30\nlink: https://github.com/junegunn/fzf\nsection: 工具\ntags: [工具]\n---\nFast.\n'),
    ]);
    expect(Object.keys(site.entries)).toEqual(['weekly/0001.md']);
    expect(site.entries['weekly/0001.md']).toMatchObject({ url: '/weekly/1/', outputPath: 'weekly/1/index.html' });
    expect(site.weeklyIssues.map((i) => [i.number, i.itemCount])).toEqual([[1, 1]]);
    expect(site.notes['notes/fzf.md']).toMatchObject({ issueUrl: '/weekly/1/', anchor: 'note-fzf' });
    expect(site.tags.find((t) => t.name === '工具')?.notes).toEqual(['notes/fzf.md']);
    expect(site.routes.filter((r) => r.type.startsWith('weekly')).map((r) => r.url)).toEqual(['/weekly/1/', '/weekly/']);
  });
});

describe('collectSite: URLs', () => {
  it('places posts under /posts/:slug/ and pages at their path', () => {
    const { site, diagnostics } = collect([
      entry('posts/远程办公三年.md', '---\ndate: 2025-01-01\n---\n'),
      entry('pages/about.md', '---\ntitle: About\n---\n'),
      entry('pages/docs/setup.md', '---\ntitle: Setup\n---\n'),
      entry('pages/guide/index.md', '---\ntitle: Guide\n---\n'),
    ]);
    expect(diagnostics).toEqual([]);
    const placed = Object.fromEntries(Object.entries(site.entries).map(([k, p]) => [k, [p.url, p.outputPath]]));
    expect(placed).toEqual({
      'posts/远程办公三年.md': ['/posts/远程办公三年/', 'posts/远程办公三年/index.html'],
      'pages/about.md': ['/about/', 'about/index.html'],
      'pages/docs/setup.md': ['/docs/setup/', 'docs/setup/index.html'],
      'pages/guide/index.md': ['/guide/', 'guide/index.html'],
    });
  });

  it('uses the date in the site zone for /:year/:month/:day/:slug/', () => {
    // 06:48 in Shanghai on July 9 is still July 8 in UTC and in the machine zone (Los Angeles).
    const post = entry('posts/a.md', '---\ntitle: A\ndate: 2025-07-09 06:48:00\n---\n');
    const { site, diagnostics } = collect([post], config({ permalink: '/:year/:month/:day/:slug/' }));
    expect(diagnostics).toEqual([]);
    expect(site.entries['posts/a.md']).toMatchObject({ url: '/2025/07/09/a/', outputPath: '2025/07/09/a/index.html' });
  });

  it('reports a post without a date under a dated permalink', () => {
    const { site, diagnostics } = collect([entry('posts/a.md', 'No date')], config({ permalink: '/:year/:slug/' }));
    expect(codes(diagnostics)).toEqual(['UnsafePath']);
    expect(diagnostics[0]!.file).toBe(shown('posts/a.md'));
    expect(site.entries).toEqual({});
  });

  it('honours a front-matter permalink', () => {
    const { site } = collect([entry('posts/a.md', '---\ndate: 2025-01-01\npermalink: /custom/place/\n---\n')]);
    expect(site.entries['posts/a.md']).toMatchObject({ url: '/custom/place/', outputPath: 'custom/place/index.html' });
  });

  it('refuses a permalink that climbs out of the site, at its line', () => {
    const { site, diagnostics } = collect([entry('posts/evil.md', '---\ntitle: Evil\npermalink: /../../etc/passwd\n---\n')]);
    expect(codes(diagnostics)).toEqual(['UnsafePath']);
    expect(diagnostics[0]).toMatchObject({ file: shown('posts/evil.md'), line: 3 });
    expect(site.entries).toEqual({});
    expect(site.routes.some((r) => r.outputPath.includes('..') || r.outputPath.includes('passwd'))).toBe(false);
  });

  it('points at the permalink line, not an earlier slug line', () => {
    const { diagnostics } = collect([entry('posts/evil.md', '---\ntitle: Evil\nslug: evil\npermalink: /a/../../b/\n---\n')]);
    expect(codes(diagnostics)).toEqual(['UnsafePath']);
    expect(diagnostics[0]).toMatchObject({ file: shown('posts/evil.md'), line: 4 });
  });

  it('refuses an absolute URL as a permalink on a page', () => {
    const { diagnostics } = collect([entry('pages/x.md', '---\npermalink: https://evil.example/\n---\n')]);
    expect(codes(diagnostics)).toEqual(['UnsafePath']);
  });

  it('refuses a URL with a scheme as a post permalink, at its line (not /file:/tmp/x inside the site)', () => {
    const { site, diagnostics } = collect([entry('posts/a.md', '---\ndate: 2025-01-01\npermalink: "file:///tmp/x"\n---\n')]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['UnsafePath', 3]]);
    expect(Object.keys(site.entries)).toEqual([]);
  });

  it('never produces an output path outside the output folder', () => {
    const { site } = collect([
      entry('posts/a.md', '---\ndate: 2025-01-01\npermalink: /../a/\n---\n'),
      entry('posts/b.md', '---\ndate: 2025-01-01\npermalink: "/%2e%2e/b/"\n---\n'),
      entry('posts/c.md', '---\ndate: 2025-01-01\npermalink: "/x/..\\\\..\\\\c/"\n---\n'),
      entry('pages/d.md', '---\npermalink: //evil.example/d/\n---\n'),
    ]);
    for (const route of site.routes) {
      expect(path.posix.normalize(route.outputPath).startsWith('..')).toBe(false);
      expect(route.outputPath).not.toContain('\\');
      expect(path.isAbsolute(route.outputPath)).toBe(false);
    }
    expect(site.entries).toEqual({});
  });
});

describe('collectSite: duplicates', () => {
  it('reports two posts with the same slug, naming both files', () => {
    const { site, diagnostics } = collect([
      entry('posts/hello.md', '---\ndate: 2025-01-01\n---\n'),
      entry('posts/2024-05-05-hello.md', '---\ntitle: Hello again\n---\n'),
    ]);
    expect(codes(diagnostics)).toEqual(['DuplicateUrl']);
    const d = diagnostics[0]!;
    expect(d.message).toContain(shown('posts/hello.md'));
    expect(d.message).toContain(shown('posts/2024-05-05-hello.md'));
    expect(d.message).toContain('posts/hello/index.html');
    expect(Object.keys(site.entries)).toEqual(['posts/hello.md']);
  });

  it('reports a page and a post on the same URL, at the permalink line', () => {
    const { diagnostics } = collect([
      entry('posts/b.md', '---\ndate: 2025-01-01\n---\n'),
      entry('pages/b-page.md', '---\ntitle: B\npermalink: /posts/b/\n---\n'),
    ]);
    expect(codes(diagnostics)).toEqual(['DuplicateUrl']);
    expect(diagnostics[0]!.message).toContain(shown('posts/b.md'));
    expect(diagnostics[0]!.message).toContain(shown('pages/b-page.md'));
    expect(diagnostics[0]).toMatchObject({ file: shown('pages/b-page.md'), line: 3 });
  });

  it('gives posts in folders under posts/ their folders in the URL with a :path permalink, and none by default', () => {
    const sources = () => [entry('posts/go/并发/b.md', '---\ndate: 2025-01-01\n---\n'), entry('posts/a.md', '---\ndate: 2025-01-02\n---\n')];
    const byPath = collect(sources(), config({ permalink: '/:path/:slug/' }));
    expect(byPath.diagnostics).toEqual([]);
    expect(Object.values(byPath.site.entries).map((p) => [p.url, p.outputPath])).toEqual([
      ['/go/并发/b/', 'go/并发/b/index.html'],
      ['/a/', 'a/index.html'],
    ]);
    expect(Object.values(collect(sources()).site.entries).map((p) => p.url)).toEqual(['/posts/b/', '/posts/a/']);
  });

  it('compares output paths case-insensitively', () => {
    const { diagnostics } = collect([
      entry('posts/a.md', '---\ndate: 2025-01-01\npermalink: /Same/\n---\n'),
      entry('posts/b.md', '---\ndate: 2025-01-01\npermalink: /same/\n---\n'),
    ]);
    expect(codes(diagnostics)).toEqual(['DuplicateUrl']);
  });

  it('reports a page that takes a built-in page’s place', () => {
    const { diagnostics } = collect([entry('pages/tags.md', '---\ntitle: My tags\n---\n')]);
    expect(codes(diagnostics)).toEqual(['DuplicateUrl']);
    expect(diagnostics[0]!.message).toContain('tags/index.html');
  });

  it('reports a public file that collides with a page', () => {
    const { diagnostics } = collectSite(
      { entries: [entry('pages/about.md', '---\ntitle: About\n---\n')], publicFiles: ['about/index.html', 'favicon.ico'], themeFiles: [] },
      config(),
    );
    expect(codes(diagnostics)).toEqual(['DuplicateUrl']);
    expect(diagnostics[0]!.message).toContain('public/about/index.html');
  });
});

describe('collectSite: tags', () => {
  it('merges tags that differ only in case, keeping the first spelling seen', () => {
    const { site, diagnostics } = collect([
      entry('posts/a.md', '---\ndate: 2025-01-01\ntags: [Go]\n---\n'),
      entry('posts/b.md', '---\ndate: 2025-02-01\ntags: [go]\n---\n'),
    ]);
    expect(diagnostics).toEqual([]);
    expect(site.tags).toEqual([{ name: 'go', slug: 'go', url: '/tags/go/', posts: ['posts/b.md', 'posts/a.md'], notes: [] }]);
    const tagRoutes = site.routes.filter((r) => r.type === 'tag');
    expect(tagRoutes.map((r) => [r.url, r.outputPath])).toEqual([['/tags/go/', 'tags/go/index.html']]);
  });

  it('reports two different tags that share a slug, naming both', () => {
    // `C#` loses its `#` (it would start a URL fragment) and becomes the slug of `C`.
    const { diagnostics } = collect([
      entry('posts/a.md', '---\ndate: 2025-01-01\ntags: ["C#"]\n---\n'),
      entry('posts/b.md', '---\ndate: 2025-02-01\ntags: [C]\n---\n'),
    ]);
    expect(codes(diagnostics)).toEqual(['DuplicateUrl']);
    const d = diagnostics[0]!;
    expect(d.message).toContain('"C#"');
    expect(d.message).toContain('"C"');
    expect(d.message).toContain('/tags/c/');
    expect(d.file).toBe(shown('posts/a.md'));
    // at the `tags:` value (line 3, column 7), with a code frame
    expect(d).toMatchObject({ line: 3, column: 7 });
    expect(d.frame).toContain('tags: ["C#"]');
  });

  it('points a clash at the `slug:` line that made it, also when that file comes first', () => {
    const { diagnostics } = collect([entry('posts/a.md', '---\ntitle: A\nslug: notes\n---\n'), entry('posts/notes.md', '---\ntitle: B\n---\n')]);
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['DuplicateUrl', shown('posts/a.md'), 3, 7]]);
    expect(diagnostics[0]!.message).toBe(`${shown('posts/a.md')} and ${shown('posts/notes.md')} both produce posts/notes/index.html`);
    expect(diagnostics[0]!.frame).toContain('slug: notes');
  });

  it('points a clash of URLs taken from file names at line 1 of the second file', () => {
    const { diagnostics } = collect([entry('posts/a.md', '---\ntitle: A\n---\n'), entry('posts/2024-01-01-a.md', '---\ntitle: B\n---\n')]);
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['DuplicateUrl', shown('posts/2024-01-01-a.md'), 1, 1]]);
  });

  it('keeps C++ and C apart', () => {
    const { site, diagnostics } = collect([entry('posts/a.md', '---\ndate: 2025-01-01\ntags: [C++, C]\n---\n')]);
    expect(diagnostics).toEqual([]);
    expect(site.tags.map((t) => [t.name, t.url])).toEqual([
      ['C', '/tags/c/'],
      ['C++', '/tags/c++/'],
    ]);
  });

  it('orders tags by number of posts, then name, and lists their posts newest first', () => {
    const { site } = collect([
      entry('posts/a.md', '---\ndate: 2025-01-01\ntags: [工具, rust]\n---\n'),
      entry('posts/b.md', '---\ndate: 2025-03-01\ntags: [工具]\n---\n'),
      entry('posts/c.md', '---\ndate: 2025-02-01\ntags: [go]\n---\n'),
    ]);
    expect(site.tags.map((t) => [t.name, t.posts])).toEqual([
      ['工具', ['posts/b.md', 'posts/a.md']],
      ['go', ['posts/c.md']],
      ['rust', ['posts/a.md']],
    ]);
    expect(site.tags[0]!.url).toBe('/tags/工具/');
  });

  it('ignores tags of unpublished posts', () => {
    const { site } = collect([entry('posts/d.md', '---\ndate: 2025-01-01\ndraft: true\ntags: [secret]\n---\n')]);
    expect(site.tags).toEqual([]);
  });

  it('lists a post once under a tag it names twice, in two spellings', () => {
    const { site, diagnostics } = collect([
      entry('posts/a.md', '---\ndate: 2025-01-01\ntags: [Go, go, rust, Go]\n---\n'),
      entry('posts/b.md', '---\ndate: 2025-02-01\ntags: [go]\n---\n'),
    ]);
    expect(diagnostics).toEqual([]);
    expect(site.tags.map((t) => [t.name, t.posts])).toEqual([
      ['go', ['posts/b.md', 'posts/a.md']],
      ['rust', ['posts/a.md']],
    ]);
  });

  it('reports a tag with no usable characters', () => {
    const { diagnostics } = collect([entry('posts/a.md', '---\ndate: 2025-01-01\ntags: ["???"]\n---\n')]);
    expect(codes(diagnostics)).toEqual(['UnsafePath']);
  });
});

describe('collectSite: routes and copies', () => {
  it('paginates the home page and adds the fixed pages', () => {
    const entries = [1, 2, 3].map((n) => entry(`posts/p${n}.md`, `---\ndate: 2025-01-0${n}\n---\n`));
    const { site } = collect(entries, config({ paginate: 2 }));
    const homes = site.routes.filter((r) => r.type === 'home');
    expect(homes.map((r) => [r.url, r.outputPath])).toEqual([
      ['/', 'index.html'],
      ['/page/2/', 'page/2/index.html'],
    ]);
    const fixed = site.routes.filter((r) => r.type === 'tags' || r.type === 'archive' || r.type === '404').map((r) => r.outputPath);
    expect(fixed).toEqual(['tags/index.html', 'archive/index.html', '404.html']);
  });

  it('copies bundle files beside the page', () => {
    const bundle = entry('posts/trip/index.md', '---\ndate: 2025-01-01\n---\n', ['cover.png', 'img/map.svg']);
    const { site } = collect([bundle]);
    expect(site.copies).toEqual([
      { from: path.join(root, 'content', 'posts', 'trip', 'cover.png'), outputPath: 'posts/trip/cover.png' },
      { from: path.join(root, 'content', 'posts', 'trip', 'img', 'map.svg'), outputPath: 'posts/trip/img/map.svg' },
    ]);
  });

  it('lets public files win over theme files', () => {
    const { site } = collectSite(
      {
        entries: [],
        publicFiles: ['assets/style.css'],
        themeFiles: [
          { from: '/theme/assets/style.css', outputPath: 'assets/style.css' },
          { from: '/theme/assets/app.js', outputPath: 'assets/app.js' },
        ],
      },
      config(),
    );
    expect(site.copies).toEqual([
      { from: path.join(root, 'public', 'assets', 'style.css'), outputPath: 'assets/style.css' },
      { from: '/theme/assets/app.js', outputPath: 'assets/app.js' },
    ]);
  });
});

describe('collectSite with a memo (what quire dev keeps between saves)', () => {
  const input = (entries: Entry[]) => ({ entries, publicFiles: [], themeFiles: [] });
  const site = () => [
    entry('posts/a.md', '---\ntitle: Alpha\ndate: 2025-07-09 06:48:00\ntags: [Go, 工具]\n---\nA.\n'),
    entry('posts/b.md', '---\ntitle: Bravo\ndate: 2025-03-01\ntags: [go]\n---\nB.\n'),
    entry('posts/c.md', '---\ntitle: Charlie\ndate: 2025-02-01\npermalink: /c-place/\n---\nC.\n'),
    entry('posts/trip/index.md', '---\ntitle: Trip\ndate: 2024-12-01\n---\n', ['cover.png']),
    entry('pages/about.md', '---\ntitle: About\n---\n'),
  ];
  // Each edit replaces one entry by a newly loaded one, as quire dev does after a save; then the problems.
  const edits: Array<[what: string, rel: string, text: string, codes: string[]]> = [
    ['title', 'posts/a.md', '---\ntitle: Alpha 2\ndate: 2025-07-09 06:48:00\ntags: [Go, 工具]\n---\nA.\n', []],
    ['date (moves its URL and its place in the lists)', 'posts/a.md', '---\ntitle: Alpha 2\ndate: 2025-01-31 23:30:00\ntags: [Go, 工具]\n---\nA.\n', []],
    ['tags', 'posts/b.md', '---\ntitle: Bravo\ndate: 2025-03-01\ntags: [rust, 工具]\n---\nB.\n', []],
    ['slug', 'posts/b.md', '---\ntitle: Bravo\ndate: 2025-03-01\nslug: bravo\ntags: [rust, 工具]\n---\nB.\n', []],
    ['a permalink that climbs out', 'posts/c.md', '---\ntitle: Charlie\ndate: 2025-02-01\npermalink: /../c/\n---\nC.\n', ['UnsafePath']],
    ['another file read again, unchanged', 'posts/trip/index.md', '---\ntitle: Trip\ndate: 2024-12-01\n---\n', ['UnsafePath']],
    ['a slug that takes another post’s URL', 'posts/b.md', '---\ntitle: Bravo\ndate: 2025-01-02\nslug: a\n---\nB.\n', ['DuplicateUrl', 'UnsafePath']],
    ['a tag on the URL of another', 'posts/trip/index.md', '---\ntitle: Trip\ndate: 2024-12-01\ntags: ["工具#"]\n---\n', ['DuplicateUrl', 'UnsafePath', 'DuplicateUrl']],
    ['a draft', 'posts/a.md', '---\ntitle: Alpha 2\ndate: 2025-01-31 23:30:00\ndraft: true\n---\nA.\n', ['UnsafePath']],
    ['a title on a page', 'pages/about.md', '---\ntitle: About me\n---\n', ['UnsafePath']],
  ];

  it('gives the site and problems of a fresh collect after each edit, taking unchanged entries’ places from the memo', () => {
    const cfg = config({ permalink: '/:year/:month/:slug/' });
    const memo = createCollectMemo(cfg);
    let entries = site();
    let before = collectSite(input(entries), cfg, memo);
    expect(before).toEqual(collect(entries, cfg));
    for (const [what, rel, text, expected] of edits) {
      entries = entries.map((e) => (e.source.rel === rel ? entry(rel, text, [...e.source.assets]) : e));
      const kept = collectSite(input(entries), cfg, memo);
      expect(kept, what).toEqual(collect(entries, cfg));
      expect(codes(kept.diagnostics), what).toEqual(expected);
      // The entries not read again keep their places: the very objects of the collect before.
      for (const [key, placed] of Object.entries(kept.site.entries)) {
        if (key !== rel && before.site.entries[key]) expect(placed, `${what}: ${key}`).toBe(before.site.entries[key]);
      }
      before = kept;
    }
    // Nothing changed: the same site and problems again (a kept problem is reported each time).
    expect(collectSite(input(entries), cfg, memo)).toEqual(before);
  });

  it('ignores a memo made for another config', () => {
    const entries = site();
    const cfg = config({ permalink: '/:year/:month/:slug/' });
    const memo = createCollectMemo(cfg);
    collectSite(input(entries), cfg, memo);
    const other = config({ permalink: '/posts/:slug/' });
    const { site: placed } = collectSite(input(entries), other, memo);
    expect(placed).toEqual(collect(entries, other).site);
    expect(placed.entries['posts/a.md']?.url).toBe('/posts/a/');
  });
});
