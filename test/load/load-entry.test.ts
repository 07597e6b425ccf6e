import { fromHtml } from 'hast-util-from-html';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { loadEntry, parseEntryBody, type LoadContext, type LoadResult } from '../../src/load/load-entry.js';
import { createMarkdownProcessor } from '../../src/render/markdown/create-processor.js';
import type { EntryKind, ParsedEntry, SourceFile } from '../../src/types.js';
import { unpackText } from '../../src/packed-text.js';

const ROOT = path.join(path.sep, 'site');
const processor = createMarkdownProcessor({ remarkPlugins: [], rehypePlugins: [], footnoteLabel: 'x', footnoteBackLabel: 'y' });
const ctx: LoadContext = { timezone: 'Asia/Shanghai', displayRoot: ROOT, parseMarkdown: (markdown) => processor.parse(markdown), parseHtml: fromHtml };

function source(rel: string, kind: EntryKind = 'post'): SourceFile {
  return { kind, path: path.join(ROOT, 'content', ...rel.split('/')), rel, assets: [] };
}

function load(rel: string, content: string | Uint8Array, kind: EntryKind = 'post'): LoadResult {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return loadEntry(source(rel, kind), bytes, ctx);
}

function entryOf(rel: string, content: string | Uint8Array, kind: EntryKind = 'post'): ParsedEntry {
  const result = load(rel, content, kind);
  if (!result.entry) throw new Error(`expected an entry, got ${JSON.stringify(result.diagnostics)}`);
  expect(result.diagnostics).toEqual([]);
  return result.entry;
}

function only(result: LoadResult): Diagnostic {
  expect(result.entry).toBeUndefined();
  expect(result.diagnostics).toHaveLength(1);
  return result.diagnostics[0]!;
}

const displayPath = path.join('content', 'posts', 'a.md');

describe('loadEntry: title', () => {
  it('uses the front-matter title and keeps a first heading in the body', () => {
    const entry = entryOf('posts/a.md', '---\ntitle: Given\n---\n# Heading\n');
    expect(entry.title).toBe('Given');
    expect(entry.mdast.children.map((c) => c.type)).toEqual(['heading']);
  });

  it('drops a first # heading that repeats the front-matter title, so the page has one', () => {
    const entry = entryOf('posts/a.md', '---\ntitle: 远程办公 三年\n---\n# 远程办公  三年\n\nText.\n');
    expect(entry.title).toBe('远程办公 三年');
    expect(entry.mdast.children.map((c) => c.type)).toEqual(['paragraph']);
  });

  it('falls back to the first # heading and removes it from the body', () => {
    const entry = entryOf('posts/hello.md', '# My *Great* Title\n\nText here.\n');
    expect(entry.title).toBe('My Great Title');
    expect(entry.mdast.children).toHaveLength(1);
    expect(entry.mdast.children[0]!.type).toBe('paragraph');
  });

  it('does not take a ## heading as the title; falls back to the file name', () => {
    const entry = entryOf('posts/some-notes.md', '## Not the title\n');
    expect(entry.title).toBe('some-notes');
    expect(entry.mdast.children.map((c) => c.type)).toEqual(['heading']);
  });

  it('does not take a # heading that is not the first block', () => {
    const entry = entryOf('posts/x.md', 'Intro.\n\n# Later\n');
    expect(entry.title).toBe('x');
    expect(entry.mdast.children).toHaveLength(2);
  });

  it('falls back to the file name without the date', () => {
    expect(entryOf('posts/2025-07-09-hello-world.md', 'Body\n').title).toBe('hello-world');
  });

  it('treats a blank front-matter title as missing', () => {
    expect(entryOf('posts/a.md', '---\ntitle: "  "\n---\n# From heading\n').title).toBe('From heading');
  });

  it('accepts a numeric title as text', () => {
    expect(entryOf('posts/a.md', '---\ntitle: 2025\n---\n').title).toBe('2025');
  });
});

