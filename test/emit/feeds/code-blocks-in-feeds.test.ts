import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import { selectAll } from 'hast-util-select';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { parseLikeFluentReader, parseWithFeedparser } from '../../helpers/feed-readers.js';
import { remove, tempDir } from '../../helpers/site-fixture.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
/** Sample sources that are not published (a draft and a post dated 2099). */
const UNPUBLISHED = new Set(['posts/draft-idea.md', 'posts/from-the-future.md']);

/**
 * The code of every fence of the published sample content, as remark-parse reads it, with the
 * `[!code …]` notation comments taken out the way the README documents it (written here
 * independently of quire's own implementation).
 */
function expectedBlocks(): string[] {
  const parser = unified().use(remarkParse).use(remarkGfm);
  const content = path.join(repo, 'content');
  const blocks: string[] = [];
  for (const rel of readdirSync(content, { recursive: true }).map(String).sort()) {
    if (!rel.endsWith('.md') || UNPUBLISHED.has(rel.split(path.sep).join('/'))) continue;
    const text = readFileSync(path.join(content, rel), 'utf8').replace(/^(---|\+\+\+)[\s\S]*?\n\1\n/, '');
    visit(parser.parse(text), 'code', (node) => {
      const lines = node.value.split('\n').flatMap((line) => {
        const m = /\s*(\/\/|#)\s*\[!code [^\]]+\]\s*$/.exec(line);
        if (!m) return [line];
        const rest = line.slice(0, m.index);
        return rest.trim() === '' ? [] : [rest];
      });
      blocks.push(lines.join('\n'));
    });
  }
  return blocks.sort();
}

function preTexts(html: string): string[] {
  return selectAll('pre', fromHtml(html, { fragment: true })).map((pre) => hastToString(pre));
}

describe('code blocks as feed readers extract them', () => {
  let tmp: string;
  let out: string;
  let expected: string[];
  beforeAll(async () => {
    tmp = tempDir();
    out = path.join(tmp, 'site');
    await build({ root: repo, outDir: out, baseUrl: 'https://example.org/blog/', now: new Date('2026-11-23T00:00:00Z'), cache: false });
    expected = expectedBlocks();
  });
  afterAll(() => remove(tmp));

  it('has the sample site’s blocks to compare', () => {
    expect(expected.length).toBeGreaterThan(15);
    expect(expected.some((b) => b.includes('\t'))).toBe(true);
  });

  it('rss-parser, configured as Fluent Reader, gets every block of /feed.xml byte for byte', async () => {
    const feed = await parseLikeFluentReader(readFileSync(path.join(out, 'feed.xml'), 'utf8'));
    const actual = feed.items.flatMap((item) => preTexts(item.content)).sort();
    expect(actual).toEqual(expected);
  });

  it('Python feedparser gets every block of /feed.xml and /atom.xml byte for byte, with no gutter or button', () => {
    for (const result of parseWithFeedparser([path.join(out, 'feed.xml'), path.join(out, 'atom.xml')])) {
      expect(result.bozo, result.file).toBe(0);
      const html = result.entries.map((e) => e.content ?? e.summary ?? '').join('\n');
      expect(selectAll('pre', fromHtml(html, { fragment: true })).map((p) => hastToString(p)).sort(), result.file).toEqual(expected);
      expect(html).not.toMatch(/<button|class="line-numbers|--shiki|<figure(?! class="figure")/);
    }
  });

  it('JSON Feed content_html holds the same blocks', () => {
    const feed = JSON.parse(readFileSync(path.join(out, 'feed.json'), 'utf8')) as { items: Array<{ content_html?: string }> };
    expect(feed.items.flatMap((item) => preTexts(item.content_html ?? '')).sort()).toEqual(expected);
  });
});
