/**
 * Script URLs never reach readers. A URL-valued front-matter field with an unsafe scheme (a note's
 * `link:`, an `image:`) fails the build at the value's line:column and leaves the previous dist/
 * byte-identical. In Markdown bodies, unsafe links, images, autolinks, reference definitions and
 * raw-HTML URL attributes are removed with a warning at their file:line:column, the text kept.
 * Feeds and the e-mail digest also carry no event-handler attribute, no `style` that hides text;
 * the Markdown digest escapes its titles. Every output is read back with a real parser (parse5,
 * rss-parser, feedsmith, remark) and searched for what a browser would run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import type { Root as MdastRoot } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { runDigest } from '../../src/emit/digest/run-digest.js';
import { parseLikeFluentReader, parseWithFeedsmith } from '../helpers/feed-readers.js';
import { buildOutcome, snapshot } from '../helpers/hostile-site.js';
import { configJson, hashTree, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';
import { elementsOf } from '../helpers/strict-parsers.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const SITE = 'https://example.org/';
const ISSUE_TITLE = '<script>alert("title")</script> & [x]';
/** A note's `section:`: text, so the page escapes it and the Markdown digest must too. */
const SECTION = '<img src=x onerror=alert("section")>';
const PNG_DATA = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Markdown bodies, line by line, so the expected positions below can be read off them. */
const POST = [
  '---', //                                                                   1
  'title: Links',
  'date: 2025-03-01',
  '---',
  'Inline [run me](javascript:alert(1)) and [mail](mailto:a@example.org).', // 5: link at column 8
  '',
  'Autolink <javascript:alert(2)>, [call](tel:+861012345678).', //           7: autolink at column 10
  '',
  'By reference: [ref link][evil].', //                                      9
  '',
  '[evil]: vbscript:msgbox(3)', //                                           11: definition at column 1
  '',
  'Raw <a href="&#106;avascript:alert(4)">entity</a> and <a href="java&#x09;script:alert(5)">tab</a>.', // 13: href at 8 and 58
  '',
  '<img src=x onerror=alert(6)>', //                                        15
  '',
  '![doc](data:text/html,<script>alert(7)</script>) ![dot](' + PNG_DATA + ')', // 17: image at column 1
  '',
  '<p style="display:none">Hidden from feeds? No: shown.</p>',
  '',
].join('\n');

const ISSUE = [
  '---', //                                                                   1
  `title: ${JSON.stringify(ISSUE_TITLE)}`,
  'date: 2025-03-07',
  '---',
  'Intro with [a trap](  JaVaScRiPt:alert(8)).', //                         5: link at column 12
  '',
  '## Tools',
  '',
  '- [fine](https://example.com/fine)',
  '',
].join('\n');

const NOTE = (link: string, body = 'Commentary.', section = 'Tools') => ['---', 'title: A note', 'date: 2025-03-05', `link: ${link}`, `section: ${JSON.stringify(section)}`, '---', body, ''].join('\n');

function warnings(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.severity === 'warning' && d.code === 'UnsafeUrl').map((d) => `${d.file}:${d.line}:${d.column}`);
}

/**
 * Written apart from the code under test: whether a browser would run `value` (as the HTML parser
 * hands it over, entities decoded), ignoring every space and control character in it.
 */
function scriptUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^(javascript:|vbscript:|data:text|data:image\/svg)/.test(value.replace(/[\u0000-\u0020]/g, '').toLowerCase());
}

/** Attributes (hast property names) that hold URLs. */
const URL_PROPERTIES = new Set(['href', 'src', 'srcSet', 'action', 'formAction', 'xLinkHref', 'poster', 'data', 'cite', 'background', 'ping']);

/** Every script element, event-handler attribute and script URL of `tree`. */
function scriptsIn(tree: Root): string[] {
  const found: string[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'script') found.push(`<script type=${String(node.properties['type'])}>`);
    for (const [name, value] of Object.entries(node.properties)) {
      const text = Array.isArray(value) ? value.join(' ') : String(value);
      if (/^on/i.test(name)) found.push(`${node.tagName} ${name}=${text}`);
      else if (URL_PROPERTIES.has(name) && text.split(/[\s,]+/).some(scriptUrl)) found.push(`${node.tagName} ${name}=${text}`);
    }
  });
  return found;
}

function hidingStyles(tree: Root): string[] {
  return elementsOf(tree)
    .map((e) => String(e.properties['style'] ?? ''))
    .filter((style) => /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style));
}

