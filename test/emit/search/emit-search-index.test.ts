import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSite, type PreparedSite } from '../../../src/build.js';
import { QuireError } from '../../../src/diagnostics.js';
import { emitSearchIndex, type SearchIndex } from '../../../src/emit/search/emit-search-index.js';
import { configJson, remove, tempDir, writeFiles } from '../../helpers/site-fixture.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');

interface OpenedIndex {
  readonly docs: SearchIndex['docs'];
  readonly terms: ReadonlyMap<string, readonly number[]>;
}
interface SearchClient {
  openIndex(raw: SearchIndex): OpenedIndex;
  search(index: OpenedIndex, query: string, language: string): Array<SearchIndex['docs'][number]>;
}
let client: SearchClient;
beforeAll(async () => {
  client = (await import(new URL('../../../templates/static/assets/search.js', import.meta.url).href)) as SearchClient;
});

function indexOf(prepared: PreparedSite): OpenedIndex {
  const file = emitSearchIndex(prepared);
  expect(file.outputPath).toBe('search/index.json');
  const raw = JSON.parse(Buffer.from(file.contents).toString('utf8')) as SearchIndex;
  expect(raw.version).toBe(1);
  const listed = raw.terms.flatMap(([, terms]) => terms.split(' '));
  expect(new Set(listed).size, 'a term is in one group only').toBe(listed.length);
  return client.openIndex(raw);
}
const titles = (docs: ReadonlyArray<{ t: string }>) => docs.map((d) => d.t);

describe('the search index of a small site', () => {
  let root: string;
  let prepared: PreparedSite;
  let index: OpenedIndex;
  beforeAll(async () => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/' }),
      'content/posts/old-title.md': '---\ntitle: 咖啡聊天的做法\ndate: 2024-01-01\n---\n\n正文很短。\n',
      'content/posts/new-body.md': '---\ntitle: 最近的事\ndate: 2025-06-01\ntags: [远程办公]\n---\n\n每周和同事约一次咖啡聊天，不带议程。\n\n```go\nfunc zzcodeonly() {}\n```\n\n`GOMAXPROCS` 终于不用手动设置了。\n',
      'content/posts/escape.md': '---\ntitle: "<script>alert(1)</script> & \\"quotes\\" </script>"\ndate: 2025-01-01\n---\n\n<b>rawhtmlword</b> plain ampersand & words.\n',
      'content/posts/draft.md': '---\ntitle: 草稿\ndate: 2025-01-01\ndraft: true\n---\n\ndraftonlyword\n',
      'content/posts/future.md': '---\ntitle: 未来\ndate: 2030-01-01\n---\n\nfutureonlyword\n',
      'content/pages/about.md': '---\ntitle: 关于\n---\n\n联系方式：pageonlyword\n',
      'content/weekly/0001.md': '---\nissue: 1\ntitle: 第一期\ndate: 2025-11-09 20:00:00\n---\n\n周刊第一期。\n',
      'content/notes/fzf.md': '---\ntitle: fzf\ndate: 2025-11-06 21:30:00\nlink: https://github.com/junegunn/fzf\nsection: 工具\n---\n\n命令行模糊搜索工具。\n',
    });
    prepared = await prepareSite({ root, outDir: path.join(root, 'dist'), now: NOW, cache: false });
    index = indexOf(prepared);
  });
  afterAll(() => remove(root));

  it('lists published posts, weekly issues and pages, newest first, with hrefs under the base path', () => {
    expect(index.docs.map((d) => [d.u, d.d])).toEqual([
      ['/blog/weekly/1/', '2025-11-09'],
      ['/blog/posts/new-body/', '2025-06-01'],
      ['/blog/posts/escape/', '2025-01-01'],
      ['/blog/posts/old-title/', '2024-01-01'],
      ['/blog/about/', ''],
    ]);
    for (const doc of index.docs) {
      const page = doc.u.replace(/^\/blog\//, '') + 'index.html';
      expect(prepared.site.routes.some((r) => r.outputPath === page), page).toBe(true);
    }
  });

  it('never holds drafts or future entries', () => {
    const json = JSON.stringify([index.docs, [...index.terms.keys()]]);
    for (const word of ['draftonlyword', '草稿', 'futureonlyword', '未来']) expect(json).not.toContain(word);
  });

  it('indexes prose, inline code, tags, notes inside their issue, but not code blocks or the names of raw HTML tags', () => {
    const docsOf = (term: string) => (index.terms.get(term) ?? []).map((p) => index.docs[p >> 1]!.u);
    expect(docsOf('gomaxprocs')).toEqual(['/blog/posts/new-body/']);
    expect(docsOf('远程')).toEqual(['/blog/posts/new-body/']);
    expect(docsOf('模糊')).toEqual(['/blog/weekly/1/']);
    expect(docsOf('pageonlyword')).toEqual(['/blog/about/']);
    expect(docsOf('zzcodeonly')).toEqual([]);
    expect(docsOf('b')).toEqual([]);
    expect(docsOf('rawhtmlword')).toEqual(['/blog/posts/escape/']);
  });

  it('keeps markup in titles as text: the JSON gives back exactly what was written', () => {
    const doc = index.docs.find((d) => d.u === '/blog/posts/escape/')!;
    expect(doc.t).toBe('<script>alert(1)</script> & "quotes" </script>');
  });

  it('finds a Chinese word in a sentence and ranks title hits first, then newest', () => {
    // 咖啡聊天: in the title of the older post, in the text of the newer one.
    expect(titles(client.search(index, '咖啡聊天', 'zh-CN'))).toEqual(['咖啡聊天的做法', '最近的事']);
    expect(titles(client.search(index, '议程', 'zh-CN'))).toEqual(['最近的事']);
    // every word must match
    expect(titles(client.search(index, '咖啡 议程', 'zh-CN'))).toEqual(['最近的事']);
    expect(client.search(index, '咖啡 不存在的词', 'zh-CN')).toEqual([]);
  });

  it('matches the last word as a prefix while typing, a lone CJK character anywhere', () => {
    expect(titles(client.search(index, 'gomax', 'zh-CN'))).toEqual(['最近的事']);
    expect(client.search(index, 'gomax ', 'zh-CN')).toEqual([]);
    expect(titles(client.search(index, '啡', 'zh-CN'))).toEqual(['咖啡聊天的做法', '最近的事']);
    expect(client.search(index, '  ', 'zh-CN')).toEqual([]);
  });

  it('treats words such as constructor and __proto__ as plain terms', () => {
    expect(client.search(index, 'constructor ', 'en')).toEqual([]);
    expect(client.search(index, '__proto__ ', 'en')).toEqual([]);
    expect(client.search(index, 'toString', 'en')).toEqual([]);
  });
});

