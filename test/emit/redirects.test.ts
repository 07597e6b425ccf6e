import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { checkSite } from '../../src/check/check-site.js';
import { QuireError, type Diagnostic } from '../../src/diagnostics.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const NOW = new Date('2026-11-23T00:00:00Z');

/** The elements of a built page, parsed by a real HTML parser. */
function elements(html: string): Element[] {
  const found: Element[] = [];
  visit(fromHtml(html), 'element', (node: Element) => void found.push(node));
  return found;
}

async function buildErrors(root: string): Promise<Diagnostic[]> {
  try {
    await build({ root, outDir: path.join(root, 'dist'), now: NOW });
  } catch (error) {
    if (error instanceof QuireError) return error.diagnostics.filter((d) => d.severity === 'error');
    throw error;
  }
  throw new Error('the build succeeded');
}

describe('aliases: redirect pages and _redirects', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/' }),
      'content/posts/new-name.md': [
        '---',
        'title: 新的名字 & more',
        'date: 2025-03-01',
        'aliases:',
        '  - /2019/05/old-name/', // without the base path
        '  - /blog/old-name.html', // with it, and as a file
        '  - https://example.org/blog/旧的/', // a full URL of the site itself
        'redirect_from: /p/42/',
        'description: Moved twice.',
        '---',
        'Body.',
      ].join('\n'),
      'content/pages/about.md': '---\ntitle: About\ndescription: Me.\naliases: [/me/]\n---\nAbout.\n',
    });
    await build({ root, outDir: out, now: NOW });
  });
  afterAll(() => remove(root));

  it('writes a page at each old path that sends the reader to the new URL and is not indexed', () => {
    const target = 'https://example.org/blog/posts/new-name/';
    for (const file of ['2019/05/old-name/index.html', 'old-name.html', '旧的/index.html', 'p/42/index.html']) {
      const html = readFileSync(path.join(out, file), 'utf8');
      const all = elements(html);
      const meta = (name: string, attribute: 'name' | 'httpEquiv') => all.find((e) => e.tagName === 'meta' && String(e.properties[attribute]).toLowerCase() === name)?.properties['content'];
      expect(meta('refresh', 'httpEquiv'), file).toBe(`0; url=${target}`);
      expect(meta('robots', 'name'), file).toBe('noindex');
      expect(all.find((e) => e.tagName === 'link' && (e.properties['rel'] as string[]).includes('canonical'))?.properties['href'], file).toBe(target);
      const link = all.find((e) => e.tagName === 'a')!;
      expect(link.properties['href']).toBe('/blog/posts/new-name/');
      // A browser asks for /favicon.ico when a page names no icon (a 404 on a site under a base path),
      // and a real icon's request is cut off by the refresh: the page names an empty one.
      const icon = all.find((e) => e.tagName === 'link' && (e.properties['rel'] as string[]).includes('icon'));
      expect(icon?.properties['href'], file).toBe('data:,');
      // The title is escaped in the page and shown as written.
      expect(html).toContain('新的名字 &amp; more');
      expect(html).not.toContain('新的名字 & more');
    }
    expect(existsSync(path.join(out, 'me/index.html'))).toBe(true);
  });

  it('lists the same moves in _redirects, under the base path and percent-encoded', () => {
    const lines = readFileSync(path.join(out, '_redirects'), 'utf8').trimEnd().split('\n').sort();
    expect(lines).toEqual(
      [
        '/blog/2019/05/old-name/ /blog/posts/new-name/ 301',
        '/blog/old-name.html /blog/posts/new-name/ 301',
        '/blog/%E6%97%A7%E7%9A%84/ /blog/posts/new-name/ 301',
        '/blog/p/42/ /blog/posts/new-name/ 301',
        '/blog/me/ /blog/about/ 301',
      ].sort(),
    );
  });

  it('leaves the old paths out of the sitemap', () => {
    const sitemap = readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://example.org/blog/posts/new-name/</loc>');
    expect(sitemap).not.toContain('old-name');
    expect(sitemap).not.toContain('/me/');
  });

  it('passes quire check: every redirect page links to a page that exists', async () => {
    const report = await checkSite({ root, drafts: false, future: false, external: undefined });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('aliases: problems', () => {
  let root: string;
  beforeAll(() => (root = tempDir()));
  afterAll(() => remove(root));

  it('reports an alias on a real page, another site, the page itself and a .. path at the aliases line, all in one run', async () => {
    const dir = path.join(root, 'clash');
    writeFiles(dir, {
      'quire.config.json': configJson(),
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\nA\n',
      'content/posts/b.md': [
        '---',
        'title: B',
        'date: 2025-01-02',
        'aliases:',
        '  - /posts/a/',
        '  - https://other.example/x/',
        '  - /posts/b/',
        '  - /x/../../etc/',
        '---',
        'B',
      ].join('\n'),
    });
    const errors = await buildErrors(dir);
    const shown = path.join('content', 'posts', 'b.md');
    // Each at the line of its own item.
    expect(errors.map((d) => [d.code, d.file, d.line])).toEqual([
      ['UnsafePath', shown, 6],
      ['UnsafePath', shown, 7],
      ['UnsafePath', shown, 8],
      ['DuplicateUrl', shown, 5],
    ]);
    expect(errors[0]!.message).toContain('"https://other.example/x/"');
    expect(errors[1]!.message).toMatch(/"\/posts\/b\/".*the URL of the page itself/);
    expect(errors[2]!.message).toMatch(/"\/x\/\.\.\/\.\.\/etc\/".*`\.` or `\.\.` segment/);
    // Both owners are named.
    expect(errors[3]!.message).toContain(path.join('content', 'posts', 'a.md'));
    expect(errors[3]!.message).toContain(`the alias /posts/a/ of ${shown}`);
  });

  it('reports two pages that claim one old path', async () => {
    const dir = path.join(root, 'twice');
    writeFiles(dir, {
      'quire.config.json': configJson(),
      'content/pages/one.md': '---\ntitle: One\naliases: [/old/]\n---\n',
      'content/pages/two.md': '---\ntitle: Two\naliases: [/old/]\n---\n',
    });
    const errors = await buildErrors(dir);
    expect(errors.map((d) => d.code)).toEqual(['DuplicateUrl']);
    expect(errors[0]!.message).toContain(path.join('content', 'pages', 'one.md'));
    expect(errors[0]!.message).toContain(path.join('content', 'pages', 'two.md'));
    expect(errors[0]!.message).toContain('old/index.html');
  });

  it('keeps a _redirects of public/ instead of writing one', async () => {
    const dir = path.join(root, 'own');
    writeFiles(dir, {
      'quire.config.json': configJson(),
      'content/pages/one.md': '---\ntitle: One\naliases: [/old/]\n---\n',
      'public/_redirects': '/from /one/ 302\n',
    });
    await build({ root: dir, outDir: path.join(dir, 'dist'), now: NOW });
    expect(readFileSync(path.join(dir, 'dist', '_redirects'), 'utf8')).toBe('/from /one/ 302\n');
    expect(existsSync(path.join(dir, 'dist', 'old', 'index.html'))).toBe(true);
  });
});