describe('unsafe URLs in Markdown bodies are removed with a warning', () => {
  let root: string;
  let diagnostics: readonly Diagnostic[];
  const dist = () => path.join(root, 'dist');
  const read = (rel: string) => readFileSync(path.join(dist(), rel), 'utf8');

  beforeAll(async () => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson({ weekly: { sections: ['Tools'] } }),
      'content/posts/links.md': POST,
      'content/weekly/0001.md': ISSUE,
      'content/notes/safe.md': NOTE('https://example.com/article', 'See [the trap](<java\tscript:alert(9)>).', SECTION),
    });
    const outcome = await buildOutcome({ root, now: NOW });
    if (!outcome.ok) throw new Error(outcome.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n'));
    diagnostics = outcome.result.diagnostics;
  }, 120_000);
  afterAll(() => remove(root));

  it('warns at the file, line and column of each URL, naming it', () => {
    expect(warnings(diagnostics).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))).toEqual([
      'content/notes/safe.md:7:5',
      'content/posts/links.md:5:8',
      'content/posts/links.md:7:10',
      'content/posts/links.md:11:1',
      'content/posts/links.md:13:8',
      'content/posts/links.md:13:58',
      'content/posts/links.md:17:1',
      'content/weekly/0001.md:5:12',
    ]);
    const messages = diagnostics.filter((d) => d.code === 'UnsafeUrl').map((d) => d.message);
    expect(messages).toContainEqual(expect.stringMatching(/^the link to "javascript:alert\(1\)" was removed \(its text is kept\): javascript: URLs run script/));
    expect(messages).toContainEqual(expect.stringMatching(/^the HTML attribute href="javascript:alert\(4\)" was removed/));
    expect(messages).toContainEqual(expect.stringMatching(/^the link definition \[evil\]: "vbscript:msgbox\(3\)" was removed/));
    expect(messages).toContainEqual(expect.stringMatching(/^the image "data:text\/html,<script>alert\(7\)<\/script>" was removed/));
    for (const d of diagnostics.filter((x) => x.code === 'UnsafeUrl')) expect(d.hint, d.message).toMatch(/quire publishes/);
  });

  it('keeps the text of the links and every safe URL on the post page; raw HTML stays as written otherwise', () => {
    const html = read('posts/links/index.html');
    const tree = fromHtml(html);
    // the raw <img onerror> is the author's own HTML on the page (see the feeds below); the scripts are the theme's
    expect(scriptsIn(tree).filter((s) => !s.startsWith('<script'))).toEqual(['img onError=alert(6)']);
    const article = hastToString(tree);
    for (const text of ['run me', 'javascript:alert(2)', 'ref link', 'entity', 'tab', 'doc']) expect(article).toContain(text);
    const hrefs = elementsOf(tree).map((e) => e.properties['href']);
    expect(hrefs).toContain('mailto:a@example.org');
    expect(hrefs).toContain('tel:+861012345678');
    expect(elementsOf(tree).map((e) => e.properties['src'])).toContain(PNG_DATA);
    // The page's raw HTML is the author's: only the URL attribute is cut, the rest is as written.
    expect(html).toContain('Raw <a >entity</a> and <a >tab</a>.');
    expect(html).toContain('<img src=x onerror=alert(6)>');
  });

  it('leaves no script URL on the weekly page, its note or its section', () => {
    const tree = fromHtml(read('weekly/1/index.html'));
    expect(scriptsIn(tree).filter((s) => !s.startsWith('<script'))).toEqual([]);
    const text = hastToString(tree);
    expect(text).toContain('a trap');
    expect(text).toContain('the trap');
    expect(text).toContain(SECTION);
  });

  it('puts no script, event handler, script URL or hiding style in any feed', async () => {
    for (const rel of ['feed.xml', 'atom.xml', 'weekly/feed.xml', 'weekly/atom.xml']) {
      const xml = read(rel);
      const fluent = await parseLikeFluentReader(xml);
      const contents = fluent.items.map((item) => item.content);
      expect(contents.length, rel).toBeGreaterThan(0);
      for (const content of contents) {
        const tree = fromHtml(content, { fragment: true });
        expect(scriptsIn(tree), rel).toEqual([]);
        expect(hidingStyles(tree), rel).toEqual([]);
      }
      expect(parseWithFeedsmith(xml).format, rel).toBe(rel.endsWith('atom.xml') ? 'atom' : 'rss');
    }
    for (const rel of ['feed.json', 'weekly/feed.json']) {
      const feed = JSON.parse(read(rel)) as { items: Array<{ content_html?: string }> };
      for (const item of feed.items) {
        const tree = fromHtml(item.content_html ?? '', { fragment: true });
        expect(scriptsIn(tree), rel).toEqual([]);
        expect(hidingStyles(tree), rel).toEqual([]);
      }
      expect(parseWithFeedsmith(read(rel)).format, rel).toBe('json');
    }
    const post = (JSON.parse(read('feed.json')) as { items: Array<{ url: string; content_html: string }> }).items.find((i) => i.url.endsWith('/posts/links/'))!;
    const tree = fromHtml(post.content_html, { fragment: true });
    // the image is still there without its handler, and the hidden paragraph is shown
    expect(elementsOf(tree).filter((e) => e.tagName === 'img').map((e) => e.properties['src'])).toEqual([`${SITE}posts/links/x`, PNG_DATA]);
    expect(hastToString(tree)).toContain('Hidden from feeds? No: shown.');
  });

  it('exports e-mail and Markdown digests without script URLs or handlers, every title escaped', async () => {
    const digest = (format: string) => runDigest({ number: '1', format, out: undefined, cwd: root }, { root, now: NOW, cache: false }).then((r) => r.text);
    const email = fromHtml(await digest('email'));
    expect(scriptsIn(email)).toEqual([]);
    expect(hidingStyles(email)).toEqual([]);
    expect(hastToString(email)).toContain(`周报 1 —— ${ISSUE_TITLE}`);

    const markdown = await digest('markdown');
    const mdast = unified().use(remarkParse).use(remarkGfm).parse(markdown) as MdastRoot;
    const html: string[] = [];
    const urls: string[] = [];
    visit(mdast, (node) => {
      if (node.type === 'html') html.push(node.value);
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') urls.push(node.url);
    });
    expect(html).toEqual([]);
    expect(urls.filter(scriptUrl)).toEqual([]);
    expect(urls).toContain(`${SITE}weekly/1/`);
    const headings = mdast.children.filter((n) => n.type === 'heading').map((n) => mdastToString(n));
    expect(headings[0]).toBe(`周报 1 —— ${ISSUE_TITLE}`);
    expect(headings).toContain(SECTION);
  });
});

