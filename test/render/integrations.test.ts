import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import { select, selectAll } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { QuireError } from '../../src/diagnostics.js';
import { vnuErrors } from '../helpers/nu-checker.js';
import { configJson, listTree, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const CONTENT = {
  'content/posts/hello.md': '---\ntitle: Hello\ndate: 2025-12-01\ntags: [go]\n---\nA post.\n',
  'content/posts/quiet.md': '---\ntitle: Quiet\ndate: 2025-12-02\ncomments: false\n---\nNo comments here.\n',
  'content/pages/about.md': '---\ntitle: About\n---\nAbout me.\n',
  'content/pages/guestbook.md': '---\ntitle: Guestbook\ncomments: true\n---\nSay hello.\n',
  'content/weekly/0001.md': '---\ntitle: One\ndate: 2025-12-07 20:00\n---\nIntro.\n',
};
const NOW = new Date('2026-01-13T00:00:00Z');
const GISCUS = { provider: 'giscus', repo: 'someone/blog', repoId: 'R_kgDOabc', category: 'Q&A "quoted" <b>', categoryId: 'DIC_kwDOabc' };
const UMAMI = { src: 'https://umami.example.org/script.js?a=1&b=2', websiteId: '94db1cb1-74f4-4a40-ad6c-962362670409' };

async function buildSite(config: Record<string, unknown>): Promise<{ root: string; page: (rel: string) => ReturnType<typeof fromHtml>; html: (rel: string) => string }> {
  const root = tempDir();
  writeFiles(root, { 'quire.config.json': configJson(config), ...CONTENT });
  await build({ root, outDir: path.join(root, 'dist'), now: NOW });
  const html = (rel: string) => readFileSync(path.join(root, 'dist', rel), 'utf8');
  return { root, html, page: (rel) => fromHtml(html(rel)) };
}

const scriptSrcs = (tree: ReturnType<typeof fromHtml>) => selectAll('script[src]', tree).map((s) => String(s.properties['src']));

describe('giscus comments and Umami analytics switched on', () => {
  let site: Awaited<ReturnType<typeof buildSite>>;
  beforeAll(async () => {
    site = await buildSite({ comments: GISCUS, analytics: { umami: UMAMI } });
  });
  afterAll(() => remove(site.root));

  it('puts giscus under posts, and under pages and issues only when they ask with `comments: true`', () => {
    const giscusOn = (rel: string) => select('section.comments script[src="https://giscus.app/client.js"]', site.page(rel)) !== undefined;
    expect(giscusOn('posts/hello/index.html')).toBe(true);
    expect(giscusOn('posts/quiet/index.html')).toBe(false);
    expect(giscusOn('guestbook/index.html')).toBe(true);
    expect(giscusOn('about/index.html')).toBe(false);
    expect(giscusOn('weekly/1/index.html')).toBe(false);
    for (const list of ['index.html', 'tags/go/index.html', 'archive/index.html', 'weekly/index.html', 'tags/index.html', '404.html']) {
      expect(site.html(list), list).not.toContain('giscus');
    }
  });

  it('writes the giscus attributes as configured, every value escaped, and follows the dark mode', () => {
    const script = select('section.comments script[src]', site.page('posts/hello/index.html'))!;
    const p = script.properties;
    expect([p['dataRepo'], p['dataRepoId'], p['dataCategory'], p['dataCategoryId'], p['dataMapping'], p['dataTheme'], p['dataLang']]).toEqual([
      'someone/blog',
      'R_kgDOabc',
      'Q&A "quoted" <b>',
      'DIC_kwDOabc',
      'pathname',
      'preferred_color_scheme',
      'zh-CN',
    ]);
    // Read back by an HTML parser as written, and never raw in the file.
    expect(site.html('posts/hello/index.html')).not.toMatch(/"quoted"|<b>/);
    expect(hastToString(select('section.comments h2', site.page('posts/hello/index.html'))!)).toBe('评论');
    // The site's own light/dark switch is passed on to the giscus frame.
    const follow = selectAll('section.comments script:not([src])', site.page('posts/hello/index.html')).map((s) => hastToString(s)).join('');
    expect(follow).toContain("attributeFilter:['data-theme']");
    expect(follow).toContain('"https://giscus.app"');
  });

  it('loads Umami in the head of every page, its attributes escaped', () => {
    for (const rel of listTree(path.join(site.root, 'dist')).filter((f) => f.endsWith('.html'))) {
      const umami = selectAll('head script[data-website-id]', site.page(rel));
      expect(umami.map((s) => [s.properties['src'], s.properties['dataWebsiteId'], s.properties['defer']]), rel).toEqual([[UMAMI.src, UMAMI.websiteId, true]]);
    }
    expect(site.html('index.html')).toContain('src="https://umami.example.org/script.js?a=1&amp;b=2"');
  });

  it('keeps the pages valid HTML (Nu HTML Checker)', async () => {
    const files = ['posts/hello/index.html', 'guestbook/index.html', 'index.html'].map((f) => path.join(site.root, 'dist', f));
    const messages = await vnuErrors(files);
    expect(messages.map((m) => `${m.url}:${m.lastLine}: ${m.message}`)).toEqual([]);
  });
});

describe('without comments or analytics blocks', () => {
  it('loads nothing from another site on any page', async () => {
    const site = await buildSite({});
    try {
      for (const rel of listTree(path.join(site.root, 'dist')).filter((f) => f.endsWith('.html'))) {
        const tree = site.page(rel);
        expect(scriptSrcs(tree).filter((src) => /^(https?:)?\/\//.test(src)), rel).toEqual([]);
        expect(selectAll('link[rel="stylesheet"]', tree).filter((l) => /^(https?:)?\/\//.test(String(l.properties['href']))), rel).toEqual([]);
        expect(select('section.comments', tree), rel).toBeUndefined();
      }
    } finally {
      remove(site.root);
    }
  });
});

describe('the other providers', () => {
  let site: Awaited<ReturnType<typeof buildSite>>;
  const hostile = '</script><script>alert(1)</script>\u2028';
  beforeAll(async () => {
    site = await buildSite({
      language: 'en',
      comments: { provider: 'twikoo', envId: hostile.replace('\u2028', ''), region: 'ap-shanghai' },
      analytics: { plausible: { domain: 'example.org' }, cloudflare: { token: '0123456789abcdef0123456789abcdef' }, google: { id: 'G-ABC123' } },
    });
  });
  afterAll(() => remove(site.root));

  it('writes Twikoo’s options as script-safe JSON that reads back as configured', () => {
    const scripts = selectAll('section.comments script', site.page('posts/hello/index.html')) as Element[];
    expect(scripts.map((s) => s.properties['src'])).toEqual(['https://cdn.jsdelivr.net/npm/twikoo@1.6.44/dist/twikoo.min.js', undefined]);
    const code = hastToString(scripts[1]!);
    expect(code).not.toContain('</script');
    const options = JSON.parse(/^twikoo\.init\((.*)\);$/.exec(code)![1]!) as Record<string, unknown>;
    expect(options).toEqual({ envId: '</script><script>alert(1)</script>', el: '#tcomment', path: '/posts/hello/', lang: 'en', region: 'ap-shanghai' });
    expect(select('#tcomment', site.page('posts/hello/index.html'))).toBeTruthy();
    expect(hastToString(select('section.comments h2', site.page('posts/hello/index.html'))!)).toBe('Comments');
  });

  it('writes Plausible, Cloudflare and Google Analytics in the head of every page', () => {
    const head = site.page('archive/index.html');
    expect(scriptSrcs(head)).toEqual(
      expect.arrayContaining(['https://plausible.io/js/script.js', 'https://static.cloudflareinsights.com/beacon.min.js', 'https://www.googletagmanager.com/gtag/js?id=G-ABC123']),
    );
    expect(select('script[data-domain]', head)?.properties['dataDomain']).toBe('example.org');
    expect(JSON.parse(String(select('script[data-cf-beacon]', head)?.properties['dataCfBeacon']))).toEqual({ token: '0123456789abcdef0123456789abcdef' });
    expect(selectAll('script:not([src])', head).map((s) => hastToString(s)).join('')).toContain(`gtag('config',"G-ABC123")`);
  });

  it('loads Waline with its stylesheet and options', async () => {
    const waline = await buildSite({ comments: { provider: 'waline', serverURL: 'https://comments.example.org/', dark: 'html[data-theme="dark"]' } });
    try {
      const tree = waline.page('posts/hello/index.html');
      expect(select('section.comments link[rel="stylesheet"]', tree)?.properties['href']).toBe('https://unpkg.com/@waline/client@v3/dist/waline.css');
      const code = hastToString(select('section.comments script[type="module"]', tree)!);
      const options = JSON.parse(/init\((.*)\);$/.exec(code)![1]!) as Record<string, unknown>;
      expect(options).toEqual({ el: '#waline', serverURL: 'https://comments.example.org/', path: '/posts/hello/', lang: 'zh-CN', dark: 'html[data-theme="dark"]' });
      expect(waline.html('index.html')).not.toContain('waline');
    } finally {
      remove(waline.root);
    }
  });
});

describe('config validation', () => {
  const failure = async (config: Record<string, unknown>) => {
    const root = tempDir();
    try {
      writeFiles(root, { 'quire.config.json': configJson(config), ...CONTENT });
      await build({ root, outDir: path.join(root, 'dist'), now: NOW });
      return undefined;
    } catch (error) {
      return error instanceof QuireError ? error.diagnostics.map((d) => `${d.code} ${d.message}`) : [String(error)];
    } finally {
      remove(root);
    }
  };

  it('names the key of a missing or malformed field', async () => {
    const { repoId: _, ...noRepoId } = GISCUS;
    expect(await failure({ comments: noRepoId })).toEqual([expect.stringMatching(/^ConfigInvalid config `comments\.repoId`: /)]);
    expect(await failure({ analytics: { umami: { src: 'http://umami.example.org/s.js', websiteId: 'nope' } } })).toEqual([
      expect.stringMatching(/^ConfigInvalid config `analytics\.umami\.src`: expected an https:\/\/ URL/),
      expect.stringMatching(/^ConfigInvalid config `analytics\.umami\.websiteId`: /),
    ]);
    expect(await failure({ comments: { provider: 'disqus' } })).toEqual([expect.stringMatching(/^ConfigInvalid config `comments(\.provider)?`: .*giscus, waline, twikoo/)]);
    expect(await failure({ analytics: { google: { id: 'UA-1' } } })).toEqual([expect.stringMatching(/^ConfigInvalid config `analytics\.google\.id`: expected a measurement id/)]);
  });
});
