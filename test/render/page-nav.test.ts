import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { checkSite } from '../../src/check/check-site.js';
import { QuireError, type Diagnostic } from '../../src/diagnostics.js';
import { jsonFeedErrors, parseWithFeedparser, parseWithFeedsmith } from '../helpers/feed-readers.js';
import { vnuErrors } from '../helpers/nu-checker.js';
import { configJson, listTree, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const page = (fm: string, body = 'Text.') => `---\n${fm}\n---\n\n${body}\n`;

/** The links of a nav as [text, aria-current] pairs. */
function links(nav: Element | Root | undefined): Array<[string, string | undefined]> {
  if (!nav) return [];
  return selectAll('a', nav).map((a) => [toString(a), a.properties['ariaCurrent'] === undefined ? undefined : String(a.properties['ariaCurrent'])]);
}

async function buildErrors(root: string): Promise<Diagnostic[]> {
  try {
    await build({ root, outDir: path.join(root, 'dist'), now: NOW });
  } catch (error) {
    if (error instanceof QuireError) return [...error.diagnostics];
    throw error;
  }
  throw new Error('the build was expected to fail');
}

describe('page tree navigation in built pages', () => {
  let root: string;
  let out: string;
  let diagnostics: readonly Diagnostic[];
  const doc = (rel: string): Root => fromHtml(readFileSync(path.join(out, rel), 'utf8'));
  const topNav = (rel: string) => select('header.site-header nav', doc(rel));
  const sideNav = (rel: string) => select('nav.side-nav', doc(rel)) ?? undefined;
  const prevNext = (rel: string) => {
    const nav = select('nav.page-nav', doc(rel));
    const target = (rel: string) => {
      const a = nav && select(`a[rel="${rel}"]`, nav);
      return a ? [String(a.properties['href']), toString(a).replace(/^(Previous|Next)/, '')] : undefined;
    };
    return { prev: target('prev'), next: target('next') };
  };

  beforeAll(async () => {
    root = tempDir('quire-page-nav-');
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({ language: 'en' }),
      'content/posts/2025-05-01-hello.md': page('title: Hello\ntags: [news]\ndescription: A post.'),
      'content/pages/index.md': page('title: Welcome\ndescription: The home page.'),
      'content/pages/about.md': page('title: About\nmenu: false\ndescription: About.'),
      'content/pages/colophon.md': page('title: Colophon\ndescription: How it is made.'),
      'content/pages/guide/index.md': page('title: Guide\nweight: 1\ndescription: The guide.', '![Diagram](diagram.png)'),
      'content/pages/guide/diagram.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      'content/pages/guide/install.md': page('title: Install\nweight: 1\ndescription: Install.'),
      'content/pages/guide/configure.md': page('title: Configure\nweight: 2\ndescription: Configure.'),
      'content/pages/guide/advanced/index.md': page('title: Advanced\nweight: 3\ndescription: Advanced.'),
      'content/pages/guide/advanced/cache.md': page('title: Cache\ndescription: Cache.'),
      'content/pages/guide/faq.md': page('title: FAQ\nsidebar: false\ndescription: FAQ.'),
      'content/pages/ref/index.md': page('title: Reference\ndescription: Reference.'),
      'content/pages/ref/cli.md': page('title: CLI\ndescription: CLI.'),
    });
    ({ diagnostics } = await build({ root, outDir: out, now: NOW }));
  });
  afterAll(() => remove(root));

  it('builds without a problem', () => {
    expect(diagnostics).toEqual([]);
  });

  it('makes pages/index.md the home page; the posts stay in the archive', () => {
    const home = doc('index.html');
    expect(toString(select('main h1', home)!)).toBe('Welcome');
    expect(select('.post-list, .post-summary', home)).toBeUndefined();
    expect(existsSync(path.join(out, 'pages/index.html'))).toBe(false);
    expect(existsSync(path.join(out, 'page/2/index.html'))).toBe(false);
    expect(links(select('main', doc('archive/index.html'))!).map(([text]) => text)).toContain('Hello');
  });

  it('lists the built-in entries, then the top-level pages and folders by weight and title, without menu: false or the home page', () => {
    expect(links(topNav('colophon/index.html'))).toEqual([
      ['Archive', undefined],
      ['Tags', undefined],
      ['Guide', undefined],
      ['Colophon', 'page'],
      ['Reference', undefined],
      ['Search', undefined],
    ]);
  });

  it('marks the folder a page is in as current in the top nav, and the page itself in the side navigation', () => {
    expect(links(topNav('guide/advanced/cache/index.html')).find(([text]) => text === 'Guide')).toEqual(['Guide', 'true']);
    expect(links(topNav('guide/index.html')).find(([text]) => text === 'Guide')).toEqual(['Guide', 'page']);
    expect(links(topNav('tags/news/index.html')).find(([text]) => text === 'Tags')).toEqual(['Tags', 'true']);
    expect(links(topNav('tags/index.html')).find(([text]) => text === 'Tags')).toEqual(['Tags', 'page']);
  });

  it('shows the whole tree of the top-level folder, nested and in order, in a labelled nav landmark', () => {
    const nav = sideNav('guide/advanced/cache/index.html')!;
    expect(nav.properties['ariaLabel']).toBe('Pages in this section');
    expect(toString(select('summary', nav)!)).toBe('Guide');
    expect(links(nav)).toEqual([
      ['Guide', undefined],
      ['Install', undefined],
      ['Configure', undefined],
      ['Advanced', undefined],
      ['Cache', 'page'],
      ['FAQ', undefined],
    ]);
    // Cache is inside Advanced's list.
    const advanced = selectAll('li', nav).find((li) => toString(select('a', li)!) === 'Advanced')!;
    expect(links(select('ul', advanced)!)).toEqual([['Cache', 'page']]);
    expect(selectAll('a', nav).map((a) => a.properties['href'])).toContain('/guide/advanced/cache/');
    // The folder Reference has its own tree.
    expect(links(sideNav('ref/cli/index.html'))).toEqual([
      ['Reference', undefined],
      ['CLI', 'page'],
    ]);
  });

  it('gives no side navigation to lone pages, nor to a page with sidebar: false', () => {
    expect(sideNav('about/index.html')).toBeUndefined();
    expect(sideNav('colophon/index.html')).toBeUndefined();
    expect(sideNav('index.html')).toBeUndefined();
    expect(sideNav('guide/faq/index.html')).toBeUndefined();
    expect(sideNav('posts/hello/index.html')).toBeUndefined();
  });

  it('links each page to the previous and next page depth first, within its top-level folder only', () => {
    expect(prevNext('guide/index.html')).toEqual({ prev: undefined, next: ['/guide/install/', 'Install'] });
    expect(prevNext('guide/configure/index.html')).toEqual({ prev: ['/guide/install/', 'Install'], next: ['/guide/advanced/', 'Advanced'] });
    expect(prevNext('guide/advanced/cache/index.html')).toEqual({ prev: ['/guide/advanced/', 'Advanced'], next: ['/guide/faq/', 'FAQ'] });
    // The last page of Guide does not lead into Reference, even with its side navigation off.
    expect(prevNext('guide/faq/index.html')).toEqual({ prev: ['/guide/advanced/cache/', 'Cache'], next: undefined });
    expect(prevNext('ref/index.html')).toEqual({ prev: undefined, next: ['/ref/cli/', 'CLI'] });
    expect(select('nav.page-nav', doc('colophon/index.html'))).toBeUndefined();
    expect(select('nav.page-nav', doc('about/index.html'))).toBeUndefined();
  });

  it('writes valid HTML (Nu HTML Checker) on pages with a side navigation, prev/next and a current nav entry', async () => {
    const pages = listTree(out).filter((f) => f.endsWith('.html') && (f.startsWith('guide/') || f.startsWith('ref/') || f === 'index.html' || f === 'colophon/index.html'));
    expect(pages.length).toBe(10);
    const messages = await vnuErrors(pages.map((f) => path.join(out, f)));
    expect(messages.map((m) => `${m.url ?? '?'}:${m.lastLine ?? '?'}: ${m.message}`)).toEqual([]);
  }, 120_000);

  it('publishes the other Markdown files of a folder with an index.md as pages, its other files as the index page’s bundle', () => {
    expect(existsSync(path.join(out, 'guide/diagram.png'))).toBe(true);
    expect(existsSync(path.join(out, 'guide/install.md'))).toBe(false);
    expect(existsSync(path.join(out, 'guide/install/index.html'))).toBe(true);
    expect(select('main img', doc('guide/index.html'))!.properties['src']).toBe('/guide/diagram.png');
  });
});