describe('an unsafe URL in front matter fails the build at the value', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
  });
  afterAll(() => remove(root));

  it('reports every such field at its line:column and keeps the previous dist/ byte-identical', async () => {
    writeFiles(root, {
      'quire.config.json': configJson(),
      'content/posts/ok.md': '---\ntitle: OK\ndate: 2025-03-01\n---\nFine.\n',
      'content/notes/ok.md': NOTE('https://example.com/'),
    });
    const first = await buildOutcome({ root, now: NOW });
    expect(first.ok).toBe(true);
    const before = hashTree(path.join(root, 'dist'));
    const outside = snapshot(root, ['dist', '.quire-cache']);

    writeFiles(root, {
      'content/notes/js.md': NOTE('javascript:alert(1)'),
      'content/notes/spaced.md': NOTE('"  JaVaScRiPt:alert(1)"'),
      'content/notes/tabbed.md': NOTE('"java\\tscript:alert(1)"'),
      'content/notes/data.md': NOTE('"data:text/html,<script>alert(1)</script>"'),
      'content/notes/mail.md': NOTE('mailto:tips@example.org'),
      'content/posts/cover.md': '---\ntitle: Cover\ndate: 2025-03-02\nimage: "data:image/svg+xml,<svg onload=alert(1)>"\n---\nText.\n',
      'content/posts/fine-cover.md': `---\ntitle: Fine cover\ndate: 2025-03-03\nimage: "${PNG_DATA}"\n---\nText.\n`,
    });
    const second = await buildOutcome({ root, now: NOW });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    const errors = second.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`).sort()).toEqual([
      'UnsafeUrl content/notes/data.md:4:7',
      'UnsafeUrl content/notes/js.md:4:7',
      'UnsafeUrl content/notes/spaced.md:4:7',
      'UnsafeUrl content/notes/tabbed.md:4:7',
      'UnsafeUrl content/posts/cover.md:4:8',
    ]);
    const js = errors.find((d) => d.file === 'content/notes/js.md')!;
    expect(js.message).toBe('front-matter field `link`: "javascript:alert(1)" is not published: javascript: URLs run script in the reader\'s browser');
    expect(js.hint).toMatch(/link: https:\/\//);
    expect(js.frame).toContain('link: javascript:alert(1)');
    expect(errors.find((d) => d.file === 'content/posts/cover.md')!.message).toMatch(/data: URL other than an inline PNG/);
    expect(hashTree(path.join(root, 'dist'))).toEqual(before);
    expect(snapshot(root, ['dist', '.quire-cache', 'content'])).toEqual(Object.fromEntries(Object.entries(outside).filter(([rel]) => !rel.startsWith('content'))));
  }, 120_000);
});