describe('loadEntry: slug and date from the file name', () => {
  it('takes the date from a YYYY-MM-DD-slug.md name, midnight in the site zone', () => {
    const entry = entryOf('posts/2025-07-09-hello-world.md', 'Body\n');
    expect(entry.slug).toBe('hello-world');
    expect(entry.date).toEqual({ iso: '2025-07-09T00:00:00.000+08:00', epochMs: Date.UTC(2025, 6, 8, 16) });
  });

  it('prefers the front-matter date over the file-name date', () => {
    const entry = entryOf('posts/2025-07-09-x.md', '---\ndate: 2024-01-02 03:04\n---\n');
    expect(entry.date?.iso).toBe('2024-01-02T03:04:00.000+08:00');
    expect(entry.slug).toBe('x');
  });

  it('reports an impossible date in the file name', () => {
    const d = only(load('posts/2025-13-45-x.md', 'Body\n'));
    expect(d.code).toBe('InvalidDate');
    expect(d.message).toContain('file name');
    expect(d.file).toBe(path.join('content', 'posts', '2025-13-45-x.md'));
  });

  it('names a bundle after its folder', () => {
    const entry = entryOf('posts/x/index.md', '---\ntitle: X\n---\nBody');
    expect(entry.slug).toBe('x');
    expect(entry.date).toBeUndefined();
  });

  it('takes the date and slug from a dated bundle folder', () => {
    const entry = entryOf('posts/2025-07-09-trip/index.md', 'Body');
    expect(entry.slug).toBe('trip');
    expect(entry.title).toBe('trip');
    expect(entry.date?.iso).toBe('2025-07-09T00:00:00.000+08:00');
  });

  it('does not treat a top-level index.md as a bundle', () => {
    expect(entryOf('index.md', 'Body').slug).toBe('index');
  });

  it('keeps a Chinese file name as a Chinese slug and title', () => {
    const entry = entryOf('posts/远程办公三年.md', 'Body');
    expect(entry.slug).toBe('远程办公三年');
    expect(entry.title).toBe('远程办公三年');
  });

  it('lets front-matter slug override the file name', () => {
    expect(entryOf('posts/2025-07-09-x.md', '---\nslug: Custom Slug\n---\n').slug).toBe('custom-slug');
  });

  it('reports a slug with no usable characters, at the slug line', () => {
    const result = load('posts/a.md', '---\ntitle: A\nslug: "..."\n---\nx');
    const d = only(result);
    expect(d.code).toBe('UnsafePath');
    expect(d.line).toBe(3);
  });
});