describe('a documentation site: pages only, no posts', () => {
  let root: string;
  let out: string;
  const doc = (rel: string): Root => fromHtml(readFileSync(path.join(out, rel), 'utf8'));

  beforeAll(() => {
    root = tempDir('quire-docs-site-');
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({
        language: 'en',
        url: 'https://example.org/docs/',
        description: 'Documentation.',
        nav: { menu: ['pages', 'archive', 'tags', { title: 'Source <b> & "q"', url: 'https://git.example.com/q?a=1&b="2"' }, { title: 'Guide again', url: '/guide/' }, 'search'] },
      }),
      'content/pages/index.md': page('title: Start\ndescription: Start here.', 'Read the [guide](guide/index.md).'),
      'content/pages/guide/index.md': page('title: Guide\ndescription: The guide.'),
      'content/pages/guide/step.md': page('title: Step\ndescription: A step.'),
      'content/pages/guide/tricky.md': page("title: '<script>alert(1)</script> & \"x\"'\ndescription: Escaped."),
    });
  });
  afterAll(() => remove(root));

  it('builds and checks with no warning at all', async () => {
    const result = await build({ root, outDir: out, now: NOW });
    expect(result.diagnostics).toEqual([]);
    expect(result.posts).toBe(0);
    const report = await checkSite({ root, drafts: false, future: false, external: undefined });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('writes the site feeds empty but valid', () => {
    const [rss, atom] = parseWithFeedparser([path.join(out, 'feed.xml'), path.join(out, 'atom.xml')]);
    expect([rss!.bozo, rss!.entries.length, atom!.bozo, atom!.entries.length]).toEqual([0, 0, 0, 0]);
    const json = JSON.parse(readFileSync(path.join(out, 'feed.json'), 'utf8')) as { items: unknown[] };
    expect(jsonFeedErrors(json)).toEqual([]);
    expect(json.items).toEqual([]);
    expect(() => parseWithFeedsmith(readFileSync(path.join(out, 'atom.xml'), 'utf8'))).not.toThrow();
  });

  it('orders the top nav as nav.menu says, leaving out entries with nothing behind them', () => {
    const nav = select('header.site-header nav', doc('guide/step/index.html'))!;
    expect(selectAll('a', nav).map((a) => [toString(a), a.properties['href'], a.properties['ariaCurrent']])).toEqual([
      ['Guide', '/docs/guide/', 'true'],
      ['Source <b> & "q"', 'https://git.example.com/q?a=1&b="2"', undefined],
      ['Guide again', '/docs/guide/', undefined],
      ['Search', '/docs/search/', undefined],
    ]);
    expect(toString(select('main h1', doc('index.html'))!)).toBe('Start');
  });

  it('escapes the titles of nav entries and pages in the header, the side navigation and prev/next', () => {
    const step = doc('guide/step/index.html');
    expect(selectAll('header b, nav.page-nav script', step)).toEqual([]);
    // The one script of the side navigation is its own (closing it on narrow screens).
    expect(selectAll('nav.side-nav script', step).map((e) => toString(e))).toEqual([expect.stringContaining('matchMedia')]);
    expect(toString(select('nav.side-nav a[href="/docs/guide/tricky/"]', step)!)).toBe('<script>alert(1)</script> & "x"');
    const neighbour = selectAll('nav.page-nav a', step).find((a) => a.properties['href'] === '/docs/guide/tricky/')!;
    expect(toString(neighbour)).toMatch(/^(Previous|Next)<script>alert\(1\)<\/script> & "x"$/);
  });
});

