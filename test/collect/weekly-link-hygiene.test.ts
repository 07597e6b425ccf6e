import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { sameLinkKey, trackingParamMatcher, withoutTracking } from '../../src/collect/weekly/link-hygiene.js';
import { DEFAULT_TRACKING_PARAMS } from '../../src/config/schema.js';
import { QuireError, type Diagnostic } from '../../src/diagnostics.js';
import { parseWithFeedparser } from '../helpers/feed-readers.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const NOW = new Date('2026-01-13T00:00:00Z');
const tracking = trackingParamMatcher(DEFAULT_TRACKING_PARAMS);
const note = (title: string, date: string, link: string, extra = '') => `---\ntitle: ${title}\ndate: ${date}\nlink: ${link}\nsection: 工具\n${extra}---\n${title} 的评论。\n`;

describe('tracking parameters', () => {
  it('are taken off by the default list, other parameters and the fragment kept in place', () => {
    expect(withoutTracking('https://a.example/x?utm_source=tw&id=3&UTM_Medium=s&spm=a.b#top', tracking)).toBe('https://a.example/x?id=3#top');
    expect(withoutTracking('https://www.bilibili.com/video/BV1x?vd_source=abc&p=2', tracking)).toBe('https://www.bilibili.com/video/BV1x?p=2');
    // Nothing to take off: the very same string, not a re-serialised one.
    expect(withoutTracking('https://a.example/%7Ex?q=a%20b', tracking)).toBe('https://a.example/%7Ex?q=a%20b');
    expect(withoutTracking('mailto:a@b.example?subject=utm_x', tracking)).toBe('mailto:a@b.example?subject=utm_x');
    expect(withoutTracking('https://a.example/?utm_source=x', trackingParamMatcher([]))).toBe('https://a.example/?utm_source=x');
  });

  it('do not make two links different, and neither do scheme, www, a trailing slash or parameter order', () => {
    const key = (url: string) => sameLinkKey(url, tracking);
    expect(key('http://www.Example.com/a/?b=2&a=1&utm_source=x#c')).toBe(key('https://example.com/a?a=1&b=2'));
    expect(key('https://example.com/a')).not.toBe(key('https://example.com/b'));
    expect(key('https://example.com/a?id=1')).not.toBe(key('https://example.com/a?id=2'));
  });
});