describe('loadEntry: front-matter validation', () => {
  it('reports `tags: 5` and `draft: "maybe"` with the field and the value position', () => {
    const result = load('posts/a.md', '---\ntitle: A\ntags: 5\ndraft: "maybe"\n---\nBody');
    expect(result.entry).toBeUndefined();
    const byField = Object.fromEntries(result.diagnostics.map((d) => [d.message.match(/`(\w+)`/)?.[1], d]));
    expect(Object.keys(byField).sort()).toEqual(['draft', 'tags']);
    expect(byField['tags']).toMatchObject({ code: 'FrontMatterInvalid', severity: 'error', file: displayPath, line: 3, column: 7 });
    expect(byField['draft']).toMatchObject({ code: 'FrontMatterInvalid', severity: 'error', file: displayPath, line: 4, column: 8 });
    expect(byField['tags']!.hint).toContain('tags:');
    expect(byField['draft']!.hint).toContain('true or false');
    expect(byField['draft']!.frame).toContain('draft: "maybe"');
  });

  it('says a number or true/false written in quotes is text, and how to write it; a bad link, how to write a URL', () => {
    const result = load('notes/a.md', '---\ntitle: A\ndraft: "true"\nissue: "12"\nlink: not a url\n---\nBody', 'note');
    expect(load('weekly/a.md', '---\nissue: 12.5\n---\n', 'weekly').diagnostics[0]!.message).toBe('front-matter field `issue`: expected a whole number, got number 12.5');
    expect(result.diagnostics.map((d) => [d.line, d.message, d.hint])).toEqual([
      [3, 'front-matter field `draft`: "true" is text, not true or false', 'write true, in lower case and without quotes'],
      [4, 'front-matter field `issue`: "12" is text, not a number', 'write 12 without quotes'],
      [5, 'front-matter field `link`: expected a whole URL such as https://github.com/junegunn/fzf', 'write the whole address, with https://, e.g. `link: https://github.com/junegunn/fzf`'],
    ]);
  });

  it('reads `toc:` as false, true or a depth from 2 to 4, and reports anything else at its line', () => {
    expect(entryOf('posts/a.md', '---\ntoc: false\n---\n').toc).toBe(false);
    expect(entryOf('posts/a.md', '---\ntoc: 3\n---\n').toc).toBe(3);
    expect(entryOf('posts/a.md', '---\ntitle: A\n---\n').toc).toBeUndefined();
    const d = only(load('posts/a.md', '---\ntitle: A\ntoc: 6\n---\nBody'));
    expect(d).toMatchObject({ code: 'FrontMatterInvalid', file: displayPath, line: 3, column: 6 });
    expect(d.message).toContain('`toc`');
    expect(d.hint).toContain('toc: false');
  });

  it('reports `date: 2025-13-45` as InvalidDate at the value', () => {
    const d = only(load('posts/a.md', '---\ntitle: A\ndate: 2025-13-45\n---\nBody'));
    expect(d).toMatchObject({ code: 'InvalidDate', file: displayPath, line: 3, column: 7 });
    expect(d.message).toContain('`date`');
    expect(d.message).toMatch(/month/);
  });

  it('reports an invalid `updated` date at its own line', () => {
    const d = only(load('posts/a.md', '---\ndate: 2025-01-01\nupdated: 2025-02-30\n---\n'));
    expect(d).toMatchObject({ code: 'InvalidDate', line: 3, column: 10 });
    expect(d.message).toContain('`updated`');
  });

  it('reads dates in the site zone, with lastmod as an alias of updated', () => {
    const entry = entryOf('posts/a.md', '---\ndate: 2025-07-09 06:48:00\nlastmod: 2025-07-10\n---\n');
    expect(entry.date).toEqual({ iso: '2025-07-09T06:48:00.000+08:00', epochMs: Date.UTC(2025, 6, 8, 22, 48) });
    expect(entry.updated?.iso).toBe('2025-07-10T00:00:00.000+08:00');
  });

  it('reads a TOML date in the site zone', () => {
    const entry = entryOf('posts/a.md', '+++\ndate = 2025-07-09 06:48:00\n+++\nx');
    expect(entry.date?.iso).toBe('2025-07-09T06:48:00.000+08:00');
  });

  it('reports broken YAML as FrontMatterSyntax with the file line', () => {
    const d = only(load('posts/a.md', '---\ntitle: A\ndate: 2025-07-09\nkey: value: other\n---\nBody'));
    expect(d).toMatchObject({ code: 'FrontMatterSyntax', file: displayPath, line: 4 });
    expect(d.frame).toContain('key: value: other');
  });

  it('reports an unclosed fence as FrontMatterUnterminated', () => {
    const d = only(load('posts/a.md', '---\ntitle: A\n\nBody\n'));
    expect(d).toMatchObject({ code: 'FrontMatterUnterminated', line: 1 });
  });

  it('turns a single tag into a list, trims and deduplicates', () => {
    expect(entryOf('posts/a.md', '---\ntags: go\n---\n').tags).toEqual(['go']);
    expect(entryOf('posts/a.md', '---\ntags: [" go ", go, "", 2025]\n---\n').tags).toEqual(['go', '2025']);
  });

  it('treats `published: false` as a draft, and `draft` wins over it', () => {
    expect(entryOf('posts/a.md', '---\npublished: false\n---\n').draft).toBe(true);
    expect(entryOf('posts/a.md', '---\npublished: false\ndraft: false\n---\n').draft).toBe(false);
    expect(entryOf('posts/a.md', 'no front matter').draft).toBe(false);
  });

  it('keeps unknown keys in `extra` and not known ones', () => {
    const entry = entryOf('posts/a.md', '---\ntitle: A\nmood: happy\nseries_part: {name: x, part: 2}\nseries: x\n---\n');
    expect(entry.extra).toEqual({ mood: 'happy', series_part: { name: 'x', part: 2 } });
    expect(entry.series).toEqual({ name: 'x', order: undefined });
  });

  it('warns, with the field meant, about a key one slip away from a field quire reads, and keeps it in `extra`', () => {
    const result = load('posts/a.md', '---\ntitle: A\ntgas: [go]\nDate: 2025-01-02\ncategory: 工具\ndraf: true\ndescripton: x\n---\nBody');
    expect(result.entry?.extra).toEqual({ tgas: ['go'], Date: '2025-01-02', category: '工具', draf: true, descripton: 'x' });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line, d.message.match(/did you mean `(\w+)`/)?.[1]])).toEqual([
      ['FrontMatterUnknownKey', 'warning', 3, 'tags'],
      ['FrontMatterUnknownKey', 'warning', 4, 'date'],
      ['FrontMatterUnknownKey', 'warning', 5, 'categories'],
      ['FrontMatterUnknownKey', 'warning', 6, 'draft'],
      ['FrontMatterUnknownKey', 'warning', 7, 'description'],
    ]);
    expect(result.diagnostics[0]).toMatchObject({ file: displayPath, line: 3, column: 1, message: 'front-matter field `tgas` is not one quire reads; did you mean `tags`?' });
    expect(result.diagnostics[0]!.hint).toContain('extra.tgas');
    expect(result.diagnostics[0]!.frame).toContain('tgas: [go]');
  });

  it('does not warn about own keys that are not one slip away, short ones, or one whose look-alike is also set', () => {
    entryOf('posts/a.md', '---\ntitle: A\ntop: true\nkatex: true\nmood: happy\nauthor: 林\nimage: a.png\nimages: [a.png, b.png]\n---\n');
    // a value the field meant would refuse (Hugo's `images` list, a mapping, a list of links), or another first letter
    entryOf('posts/b.md', '---\ntitle: B\nimages: [a.png]\ndata: { chart: sales }\nlinks: [https://a.example/]\ndates: [2025-01-01]\n---\n');
    entryOf('about.md', '---\ntitle: A\nheight: 300\n---\n', 'page');
    entryOf('about.md', '---\ntitle: A\nweight: 2\nmenu: false\n---\n', 'page');
  });

  it('trims description and summary, dropping blank ones', () => {
    const entry = entryOf('posts/a.md', '---\ndescription: "  About  "\nsummary: "   "\n---\n');
    expect(entry.description).toBe('About');
    expect(entry.summary).toBeUndefined();
  });
});