describe('a page with permalink: / on a blog', () => {
  it('replaces the list of posts as the home page; the archive and the feed still list every post', async () => {
    const root = tempDir('quire-page-home-');
    try {
      writeFiles(root, {
        'quire.config.json': configJson({ language: 'en', paginate: 1 }),
        'content/posts/2025-05-01-one.md': page('title: One\ndescription: First.'),
        'content/posts/2025-05-02-two.md': page('title: Two\ndescription: Second.'),
        'content/pages/start.md': page('title: Start here\npermalink: /\ndescription: Start.'),
      });
      const out = path.join(root, 'dist');
      expect((await build({ root, outDir: out, now: NOW })).diagnostics).toEqual([]);
      const home = fromHtml(readFileSync(path.join(out, 'index.html'), 'utf8'));
      expect(toString(select('main h1', home)!)).toBe('Start here');
      expect(select('.post-summary', home)).toBeUndefined();
      expect(existsSync(path.join(out, 'page/2/index.html'))).toBe(false);
      expect(existsSync(path.join(out, 'start/index.html'))).toBe(false);
      const archive = fromHtml(readFileSync(path.join(out, 'archive/index.html'), 'utf8'));
      expect(links(select('main', archive)!).map(([text]) => text)).toEqual(expect.arrayContaining(['One', 'Two']));
      expect(parseWithFeedparser([path.join(out, 'feed.xml')])[0]!.entries.map((e) => e.title)).toEqual(['Two', 'One']);
      // Not listed in the header: the site title is its link.
      expect(links(select('header.site-header nav', home)!).map(([text]) => text)).toEqual(['Archive', 'Search']);
    } finally {
      remove(root);
    }
  });
});