describe('the search index of the sample site', () => {
  let index: OpenedIndex;
  let tmp: string;
  beforeAll(async () => {
    tmp = tempDir();
    index = indexOf(await prepareSite({ root: repo, outDir: path.join(tmp, 'site'), baseUrl: 'https://example.org/blog/', now: NOW, cache: false }));
  });
  afterAll(() => remove(tmp));

  it('finds 远程办公三年 by words from the middle of its sentences', () => {
    const remote = `/blog/posts/${encodeURIComponent('远程办公三年')}/`;
    // 租屋: ICU cuts the sentence 出租|屋, so the word alone is not one of its segments.
    for (const query of ['茶水间', '租屋', '联合办公空间', '降噪']) {
      expect(client.search(index, query, 'zh-CN').map((d) => d.u), query).toContain(remote);
    }
  });

  it('finds a note by its text on the page of its weekly issue', () => {
    expect(client.search(index, 'xargs git switch', 'zh-CN').map((d) => d.u)).toEqual(['/blog/weekly/1/']);
  });
});

describe('the search route', () => {
  it('is a DuplicateUrl error for a page on /search/', async () => {
    const root = tempDir();
    try {
      writeFiles(root, { 'quire.config.json': configJson(), 'content/pages/search.md': '---\ntitle: Search\n---\n' });
      const error = await prepareSite({ root, outDir: path.join(root, 'dist'), now: NOW, cache: false }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(QuireError);
      const found = (error as QuireError).diagnostics.find((d) => d.code === 'DuplicateUrl');
      expect(found?.message).toBe('content/pages/search.md and the search page both produce search/index.html');
    } finally {
      remove(root);
    }
  });
});
