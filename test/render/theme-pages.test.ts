import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const POST = `---
title: 长文
date: 2025-03-02 22:40
tags: [go]
---

第一段，有 Go 代码。

## 第一节

\`\`\`go
package main
\`\`\`

| 列 | 值 |
| --- | --- |
| a | 1 |

## 第二节

- [x] 完成
- [ ] 未完成
`;

/** The default theme as built pages show it: toggle, scripts, languages, tables, TOC. */
describe('default theme pages', () => {
  let root: string;
  let out: string;
  const html = (rel: string) => readFileSync(path.join(out, rel), 'utf8');
  const page = (rel: string): Root => fromHtml(html(rel));

  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/' }),
      'content/posts/long.md': POST,
      'content/posts/short.md': '---\ntitle: Short\ndate: 2025-01-01\nlang: en\n---\n\nNo code, no headings.\n',
      'content/pages/cv.md': '---\ntitle: CV\nlang: en\n---\n\n## Work\n\nText.\n',
    });
    await build({ root, outDir: out, now: new Date('2026-01-01T00:00:00Z') });
  });
  afterAll(() => remove(root));

  it('hides the colour-scheme toggle until its script runs, labelled in the site language (also on an English page)', () => {
    const zh = select('button.theme-toggle', page('posts/long/index.html'))!;
    expect(zh.properties['hidden']).toBe(true);
    expect(zh.properties['ariaLabel']).toBe('配色：跟随系统');
    expect([zh.properties['dataAuto'], zh.properties['dataLight'], zh.properties['dataDark']]).toEqual(['跟随系统', '浅色', '深色']);
    const en = select('button.theme-toggle', page('cv/index.html'))!;
    expect(en.properties['ariaLabel']).toBe('配色：跟随系统');
    expect(toString(select('a.skip', page('cv/index.html'))!)).toBe('跳到正文');
    expect(select('h1', page('cv/index.html'))!.properties['lang']).toBe('en');
    expect(select('.content', page('cv/index.html'))!.properties['lang']).toBe('en');
    expect(toString(select('a.skip', page('posts/long/index.html'))!)).toBe('跳到正文');
  });

  it('applies a remembered scheme before the stylesheet loads (no flash), and loads the toggle deferred', () => {
    const head = select('head', page('posts/long/index.html'))!;
    const children = head.children.filter((c): c is Element => c.type === 'element');
    const inline = children.findIndex((c) => c.tagName === 'script' && !c.properties['src'] && c.properties['type'] === undefined);
    const stylesheet = children.findIndex((c) => c.tagName === 'link' && String(c.properties['rel']) === 'stylesheet');
    expect(inline).toBeGreaterThanOrEqual(0);
    expect(inline).toBeLessThan(stylesheet);
    expect(toString(children[inline]!)).toContain("localStorage.getItem('quire-theme')");
    const themeScript = selectAll('script[src]', head).find((s) => String(s.properties['src']).endsWith('/assets/theme.js'));
    expect(themeScript?.properties['defer']).toBe(true);
  });

  it('keeps the JavaScript of a post page small: under 4 KiB, 2 KiB gzipped, with code blocks and a TOC', () => {
    const tree = page('posts/long/index.html');
    const scripts = selectAll('script', tree).filter((s) => s.properties['type'] !== 'application/ld+json');
    const code = scripts.map((s) => (s.properties['src'] ? readFileSync(path.join(out, String(s.properties['src']).replace(/^\/blog\//, '')), 'utf8') : toString(s)));
    expect(scripts.map((s) => s.properties['src'] ?? 'inline')).toEqual(['inline', '/blog/assets/theme.js', '/blog/assets/code.js', '/blog/assets/toc.js']);
    const all = code.join('\n');
    expect(Buffer.byteLength(all)).toBeLessThan(4 * 1024);
    expect(gzipSync(all).length).toBeLessThan(2 * 1024);
    // A page without code blocks does without the copy-button script.
    expect(selectAll('script[src]', page('posts/short/index.html')).map((s) => s.properties['src'])).toEqual(['/blog/assets/theme.js']);
  });

  it('puts each table of a page in a focusable scrolling box, but not in feeds or list excerpts', () => {
    const wrapper = select('.content div.table-scroll', page('posts/long/index.html'));
    expect(wrapper?.properties['tabIndex']).toBe(0);
    expect(select('table', wrapper!)).toBeDefined();
    const item = (JSON.parse(html('feed.json')) as { items: Array<{ title: string; content_html: string }> }).items.find((i) => i.title === '长文')!;
    expect(item.content_html).toContain('<table>');
    for (const feed of ['feed.xml', 'atom.xml', 'feed.json', 'index.html']) expect(html(feed), feed).not.toContain('table-scroll');
  });

  it('marks posts with a table of contents for the side TOC, and shows task lists and reading time', () => {
    const long = page('posts/long/index.html');
    expect(select('article.post', long)?.properties['className']).toEqual(['post', 'has-toc']);
    expect(selectAll('nav.toc li', long).map((li) => toString(select('a', li)!))).toEqual(['第一节', '第二节']);
    expect(selectAll('.content li.task-list-item input[type="checkbox"]', long).map((i) => i.properties['checked'] === true)).toEqual([true, false]);
    expect(toString(select('.reading-time', long)!)).toBe('1 分钟读完');
    expect(select('article.post', page('posts/short/index.html'))?.properties['className']).toEqual(['post']);
  });
});