describe('navigation settings that are wrong', () => {
  let root: string;
  afterAll(() => remove(root));

  it('reports weight, menu and sidebar of a page of the wrong type at their line and column, every file in one run', async () => {
    root = tempDir('quire-nav-errors-');
    writeFiles(root, {
      'quire.config.json': configJson({ language: 'en' }),
      'content/pages/a.md': '---\ntitle: A\nweight: 1.5\n---\n\nA\n',
      'content/pages/b.md': '---\ntitle: B\nmenu: "no"\nsidebar: 0\n---\n\nB\n',
      'content/pages/c.md': '---\ntitle: C\nweight: first\n---\n\nC\n',
      // On a post these fields mean nothing to quire: Hugo's and Jekyll themes' shapes of them are kept for templates.
      'content/posts/hugo.md': '---\ntitle: Hugo\ndate: 2025-01-01\nweight: 1.5\nmenu: main\nsidebar:\n  nav: docs\n---\n\nH\n',
    });
    const errors = await buildErrors(root);
    const shown = errors.map((d) => [d.code, d.file, d.line, d.column, d.message.replace(/:.*/, '')]);
    expect(shown).toEqual([
      ['FrontMatterInvalid', path.join('content', 'pages', 'a.md'), 3, 9, 'front-matter field `weight`'],
      ['FrontMatterInvalid', path.join('content', 'pages', 'b.md'), 3, 7, 'front-matter field `menu`'],
      ['FrontMatterInvalid', path.join('content', 'pages', 'b.md'), 4, 10, 'front-matter field `sidebar`'],
      ['FrontMatterInvalid', path.join('content', 'pages', 'c.md'), 3, 9, 'front-matter field `weight`'],
    ]);
    expect(errors[0]!.message).toContain('expected a whole number');
    expect(errors[0]!.hint).toContain('weight: 10');
    expect(errors[1]!.message).toContain('expected true or false');
  });

  it('reports an unknown nav entry in the config with a did-you-mean, at its line', async () => {
    const dir = tempDir('quire-nav-config-');
    try {
      writeFiles(dir, {
        'quire.config.yaml': 'title: T\nnav:\n  menu:\n    - pages\n    - serch\n    - title: Bad\n      url: "javascript:alert(1)"\n    - archives\n',
        'content/pages/a.md': page('title: A'),
      });
      const errors = await buildErrors(dir);
      expect(errors.map((d) => [d.code, d.file, d.line])).toEqual([
        ['ConfigInvalid', 'quire.config.yaml', 5],
        ['ConfigInvalid', 'quire.config.yaml', 7],
        ['ConfigInvalid', 'quire.config.yaml', 8],
      ]);
      expect(errors[0]!.message).toContain('"serch" is not a nav entry: did you mean "search"?');
      expect(errors[1]!.message).toBe('config `nav.menu.2.url`: expected an https:// or http:// URL, or a path on this site starting with /');
      expect(errors[2]!.message).toContain('did you mean "archive"?');
    } finally {
      remove(dir);
    }
  });
});
