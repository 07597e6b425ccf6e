import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { configJson, remove, tempDir, writeFiles } from '../../helpers/site-fixture.js';

const item = (n: number) => `### [工具 ${n}](https://example.com/tool-${n})\n\n第 ${n} 个工具的评论，写得很长，${'说明它为什么好用。'.repeat(3)}\n`;

describe('the summary of a weekly issue (feeds, the weekly index)', () => {
  let root: string;
  let out: string;
  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/', weekly: { sections: ['工具'] }, feed: { content: 'summary' } }),
      'content/weekly/0001.md': `---\ntitle: 远程办公\ndate: 2025-11-16 20:00\n---\n本期导语，讲远程办公。\n\n## 工具\n\n${Array.from({ length: 10 }, (_, i) => item(i + 1)).join('\n')}`,
      'content/weekly/0002.md': `---\ntitle: 短的一期\ndate: 2025-11-23 20:00\n---\n## 工具\n\n${item(1)}\n${item(2)}`,
    });
    await build({ root, outDir: out, cache: false, now: new Date('2026-01-01T00:00:00Z') });
  });
  afterAll(() => remove(root));

  it('is the introduction, then the titles of the items, each linking to it on the page, the rest counted', () => {
    const feed = JSON.parse(readFileSync(path.join(out, 'feed.json'), 'utf8')) as { items: Array<{ url: string; summary?: string; content_html: string }> };
    const first = feed.items.find((i) => i.url.endsWith('/weekly/1/'))!;
    expect(first.summary).toBe('本期导语，讲远程办公。本期：工具 1、工具 2、工具 3、工具 4、工具 5、工具 6、工具 7、工具 8 等 10 条');
    const excerpt = fromHtml(first.content_html, { fragment: true });
    expect(selectAll('a[href*="#"]', excerpt).map((a) => [toString(a), a.properties['href']])).toEqual(
      Array.from({ length: 8 }, (_, i) => [`工具 ${i + 1}`, `https://example.org/blog/weekly/1/#${encodeURIComponent(`工具-${i + 1}`)}`]),
    );
    expect(toString(excerpt)).not.toContain('评论');
    const page = fromHtml(readFileSync(path.join(out, 'weekly/1/index.html'), 'utf8'));
    for (let n = 1; n <= 8; n++) expect(select(`[id="工具-${n}"]`, page), `item ${n} has the id the summary links to`).toBeTruthy();
  });

  it('is the titles alone for an issue without an introduction, and shows on the weekly index', () => {
    const index = fromHtml(readFileSync(path.join(out, 'weekly/index.html'), 'utf8'));
    expect(toString(select('.weekly-latest', index)!)).toContain('本期：工具 1、工具 2');
  });
});
