import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { QuireError, type Diagnostic } from '../../src/diagnostics.js';
import { jsonFeedErrors, parseWithFeedparser } from '../helpers/feed-readers.js';
import { attribute, elementsOf, parseHtmlStrict, parseXmlStrict, textOf } from '../helpers/strict-parsers.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const NOW = new Date('2026-11-23T00:00:00Z');
const post = (fields: string, body = 'Text.') => `---\n${fields}\ndescription: D.\n---\n${body}\n`;

function page(out: string, file: string) {
  return parseHtmlStrict(readFileSync(path.join(out, file), 'utf8')).tree;
}
const links = (tree: Element | ReturnType<typeof page>, selector: (e: Element) => boolean) => elementsOf(tree).filter(selector);
const byClass = (name: string) => (e: Element) => ((e.properties['className'] as string[] | undefined) ?? []).includes(name);

async function buildErrors(root: string, config = configJson()): Promise<readonly Diagnostic[]> {
  writeFiles(root, { 'quire.config.json': config });
  try {
    const result = await build({ root, outDir: path.join(root, 'dist'), now: NOW });
    return result.diagnostics.filter((d) => d.severity === 'warning');
  } catch (error) {
    if (error instanceof QuireError) return error.diagnostics;
    throw error;
  }
}

describe('categories, as Hexo reads them', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/' }),
      'content/posts/go.md': post('title: Go 并发\ndate: 2025-03-01\ncategories: [编程, Go]'),
      'content/posts/rust.md': post('title: Rust & 所有权\ndate: 2025-03-02\ncategories: [[编程, Rust], 随笔]'),
      'content/posts/life.md': post('title: 生活\ndate: 2025-03-03\ncategories: 随笔'),
      'content/posts/none.md': post('title: No category\ndate: 2025-03-04'),
    });
    await build({ root, outDir: out, now: NOW });
  });
  afterAll(() => remove(root));

  it('writes a page per category; a parent lists its subcategories and their posts, once each', () => {
    const parent = page(out, '编程/index.html'.replace(/^/, 'categories/'));
    expect(textOf(elementsOf(parent).find((e) => e.tagName === 'h1')!)).toBe('分类：编程');
    const children = links(parent, (e) => e.tagName === 'a' && String(attribute(e, 'href')).startsWith('/blog/categories/%E7%BC%96%E7%A8%8B/') && attribute(e, 'href') !== '/blog/categories/%E7%BC%96%E7%A8%8B/');
    expect(children.map((a) => [textOf(a), attribute(a, 'href')])).toEqual(
      expect.arrayContaining([
        ['Go', '/blog/categories/%E7%BC%96%E7%A8%8B/go/'],
        ['Rust', '/blog/categories/%E7%BC%96%E7%A8%8B/rust/'],
      ]),
    );
    const titles = readFileSync(path.join(out, 'categories/编程/index.html'), 'utf8');
    expect(titles).toContain('Go 并发');
    expect(titles).toContain('Rust &amp; 所有权');
    expect(titles).not.toContain('No category');
    const go = readFileSync(path.join(out, 'categories/编程/go/index.html'), 'utf8');
    expect(go).toContain('Go 并发');
    expect(go).not.toContain('Rust &amp; 所有权');
    // A breadcrumb back up.
    expect(links(page(out, 'categories/编程/go/index.html'), byClass('breadcrumb')).length).toBe(1);
  });

  it('lists the tree on /categories/ and links each post to its categories', () => {
    const index = page(out, 'categories/index.html');
    const tree = links(index, byClass('category-tree'))[0]!;
    expect(links(tree, (e) => e.tagName === 'a').map(textOf)).toEqual(['编程', 'Go', 'Rust', '随笔']);
    const rust = links(page(out, 'posts/rust/index.html'), byClass('category'));
    expect(rust.map((a) => [textOf(a), attribute(a, 'href')])).toEqual([
      ['编程 / Rust', '/blog/categories/%E7%BC%96%E7%A8%8B/rust/'],
      ['随笔', '/blog/categories/%E9%9A%8F%E7%AC%94/'],
    ]);
  });

  it('gives each category feeds that readers parse, and puts the category paths in every feed item', () => {
    const files = ['feed.xml', 'atom.xml'].map((f) => path.join(out, 'categories', '编程', f));
    for (const result of parseWithFeedparser(files)) {
      expect(result.bozo, result.bozoException ?? '').toBe(0);
      expect(result.feed.title).toBe('分类：编程 · Fixture');
      expect(result.entries.map((e) => e.title)).toEqual(['Rust & 所有权', 'Go 并发']);
    }
    const json = JSON.parse(readFileSync(path.join(out, 'categories', '编程', 'feed.json'), 'utf8')) as { items: Array<{ title: string; tags?: string[] }> };
    expect(jsonFeedErrors(json)).toEqual([]);
    // RSS 2.0: a forward-slash path in the taxonomy named by `domain`; Atom: term + scheme.
    const rss = parseXmlStrict(readFileSync(path.join(out, 'feed.xml'), 'utf8'));
    const rssCategories = Array.from(rss.getElementsByTagName('category')).map((c) => [c.textContent, c.getAttribute('domain')]);
    expect(rssCategories).toEqual(expect.arrayContaining([['编程/Rust', 'https://example.org/blog/categories/'], ['随笔', 'https://example.org/blog/categories/'], ['编程/Go', 'https://example.org/blog/categories/']]));
    const atom = parseXmlStrict(readFileSync(path.join(out, 'atom.xml'), 'utf8'));
    const atomCategories = Array.from(atom.getElementsByTagName('category')).map((c) => [c.getAttribute('term'), c.getAttribute('scheme')]);
    expect(atomCategories).toContainEqual(['编程/Go', 'https://example.org/blog/categories/']);
    const site = parseWithFeedparser([path.join(out, 'feed.xml')])[0]!;
    expect(site.entries.find((e) => e.title === 'Rust & 所有权')!.tags).toEqual(['编程/Rust', '随笔']);
  });

  it('reads each name of a list as its own category with categories.nested: false (Jekyll)', async () => {
    const dir = path.join(root, 'flat');
    writeFiles(dir, { 'content/posts/a.md': post('title: A\ndate: 2025-01-01\ncategories: [编程, Go]') });
    expect(await buildErrors(dir, configJson({ categories: { nested: false } }))).toEqual([]);
    expect(existsSync(path.join(dir, 'dist', 'categories', 'go', 'index.html'))).toBe(true);
    expect(existsSync(path.join(dir, 'dist', 'categories', '编程', 'go'))).toBe(false);
  });

  it('merges names that differ in case, and reports two names on one URL at the categories line', async () => {
    const dir = path.join(root, 'clash');
    writeFiles(dir, {
      'content/posts/a.md': post('title: A\ndate: 2025-01-01\ncategories: [Go]'),
      'content/posts/b.md': post('title: B\ndate: 2025-01-02\ncategories: [go]'),
      'content/posts/c.md': post('title: C\ndate: 2025-01-03\ncategories: [C#]'),
      'content/posts/d.md': post('title: D\ndate: 2025-01-04\ncategories: [C]'),
    });
    const problems = await buildErrors(dir);
    expect(problems.map((d) => [d.code, d.file, d.line])).toEqual([['DuplicateUrl', path.join('content', 'posts', 'c.md'), 4]]);
    expect(problems[0]!.message).toContain('"C#" and "C"');
  });
});