describe('link hygiene of a weekly digest', () => {
  let root: string;
  beforeAll(() => (root = tempDir()));
  afterAll(() => remove(root));

  async function problems(dir: string, files: Record<string, string>, weekly: Record<string, unknown> = {}): Promise<readonly Diagnostic[]> {
    writeFiles(dir, { 'quire.config.json': configJson({ weekly }), ...files });
    try {
      return (await build({ root: dir, outDir: path.join(dir, 'dist'), now: NOW })).diagnostics;
    } catch (error) {
      if (error instanceof QuireError) return error.diagnostics;
      throw error;
    }
  }

  it('reports a link twice in one issue at the second place, naming the first — a note at its own file and line', async () => {
    const dir = path.join(root, 'twice');
    const found = await problems(dir, {
      'content/weekly/0051.md': '---\ntitle: 工具\ndate: 2025-12-21 20:00:00\n---\n## 工具\n\n- [mise](https://mise.jdx.dev/?utm_source=x) 好用。\n',
      'content/notes/mise.md': note('mise 又一次', '2025-12-20', 'http://www.mise.jdx.dev'),
    });
    const twice = found.filter((d) => d.code === 'DuplicateLink');
    expect(twice.map((d) => [d.severity, d.file, d.line])).toEqual([['error', path.join('content', 'notes', 'mise.md'), 4]]);
    expect(twice[0]!.message).toContain(`also at ${path.join('content', 'weekly', '0051.md')}:7`);
  });

  it('warns about a link of an earlier issue, naming it, unless the note says repeat: true; config makes it an error or nothing', async () => {
    const files = {
      'content/weekly/0050.md': '---\ntitle: 上一期\ndate: 2025-12-14 20:00:00\n---\n## 工具\n\n### [fzf](https://github.com/junegunn/fzf)\n\n模糊查找。\n',
      'content/notes/fzf.md': note('fzf 再提一次', '2025-12-20', 'https://github.com/junegunn/fzf/'),
      'content/notes/fzf-again.md': note('fzf 第三次', '2025-12-27', 'https://github.com/junegunn/fzf', 'repeat: true\n'),
    };
    const found = (await problems(path.join(root, 'repeat'), files)).filter((d) => d.code === 'RepeatedLink');
    expect(found.map((d) => [d.severity, d.file, d.line, d.column])).toEqual([['warning', path.join('content', 'notes', 'fzf.md'), 4, 7]]);
    expect(found[0]!.message).toContain('already in weekly issue 50 (周报 50 —— 上一期)');
    const strict = (await problems(path.join(root, 'strict'), files, { repeatedLinks: 'error' })).filter((d) => d.code === 'RepeatedLink');
    expect(strict.map((d) => d.severity)).toEqual(['error']);
    expect((await problems(path.join(root, 'quiet'), files, { repeatedLinks: 'ignore' })).filter((d) => d.code === 'RepeatedLink')).toEqual([]);
  });

  it('publishes links without tracking parameters on the page and in the feeds; the source keeps them', async () => {
    const dir = path.join(root, 'strip');
    await problems(dir, {
      'content/weekly/0051.md': '---\ntitle: 工具\ndate: 2025-12-21 20:00:00\n---\n## 工具\n\n- [mise](https://mise.jdx.dev/?utm_source=weekly&lang=zh) 好用，见 [文档](https://mise.jdx.dev/docs?spm=a1.b2)。\n',
      'content/notes/zed.md': note('zed', '2025-12-20', 'https://zed.dev/?from=timeline&fbclid=x1'),
    });
    const page = fromHtml(readFileSync(path.join(dir, 'dist', 'weekly', '51', 'index.html'), 'utf8'));
    const hrefs = selectAll('.content a', page).map((a) => String(a.properties['href']));
    expect(hrefs).toEqual(expect.arrayContaining(['https://mise.jdx.dev/?lang=zh', 'https://mise.jdx.dev/docs', 'https://zed.dev/']));
    expect(hrefs.join(' ')).not.toMatch(/utm_|spm=|from=|fbclid/);
    const [feed] = parseWithFeedparser([path.join(dir, 'dist', 'weekly', 'feed.xml')]);
    expect(feed!.entries[0]!.content).toContain('https://zed.dev/');
    expect(feed!.entries[0]!.content).not.toMatch(/utm_|fbclid/);
    expect(readFileSync(path.join(dir, 'content', 'notes', 'zed.md'), 'utf8')).toContain('from=timeline&fbclid=x1');
  });
});

describe('problems inside a note gathered into an issue', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson(),
      'content/weekly/0051.md': '---\ntitle: 工具\ndate: 2025-12-21 20:00:00\ndescription: D.\n---\n本期。\n\n## 工具\n\n- [mise](https://mise.jdx.dev/) 好用。\n',
      'content/notes/broken.md': [
        '---',
        'title: 坏链接',
        'date: 2025-12-20',
        'link: https://example.com/a',
        'section: 工具',
        '---',
        '评论里有一张图：',
        '',
        '![图](../posts/missing.md)',
        '',
        '```nosuchlang',
        'x',
        '```',
      ].join('\n'),
      'content/notes/dead.md': note('死链', '2025-12-19', 'https://example.com/b').replace('死链 的评论。', '见 [旧页](/no-such-page/)。'),
    });
  });
  afterAll(() => remove(root));

  it('are reported by the build at the note’s own file, line and column', async () => {
    let errors: readonly Diagnostic[] = [];
    try {
      await build({ root, outDir: path.join(root, 'dist'), now: NOW });
    } catch (error) {
      if (!(error instanceof QuireError)) throw error;
      errors = error.diagnostics;
    }
    const shown = path.join('content', 'notes', 'broken.md');
    expect(errors.filter((d) => d.code === 'BrokenLink').map((d) => [d.file, d.line, d.column])).toEqual([[shown, 9, 1]]);
    expect(errors.filter((d) => d.code === 'UnknownLanguage').map((d) => [d.file, d.line])).toEqual([[shown, 11]]);
    expect(errors.find((d) => d.code === 'BrokenLink')!.frame).toContain('![图](../posts/missing.md)');
  });

  it('are traced by quire check to the note’s own file and line', async () => {
    const { checkSite } = await import('../../src/check/check-site.js');
    writeFiles(root, { 'content/notes/broken.md': '---\ntitle: 修好了\ndate: 2025-12-20\nlink: https://example.com/a\nsection: 工具\n---\n好了。\n' });
    const report = await checkSite({ root, drafts: false, future: false, external: undefined });
    const broken = report.problems.filter((p) => p.code === 'BrokenLink');
    expect(broken.map((p) => [p.file, p.line])).toEqual([[path.join('content', 'notes', 'dead.md'), 7]]);
  });
});
