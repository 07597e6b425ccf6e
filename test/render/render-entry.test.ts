import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
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
      'content/posts/ko.md': '---\ntitle: 한국어\nlang: ko\ndate: 2025-01-04\n---\n\n안녕하세요 여러분, 오늘은 러스트 이야기를 합니다.\n\n두 번째 문단.\n',
      'content/posts/spaced.md': '---\ntitle: 名单\ndate: 2025-01-05\n---\n\n参会者：张三 李四 王五。日文 テスト 単語\n',
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

  it('keeps the spaces an author wrote, and every space in Korean', () => {
    const described = (rel: string) => String(select('meta[name="description"]', fromHtml(readFileSync(path.join(root, 'dist', rel), 'utf8')))!.properties['content']);
    expect(described('posts/ko/index.html')).toBe('안녕하세요 여러분, 오늘은 러스트 이야기를 합니다. 두 번째 문단.');
    expect(described('posts/spaced/index.html')).toBe('参会者：张三 李四 王五。日文 テスト 単語');
  });

  it('joins Chinese paragraphs and list items with no space, and keeps one before Latin text', () => {
    const html = readFileSync(path.join(root, 'dist/posts/zh/index.html'), 'utf8');
    const described = selectAll('meta[name="description"]', fromHtml(html)).map((m) => String(m.properties['content']));
    expect(described).toEqual(['这是第一段，讲为什么。第二段接着说 Markdown 的规范。列表一项 Latin item']);
  });
});