describe('series', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({ language: 'en' }),
      // Written out of order: `order` first, then the date.
      'content/posts/three.md': post('title: Part three\ndate: 2025-01-01\nseries: Building a blog'),
      'content/posts/one.md': post('title: Part one\ndate: 2025-02-01\nseries: { name: Building a blog, order: 1 }'),
      'content/posts/two.md': post('title: Part two\ndate: 2025-03-01\nseries: { name: Building a blog, order: 2 }'),
      'content/posts/alone.md': post('title: Alone\ndate: 2025-03-02'),
    });
    await build({ root, outDir: out, now: NOW });
  });
  afterAll(() => remove(root));

  it('shows on each part which part it is, and every part in order, the current one marked', () => {
    const box = links(page(out, 'posts/two/index.html'), byClass('series-box'))[0]!;
    expect(textOf(box)).toContain('Series: Building a blog · Part 2 of 3');
    const items = links(box, (e) => e.tagName === 'li');
    expect(items.map(textOf)).toEqual(['Part one', 'Part two', 'Part three']);
    const current = links(box, (e) => attribute(e, 'ariaCurrent') === 'page');
    expect(current.map(textOf)).toEqual(['Part two']);
    expect(links(box, (e) => e.tagName === 'a').map((a) => attribute(a, 'href'))).toEqual(['/series/building-a-blog/', '/posts/one/', '/posts/three/']);
    expect(links(page(out, 'posts/alone/index.html'), byClass('series-box'))).toEqual([]);
  });

  it('writes a series page listing the parts in reading order', () => {
    const list = links(page(out, 'series/building-a-blog/index.html'), byClass('series-list'))[0]!;
    expect(links(list, (e) => e.tagName === 'a').map(textOf)).toEqual(['Part one', 'Part two', 'Part three']);
  });

  it('warns about two parts with one order, at the second part’s series field', async () => {
    const dir = path.join(root, 'twice');
    writeFiles(dir, {
      'content/posts/a.md': post('title: A\ndate: 2025-01-01\nseries: { name: S, order: 1 }'),
      'content/posts/b.md': post('title: B\ndate: 2025-01-02\nseries: { name: S, order: 1 }'),
    });
    const problems = await buildErrors(dir);
    expect(problems.map((d) => [d.code, d.severity, d.file, d.line])).toEqual([['SeriesOrder', 'warning', path.join('content', 'posts', 'b.md'), 4]]);
    expect(problems[0]!.message).toContain('both part 1 of the series "S"');
  });
});
