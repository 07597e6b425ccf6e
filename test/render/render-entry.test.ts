import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

describe('the plain-text description of an entry (meta description, feeds, search)', () => {
  let root: string;
  beforeAll(async () => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/' }),
      'content/posts/zh.md': '---\ntitle: 中文\ndate: 2025-01-03\n---\n\n这是第一段，讲为什么。\n\n第二段接着说 Markdown 的规范。\n\n- 列表一项\n- Latin item\n',
      'content/posts/two.md': '---\ntitle: Two paragraphs\ndate: 2025-01-02\n---\n\nThis is the list of what is left, and why.\n\nNothing on that list is exciting.\n\n- one item\n- two items\n',
    });
    await build({ root, outDir: path.join(root, 'dist'), cache: false });
  });
  afterAll(() => remove(root));

  it('keeps paragraphs and list items apart by a space', () => {
    const html = readFileSync(path.join(root, 'dist/posts/two/index.html'), 'utf8');
    const described = selectAll('meta[name="description"]', fromHtml(html)).map((m) => String(m.properties['content']));
    expect(described).toEqual(['This is the list of what is left, and why. Nothing on that list is exciting. one item two items']);
  });

  it('joins Chinese paragraphs and list items with no space, and keeps one before Latin text', () => {
    const html = readFileSync(path.join(root, 'dist/posts/zh/index.html'), 'utf8');
    const described = selectAll('meta[name="description"]', fromHtml(html)).map((m) => String(m.properties['content']));
    expect(described).toEqual(['这是第一段，讲为什么。第二段接着说 Markdown 的规范。列表一项 Latin item']);
  });
});
