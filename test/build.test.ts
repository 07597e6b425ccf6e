import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { QuireError, type Diagnostic } from '../src/diagnostics.js';
import { pageLinks } from './helpers/html-links.js';
import { configJson, hashTree, listTree, remove, tempDir, writeFiles } from './helpers/site-fixture.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');

async function buildErrors(root: string, outDir: string): Promise<Diagnostic[]> {
  try {
    await build({ root, outDir, now: NOW });
  } catch (error) {
    if (error instanceof QuireError) return error.diagnostics.filter((d) => d.severity === 'error');
    throw error;
  }
  throw new Error('the build was expected to fail');
}

describe('building the sample site under a sub-path', () => {
  let tmp: string;
  let out: string;
  let result: BuildResult;
  const read = (rel: string) => readFileSync(path.join(out, rel), 'utf8');

  beforeAll(async () => {
    tmp = tempDir();
    out = path.join(tmp, 'site');
    result = await build({ root: repo, outDir: out, baseUrl: 'https://example.org/blog/', now: NOW });
  });
  afterAll(() => remove(tmp));

  it('writes every kind of page, bundle files and public files', () => {
    const files = listTree(out);
    for (const expected of [
      'index.html',
      'page/2/index.html',
      '404.html',
      'archive/index.html',
      'tags/index.html',
      'tags/工具/index.html',
      'about/index.html',
      'resume/index.html',
      'posts/go-loader/index.html',
      'posts/远程办公三年/index.html',
      'posts/remote-work-tools/index.html',
      'posts/hello-quire/index.html',
      'posts/shiki-bundle/index.html',
      'posts/shiki-bundle/cover.png',
      'posts/shiki-bundle/arch.svg',
      'posts/rust-cli-notes/index.html',
      'posts/sql-window-functions/index.html',
      'posts/docker-multi-stage/index.html',
      'favicon.svg',
      'images/avatar.svg',
      'assets/quire.css',
      'feed.xml',
      'atom.xml',
      'feed.json',
      'feed.xsl',
      'tags/工具/feed.xml',
      'tags/工具/atom.xml',
      'tags/工具/feed.json',
    ]) {
      expect(files, expected).toContain(expected);
    }
    expect(readFileSync(path.join(out, 'posts/shiki-bundle/cover.png'))).toEqual(readFileSync(path.join(repo, 'content/posts/shiki-bundle/cover.png')));
  });

  it('leaves out the draft and the future-dated post', () => {
    const files = listTree(out);
    expect(files.some((f) => f.includes('draft-idea'))).toBe(false);
    expect(files.some((f) => f.includes('from-the-future'))).toBe(false);
    expect(read('archive/index.html')).not.toContain('from-the-future');
    expect(result.posts).toBe(10);
  });

  it('shows a zone-less date as the wall-clock day in the site zone, whatever the machine zone', () => {
    expect(process.env['TZ']).toBe('America/Los_Angeles');
    const html = read('posts/go-loader/index.html');
    // front matter: date: 2025-07-09 06:48:00, timezone Asia/Shanghai (2025-07-08 in UTC and in Los Angeles)
    expect(html).toContain('<time datetime="2025-07-09T06:48:00.000+08:00">2025-07-09</time>');
    // the date from the file name 2024-03-18-remote-work-tools.md
    expect(read('posts/remote-work-tools/index.html')).toContain('datetime="2024-03-18T00:00:00.000+08:00"');
  });

  it('cuts the excerpt at <!-- more --> and links to the full post', () => {
    const home = read('index.html');
    const source = readFileSync(path.join(repo, 'content/posts/go-loader.md'), 'utf8');
    const [before, after] = source.split('<!-- more -->');
    expect(before).toContain('我决定用 Go 把内容加载器重写一遍');
    expect(after).toContain('为什么旧的 Loader 很慢');
    expect(home).toContain('我决定用 Go 把内容加载器重写一遍');
    expect(home).not.toContain('为什么旧的 Loader 很慢');
    expect(home).toContain('阅读全文');
    expect(home).toContain('href="/blog/posts/go-loader/"');
  });

  it('summarises a post without a marker by a bounded amount of text and never leaves a tag open', () => {
    const page2 = read('page/2/index.html') + read('index.html');
    const articles = page2.split('<article class="post-summary"').slice(1);
    // paginate: 5, two full pages of the sample's posts and issues
    expect(articles.length).toBe(10);
    for (const article of articles) {
      const excerpt = article.slice(article.indexOf('<div class="excerpt">'), article.indexOf('</article>'));
      const opened = (excerpt.match(/<(p|ul|ol|li|blockquote|strong|em|a|code)[\s>]/g) ?? []).length;
      const closed = (excerpt.match(/<\/(p|ul|ol|li|blockquote|strong|em|a|code)>/g) ?? []).length;
      expect(opened, excerpt.slice(0, 200)).toBe(closed);
    }
  });

  it('percent-encodes Chinese slugs in links and keeps them readable on disk', () => {
    const home = read('index.html') + read('page/2/index.html');
    expect(home).toContain(`href="/blog/posts/${encodeURIComponent('远程办公三年')}/"`);
  });

  it('turns relative links to sources into the targets’ URLs, anchors included', () => {
    const about = read('about/index.html');
    expect(about).toContain(`href="/blog/posts/${encodeURIComponent('远程办公三年')}/#${encodeURIComponent('第一年工具不是问题')}"`.replace(/%23/, '#'));
    expect(about).toContain('href="/blog/resume/"');
    expect(about).not.toMatch(/href="[^"]*\.md/);
  });

  it('resolves every internal href and src, and every #anchor, to a real file and id', () => {
    const pages = listTree(out).filter((f) => f.endsWith('.html'));
    const idsOf = new Map(pages.map((p) => [p, pageLinks(read(p)).ids]));
    const problems: string[] = [];
    let checked = 0;
    for (const page of pages) {
      for (const url of pageLinks(read(page)).urls) {
        if (/^[a-z]+:/i.test(url) || url.startsWith('//')) continue;
        checked++;
        const [pathPart = '', fragment] = url.split('#');
        let target = page;
        if (pathPart !== '') {
          if (!pathPart.startsWith('/blog/')) {
            problems.push(`${page}: ${url} is not under the base path`);
            continue;
          }
          const rel = decodeURIComponent(pathPart.slice('/blog/'.length).split('?')[0]!);
          target = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
          if (!existsSync(path.join(out, target))) {
            problems.push(`${page}: ${url} → ${target} does not exist`);
            continue;
          }
        }
        if (fragment !== undefined && fragment !== '' && target.endsWith('.html')) {
          const id = decodeURIComponent(fragment);
          if (!idsOf.get(target)?.has(id)) problems.push(`${page}: ${url} → no id "${id}" in ${target}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  it('gives headings unique GitHub-style ids with CJK kept, and builds a TOC', () => {
    const html = read('posts/go-loader/index.html');
    expect(html).toContain('id="基准测试"');
    expect(html).toContain('id="基准测试-1"');
    expect(html).toMatch(/<nav class="toc"[^>]*>[\s\S]*href="#为什么旧的-loader-很慢"/);
  });

  it('renders GFM: tables, task lists, footnotes, strikethrough, autolinks', () => {
    const tools = read('posts/remote-work-tools/index.html');
    expect(tools).toContain('<table>');
    // column alignment as CSS, not the obsolete align attribute
    expect(listTree(out).filter((f) => f.endsWith('.html')).some((f) => read(f).includes('style="text-align:'))).toBe(true);
    for (const f of listTree(out).filter((f) => f.endsWith('.html'))) expect(read(f), f).not.toMatch(/<t[dh] align=/);
    expect(tools).toMatch(/<input type="checkbox"[^>]*checked[^>]*disabled/);
    expect(tools).toContain('<del>');
    const remote = read(`posts/远程办公三年/index.html`);
    expect(remote).toContain('data-footnotes');
    expect(remote).toContain('脚注');
    expect(read('posts/hello-quire/index.html')).toContain('<a href="https://example.com">https://example.com</a>');
  });

  it('highlights code at build time and shows a text fence as escaped plain text', () => {
    const html = read('posts/go-loader/index.html');
    expect(html).toMatch(/<figure class="code-block" data-lang="go"><pre class="shiki"[^>]*><code class="language-go"><span class="line"><span style="color:#[0-9A-Fa-f]{6};--shiki-dark:#[0-9A-Fa-f]{6}">/);
    const bundle = read('posts/shiki-bundle/index.html');
    expect(bundle).toMatch(/<figure class="code-block" data-lang="text"><pre class="code-plain"[^>]*><code class="language-text"><span class="line">define greet\(name\) =><\/span>/);
    expect(bundle).toContain('<span class="line">  shout "hello, " ++ name</span>');
  });

  it('builds the sample site without a warning (the unknown-language warning is tested on its own fixture)', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('reports reading time counting CJK characters, not spaces', () => {
    const source = readFileSync(path.join(repo, 'content/posts/远程办公三年.md'), 'utf8');
    const han = source.match(/\p{Script=Han}/gu)!.length;
    expect(han).toBeGreaterThan(800);
    const minutes = Number(/<span class="reading-time">(\d+) /.exec(read('posts/远程办公三年/index.html'))![1]);
    // ≈400 CJK characters a minute: a word-based count would say 1 minute.
    expect(minutes).toBeGreaterThanOrEqual(Math.floor(han / 400));
    expect(minutes).toBeLessThanOrEqual(Math.ceil(han / 400) + 2);
  });

  it('links newer and older posts, and paginates the home page', () => {
    const html = read('posts/go-loader/index.html');
    expect(html).toContain('rel="next"');
    expect(read('index.html')).toContain('href="/blog/page/2/"');
    expect(read('page/2/index.html')).toContain('href="/blog/"');
  });
});

describe('dates in the site time zone', () => {
  it('dates a zone-less 06:48 Shanghai post on its Shanghai day, in the page and the permalink', async () => {
    const root = tempDir();
    try {
      writeFiles(root, {
        'quire.config.json': configJson({ permalink: '/:year/:month/:day/:slug/' }),
        'content/posts/early.md': '---\ntitle: Early\ndate: 2025-07-09 06:48:00\n---\nMorning.\n',
      });
      await build({ root, outDir: path.join(root, 'dist'), now: NOW });
      const html = readFileSync(path.join(root, 'dist/2025/07/09/early/index.html'), 'utf8');
      expect(html).toContain('>2025-07-09</time>');
    } finally {
      remove(root);
    }
  });
});

describe('broken input', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
  });
  afterAll(() => remove(root));

  it('reports bad YAML with file:line and leaves the previous output byte-identical', async () => {
    const site = path.join(root, 'yaml');
    writeFiles(site, {
      'quire.config.json': configJson(),
      'content/posts/good.md': '---\ntitle: Good\ndate: 2025-01-01\n---\nHello.\n',
    });
    const out = path.join(site, 'dist');
    await build({ root: site, outDir: out, now: NOW });
    const before = hashTree(out);
    expect(Object.keys(before)).toContain('posts/good/index.html');

    writeFiles(site, { 'content/posts/bad.md': '---\ntitle: Bad\ndate: 2025-01-02\ntags: [a, b\n---\nBody.\n' });
    const errors = await buildErrors(site, out);
    expect(errors).toHaveLength(1);
    // the unclosed `[` is on line 4 of the file
    expect(errors[0]).toMatchObject({ code: 'FrontMatterSyntax', file: 'content/posts/bad.md', line: 4 });
    expect(hashTree(out)).toEqual(before);
    expect(listTree(site).filter((f) => f.includes('quire-new') || f.includes('quire-old'))).toEqual([]);
  });

  it('reports every bad file of a run at once', async () => {
    const site = path.join(root, 'many');
    writeFiles(site, {
      'quire.config.json': configJson(),
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-13-45\n---\nA.\n',
      'content/posts/b.md': '---\ntitle: B\ntags: 5\n---\nB.\n',
      'content/posts/c.md': '---\ntitle: C\ndraft: maybe\n---\nC.\n',
      'content/pages/d.md': '---\ntitle: D\n',
    });
    const errors = await buildErrors(site, path.join(site, 'dist'));
    expect(errors.map((e) => [e.code, e.file, e.line])).toEqual([
      ['FrontMatterUnterminated', 'content/pages/d.md', 1],
      ['InvalidDate', 'content/posts/a.md', 3],
      ['FrontMatterInvalid', 'content/posts/b.md', 3],
      ['FrontMatterInvalid', 'content/posts/c.md', 3],
    ]);
    expect(errors[1]!.message).toContain('month');
    expect(existsSync(path.join(site, 'dist'))).toBe(false);
  });

  it('refuses two sources on one URL, naming both files', async () => {
    const site = path.join(root, 'dup');
    writeFiles(site, {
      'quire.config.json': configJson(),
      'content/posts/hello.md': '---\ntitle: One\ndate: 2025-01-01\n---\nOne.\n',
      'content/posts/2024-05-01-hello.md': '---\ntitle: Two\n---\nTwo.\n',
      'content/posts/other.md': '---\ntitle: Three\ndate: 2025-01-03\nslug: hello\n---\nThree.\n',
    });
    const errors = await buildErrors(site, path.join(site, 'dist'));
    expect(errors.length).toBe(2);
    for (const e of errors) {
      expect(e.code).toBe('DuplicateUrl');
      expect(e.message).toContain('content/posts/2024-05-01-hello.md');
    }
    expect(errors.map((e) => e.message).join('\n')).toContain('content/posts/hello.md');
    expect(errors.map((e) => e.message).join('\n')).toContain('content/posts/other.md');
  });

  it('reports a link to a missing source with file:line:column', async () => {
    const site = path.join(root, 'link');
    writeFiles(site, {
      'quire.config.json': configJson(),
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\n\nIntro.\n\nSee [the other post](./nope.md#x) for more.\n',
    });
    const errors = await buildErrors(site, path.join(site, 'dist'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'BrokenLink', file: 'content/posts/a.md', line: 8, column: 5 });
    expect(errors[0]!.message).toContain('./nope.md');
  });

  it('refuses a permalink that would leave the output folder', async () => {
    const site = path.join(root, 'escape');
    writeFiles(site, {
      'quire.config.json': configJson(),
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\npermalink: /../../outside/\n---\nA.\n',
    });
    const errors = await buildErrors(site, path.join(site, 'dist'));
    expect(errors[0]).toMatchObject({ code: 'UnsafePath', file: 'content/posts/a.md', line: 4 });
    expect(existsSync(path.join(root, 'outside'))).toBe(false);
  });

  it('refuses to build into the project or content folder', async () => {
    const site = path.join(root, 'outdir');
    writeFiles(site, { 'quire.config.json': configJson(), 'content/posts/a.md': '# A\n' });
    for (const outDir of [site, path.join(site, 'content'), root, '/']) {
      const errors = await buildErrors(site, outDir);
      expect(errors[0]!.code).toBe('OutDirUnsafe');
    }
    expect(existsSync(path.join(site, 'content/posts/a.md'))).toBe(true);
  });
});

describe('extending a site', () => {
  it('runs remark and rehype plugins from the config, with their options', async () => {
    const root = tempDir();
    try {
      writeFiles(root, {
        'quire.config.mjs': `
          const shout = () => (tree) => {
            const walk = (n) => { if (n.type === 'text') n.value = n.value.toUpperCase(); (n.children || []).forEach(walk); };
            walk(tree);
          };
          const stamp = (options) => (tree) => {
            const walk = (n) => { if (n.type === 'element' && n.tagName === 'p') n.properties.dataStamp = options.value; (n.children || []).forEach(walk); };
            walk(tree);
          };
          export default { title: 'P', timezone: 'UTC', markdown: { remarkPlugins: [shout], rehypePlugins: [[stamp, { value: 'ok' }]] } };
        `,
        'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\nquiet words\n',
      });
      await build({ root, outDir: path.join(root, 'dist'), now: NOW });
      expect(readFileSync(path.join(root, 'dist/posts/a/index.html'), 'utf8')).toContain('<p data-stamp="ok">QUIET WORDS</p>');
    } finally {
      remove(root);
    }
  });

  it('uses a site template of the same name instead of the default theme’s, file by file', async () => {
    const root = tempDir();
    try {
      writeFiles(root, {
        'quire.config.json': configJson(),
        'templates/post.liquid': '<!doctype html><title>{{ post.title }}</title><main class="mine">{{ post.content | raw }}</main>',
        'templates/static/assets/quire.css': 'body { color: red }',
        'content/posts/a.md': '---\ntitle: <A & B>\ndate: 2025-01-01\n---\nText.\n',
      });
      await build({ root, outDir: path.join(root, 'dist'), now: NOW });
      const post = readFileSync(path.join(root, 'dist/posts/a/index.html'), 'utf8');
      expect(post).toBe('<!doctype html><title>&lt;A &amp; B&gt;</title><main class="mine"><p>Text.</p></main>');
      // other templates still come from the default theme
      expect(readFileSync(path.join(root, 'dist/index.html'), 'utf8')).toContain('<a class="site-title"');
      expect(readFileSync(path.join(root, 'dist/assets/quire.css'), 'utf8')).toBe('body { color: red }');
      expect(existsSync(path.join(root, 'dist/favicon.svg'))).toBe(true);
    } finally {
      remove(root);
    }
  });
});