describe('loadEntry: bytes', () => {
  it('rejects invalid UTF-8 as ReadError', () => {
    const d = only(load('posts/a.md', new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x0a])));
    expect(d).toMatchObject({ code: 'ReadError', file: displayPath });
    expect(d.message).toContain('UTF-8');
  });

  it('rejects NUL bytes as ReadError', () => {
    const d = only(load('posts/a.md', 'abc\u0000def'));
    expect(d).toMatchObject({ code: 'ReadError', file: displayPath });
    expect(d.message).toContain('NUL');
  });

  it('points at the line and column of the first byte that is not UTF-8, and of the first NUL', () => {
    const head = new TextEncoder().encode('---\ntitle: 中文\n---\nline 4\nab');
    // line 5, after "ab": a lone continuation byte; the same after a complete 3-byte character
    expect(only(load('posts/a.md', new Uint8Array([...head, 0x80, 0x0a])))).toMatchObject({ line: 5, column: 3 });
    // a 3-byte sequence cut short by a newline: the position is where the sequence starts
    expect(only(load('posts/a.md', new Uint8Array([...head, 0xe4, 0xb8, 0x0a, 0x41])))).toMatchObject({ line: 5, column: 3 });
    expect(only(load('posts/a.md', new Uint8Array([0xff])))).toMatchObject({ line: 1, column: 1 });
    expect(only(load('posts/a.md', 'one\n中文 \u0000'))).toMatchObject({ code: 'ReadError', line: 2, column: 4 });
  });

  it('refuses control characters written as escapes in front-matter strings, at the field', () => {
    const result = load('posts/a.md', '---\ntitle: "a\\0b"\ntags: [ok, "t\\x01"]\nslug: fine\n---\nx\n');
    expect(result.entry).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['FrontMatterInvalid', 2, 'front-matter field `title` contains a control character'],
      ['FrontMatterInvalid', 3, 'front-matter field `tags.1` contains a control character'],
    ]);
    expect(entryOf('posts/a.md', '---\ntitle: "tab\\there"\n---\nx\n').title).toBe('tab\there');
  });

  it('strips a UTF-8 BOM before reading front matter', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('---\ntitle: BOM\n---\nBody\n')]);
    const entry = entryOf('posts/a.md', bom);
    expect(entry.title).toBe('BOM');
    expect(unpackText(entry.text).startsWith('---')).toBe(true);
    expect(entry.mdast.children[0]!.position?.start.line).toBe(4);
  });

  it('reads a CRLF file whose last front-matter field is a boolean', () => {
    const entry = entryOf('posts/a.md', '---\r\ntitle: A\r\ndraft: false\r\n---\r\nBody\r\n');
    expect(entry.draft).toBe(false);
    expect(entry.title).toBe('A');
  });
});

describe('loadEntry: positions and the rest of the entry', () => {
  it('gives mdast nodes their file positions', () => {
    //                         1    2         3           4    5  6
    const entry = entryOf('posts/a.md', '---\ntitle: A\nmood: ok\n---\n\nPara on line 6.\n\n## H on 8\n');
    const [para, heading] = entry.mdast.children;
    expect(para!.type).toBe('paragraph');
    expect(para!.position?.start).toMatchObject({ line: 6, column: 1 });
    expect(heading!.type).toBe('heading');
    expect(heading!.position?.start).toMatchObject({ line: 8, column: 1 });
  });

  it('gives file positions in a TOML file and in a CRLF file', () => {
    const toml = entryOf('posts/a.md', '+++\ntitle = "A"\n+++\nLine 4\n');
    expect(toml.mdast.children[0]!.position?.start.line).toBe(4);
    const crlf = entryOf('posts/a.md', '---\r\ntitle: A\r\n---\r\n\r\nLine 5\r\n');
    expect(crlf.mdast.children[0]!.position?.start.line).toBe(5);
  });

  it('parses the body of an entry without its tree (from the build cache) into the same tree', () => {
    for (const text of [
      '---\ntitle: A\nmood: ok\n---\n\nPara on line 6.\n\n## H on 8\n',
      '+++\ntitle = "A"\n+++\nLine 4\n',
      '---\r\ntitle: A\r\n---\r\n\r\nLine 5 [x]\r\n\r\n[x]: https://example.org\r\n',
      '\ufeff# Title from [a heading][r]\n\nSecond para on 3.\n\n[r]: /x\n',
      'No front matter.\n\n# Not a title\n',
    ]) {
      const entry = entryOf('posts/a.md', text);
      expect(parseEntryBody({ ...entry, mdast: undefined }, ctx.parseMarkdown, ctx.parseHtml)).toEqual(entry.mdast);
    }
  });

  it('keeps positions of the body after a title heading was removed', () => {
    const entry = entryOf('posts/a.md', '# Title\n\nSecond para on 3.\n');
    expect(entry.mdast.children[0]!.position?.start.line).toBe(3);
  });

  it('fills the entry from its source', () => {
    const entry = entryOf('pages/about.md', '---\ntitle: About\nlang: en\nid: 42\n---\nHi', 'page');
    expect(entry).toMatchObject({
      kind: 'page',
      displayPath: path.join('content', 'pages', 'about.md'),
      title: 'About',
      slug: 'about',
      lang: 'en',
      id: '42',
      tags: [],
      categories: [],
      draft: false,
      permalink: undefined,
    });
    expect(unpackText(entry.text)).toBe('---\ntitle: About\nlang: en\nid: 42\n---\nHi');
  });
});

describe('loadEntry: Hexo nested categories', () => {
  it('flattens [[a, b], c] into a, b, c', async () => {
    const { unified } = await import('unified');
    const remarkParse = (await import('remark-parse')).default;
    const parser = unified().use(remarkParse);
    const result = loadEntry({ kind: 'post', path: '/s/content/posts/a.md', rel: 'posts/a.md', assets: [] }, Buffer.from('---\ntitle: A\ncategories: [[技术, Go], 随笔]\ntags: [[x]]\n---\nx\n'), {
      timezone: 'UTC',
      displayRoot: '/s',
      parseMarkdown: (md: string) => parser.parse(md),
    });
    expect(result.entry?.categories).toEqual(['技术', 'Go', '随笔']);
    expect(result.entry?.tags).toEqual(['x']);
  });
});
