// The four generators of the comparison, each as a site folder that reads the SAME generated
// Markdown (content/posts/post-NNNNN.md, copied unchanged) plus the least each needs to render one
// HTML page per post with highlighted code, a paginated home page (10 titles a page) and a page
// per tag: quire (the corpus folder itself), Hugo (hugo.toml, Chroma with inline styles), Eleventy
// 3 (eleventy-plugin-syntaxhighlight: Prism) and Hexo 8 (its default highlight.js highlighting).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function write(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

function copyPosts(corpus, to) {
  cpSync(path.join(corpus, 'content/posts'), to, { recursive: true });
}

function linkModules(site, peers) {
  symlinkSync(path.join(peers, 'node/node_modules'), path.join(site, 'node_modules'), 'dir');
}

function npmVersion(peers, name) {
  return JSON.parse(readFileSync(path.join(peers, 'node/node_modules', name, 'package.json'), 'utf8')).version;
}

const page = (title, body) => `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head>\n<body><main>${body}</main></body></html>\n`;

const quire = {
  name: 'quire',
  out: 'dist',
  // Code blocks: <pre class="shiki"> with one <span style="color:…;--shiki-dark:…"> per token.
  block: /<pre class="shiki"/g,
  token: /<span style="color:#[0-9A-Fa-f]{6};--shiki-dark:/,
  setup(site, corpus) {
    cpSync(corpus, site, { recursive: true });
  },
  // ctx.quire: a copy of the compiled package (see snapshotQuire), so one run measures one version.
  command: (site, ctx) => [process.execPath, [path.join(ctx.quire ?? repo, 'bin/quire.js'), 'build', '--quiet', '--root', site]],
  clean: (site) => ['dist', '.quire-cache'].map((d) => path.join(site, d)),
  version(ctx) {
    const pkg = JSON.parse(readFileSync(path.join(ctx.quire, 'package.json'), 'utf8')).version;
    if (ctx.quireFrom && ctx.quireFrom !== repo) return `quire ${pkg} (from ${ctx.quireFrom}) + Shiki`;
    const rev = spawnSync('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
    const dirty = spawnSync('git', ['-C', repo, 'status', '--porcelain', '--', 'src', 'templates'], { encoding: 'utf8' }).stdout.trim();
    return `quire ${pkg} (${rev}${dirty ? ' + uncommitted src changes' : ''}) + Shiki`;
  },
};

const hugo = {
  name: 'Hugo',
  out: 'public',
  // Chroma with noClasses (inline styles): <div class="highlight"><pre …> and <span style="color:#…">.
  block: /<div class="highlight"><pre tabindex="0" style=/g,
  token: /<span style="color:#[0-9a-f]{3,6}/,
  setup(site, corpus) {
    copyPosts(corpus, path.join(site, 'content/posts'));
    write(site, {
      'hugo.toml': [
        'baseURL = "https://example.org/"',
        'languageCode = "zh-CN"',
        'title = "Bench"',
        'timeZone = "Asia/Shanghai"',
        'paginate = 10',
        '[markup.goldmark.renderer]',
        '  unsafe = true',
        '[markup.highlight]',
        '  codeFences = true',
        '  noClasses = true',
        '  style = "github"',
        '',
      ].join('\n'),
      'layouts/_default/single.html': page(
        '{{ .Title }} · {{ site.Title }}',
        '<article><h1>{{ .Title }}</h1>\n<p><time>{{ .Date.Format "2006-01-02" }}</time>{{ range .GetTerms "tags" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>\n{{ .Content }}</article>',
      ),
      'layouts/_default/list.html': page(
        '{{ .Title }} · {{ site.Title }}',
        '<h1>{{ .Title }}</h1><ul>\n{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>\n{{ end }}</ul>\n{{ with .Paginator.Next }}<a href="{{ .URL }}">next</a>{{ end }}',
      ),
    });
  },
  command: (site) => ['hugo', ['--quiet', '--source', site, '--cacheDir', path.join(site, '.hugo-cache')]],
  clean: (site) => ['public', 'resources', '.hugo-cache', '.hugo_build.lock'].map((d) => path.join(site, d)),
  version: () => `Hugo ${spawnSync('hugo', ['version'], { encoding: 'utf8' }).stdout.split(' ')[1].replace(/^v|\+.*/g, '')} + Chroma`,
};

const eleventy = {
  name: 'Eleventy',
  out: '_site',
  // Prism: <pre class="language-go"><code class="language-go"><span class="token keyword">.
  block: /<pre class="language-[\w-]+"/g,
  token: /<span class="token [\w-]+/,
  setup(site, corpus, peers) {
    copyPosts(corpus, path.join(site, 'src/posts'));
    linkModules(site, peers);
    write(site, {
      'package.json': JSON.stringify({ name: 'eleventy-bench', private: true, type: 'module' }),
      'eleventy.config.mjs': [
        "import syntaxHighlight from '@11ty/eleventy-plugin-syntaxhighlight';",
        'export default function (eleventyConfig) {',
        '  eleventyConfig.addPlugin(syntaxHighlight);',
        "  eleventyConfig.addCollection('posts', (api) => api.getFilteredByGlob('src/posts/*.md').reverse());",
        "  return { dir: { input: 'src', output: '_site' } };",
        '}',
        '',
      ].join('\n'),
      'src/posts/posts.json': JSON.stringify({ layout: 'post.njk' }),
      'src/_includes/post.njk': page(
        '{{ title }} · Bench',
        '<article><h1>{{ title }}</h1>\n<p><time>{{ page.date.toISOString().slice(0, 10) }}</time>{% for tag in tags %} · <a href="/tags/{{ tag | urlencode }}/">{{ tag }}</a>{% endfor %}</p>\n{{ content | safe }}</article>',
      ),
      'src/index.njk':
        '---\npagination:\n  data: collections.posts\n  size: 10\npermalink: "/{% if pagination.pageNumber > 0 %}page/{{ pagination.pageNumber + 1 }}/{% endif %}index.html"\n---\n' +
        page(
          'Bench',
          '<ul>\n{% for post in pagination.items %}<li><a href="{{ post.url }}">{{ post.data.title }}</a> <time>{{ post.date.toISOString().slice(0, 10) }}</time></li>\n{% endfor %}</ul>\n{% if pagination.href.next %}<a href="{{ pagination.href.next }}">next</a>{% endif %}',
        ),
      'src/tags.njk':
        '---\npagination:\n  data: collections\n  size: 1\n  alias: tag\n  filter: [all, posts]\npermalink: "/tags/{{ tag | urlencode }}/"\n---\n' +
        page('{{ tag }} · Bench', '<h1>{{ tag }}</h1><ul>\n{% for post in collections[tag] | reverse %}<li><a href="{{ post.url }}">{{ post.data.title }}</a></li>\n{% endfor %}</ul>'),
    });
  },
  command: (site, ctx) => [process.execPath, [path.join(ctx.peers, 'node/node_modules/@11ty/eleventy/cmd.cjs'), '--quiet']],
  clean: (site) => ['_site', '.cache'].map((d) => path.join(site, d)),
  version: (ctx) => `Eleventy ${npmVersion(ctx.peers, '@11ty/eleventy')} + syntaxhighlight ${npmVersion(ctx.peers, '@11ty/eleventy-plugin-syntaxhighlight')} (Prism)`,
};

const hexo = {
  name: 'Hexo',
  out: 'public',
  // highlight.js through hexo-util: <figure class="highlight go"><table>… <span class="keyword">.
  block: /<figure class="highlight [\w-]+"/g,
  blockEnd: '</figure>',
  token: /<span class="(?:keyword|string|title|built_in|comment|attr|number)/,
  setup(site, corpus, peers) {
    copyPosts(corpus, path.join(site, 'source/_posts'));
    linkModules(site, peers);
    const deps = ['hexo', 'hexo-renderer-marked', 'hexo-renderer-ejs', 'hexo-generator-index', 'hexo-generator-tag'];
    write(site, {
      'package.json': JSON.stringify({ name: 'hexo-bench', private: true, hexo: { version: npmVersion(peers, 'hexo') }, dependencies: Object.fromEntries(deps.map((d) => [d, npmVersion(peers, d)])) }, null, 2),
      '_config.yml': [
        'title: Bench',
        'url: https://example.org',
        'language: zh-CN',
        'timezone: Asia/Shanghai',
        'permalink: :year/:month/:day/:title/',
        'theme: bench',
        'syntax_highlighter: highlight.js',
        'index_generator:',
        "  path: ''",
        '  per_page: 10',
        '  order_by: -date',
        'tag_generator:',
        '  per_page: 10',
        '',
      ].join('\n'),
      'themes/bench/layout/post.ejs': page(
        '<%= page.title %> · <%= config.title %>',
        "<article><h1><%= page.title %></h1>\n<p><time><%= date(page.date, 'YYYY-MM-DD') %></time><% page.tags.each(function (tag) { %> · <a href=\"<%- url_for(tag.path) %>\"><%= tag.name %></a><% }) %></p>\n<%- page.content %></article>",
      ),
      'themes/bench/layout/index.ejs': page(
        '<%= config.title %>',
        "<ul>\n<% page.posts.each(function (post) { %><li><a href=\"<%- url_for(post.path) %>\"><%= post.title %></a> <time><%= date(post.date, 'YYYY-MM-DD') %></time></li>\n<% }) %></ul>\n<% if (page.next_link) { %><a href=\"<%- url_for(page.next_link) %>\">next</a><% } %>",
      ),
    });
  },
  command: (site, ctx) => [process.execPath, [path.join(ctx.peers, 'node/node_modules/hexo-cli/bin/hexo'), 'generate', '--silent']],
  clean: (site) => ['public', 'db.json'].map((d) => path.join(site, d)),
  version: (ctx) => `Hexo ${npmVersion(ctx.peers, 'hexo')} + highlight.js (hexo-util)`,
};

export const TOOLS = { quire, hugo, eleventy, hexo };

/**
 * Copies the compiled quire (bin, lib, templates, scaffold, package.json; node_modules linked) to
 * dir, so that recompiling the work tree during a run does not change what is measured.
 */
export function snapshotQuire(from = repo, dir) {
  if (!existsSync(path.join(from, 'lib/cli.js'))) throw new Error(`no compiled quire in ${from}: run npx tsc -p tsconfig.build.json`);
  for (const part of ['bin', 'lib', 'templates', 'scaffold', 'package.json']) cpSync(path.join(from, part), path.join(dir, part), { recursive: true });
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Removes a tool's output and caches: the next build is cold. */
export function clean(tool, site) {
  for (const p of tool.clean(site)) rmSync(p, { recursive: true, force: true });
}

/** The built page of every post: post-NNNNN → file, found by walking the output folder. */
export function postPages(tool, site) {
  const pages = new Map();
  const out = path.join(site, tool.out);
  if (!existsSync(out)) return pages;
  for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (entry.name !== 'index.html') continue;
    const name = path.basename(entry.parentPath);
    if (/^post-\d{5}$/.test(name)) pages.set(name, path.join(entry.parentPath, entry.name));
  }
  return pages;
}

/** Problems with a tool's output: not one page per post, or a post without two highlighted blocks. */
export function verifyOutput(tool, site, n) {
  const pages = postPages(tool, site);
  const problems = [];
  if (pages.size !== n) problems.push(`${pages.size} post pages for ${n} posts`);
  for (const file of pages.values()) {
    const html = readFileSync(file, 'utf8');
    const blocks = [...html.matchAll(tool.block)].map((m) => html.slice(m.index, html.indexOf(tool.blockEnd ?? '</pre>', m.index)));
    const plain = blocks.filter((b) => !tool.token.test(b)).length;
    if (blocks.length !== 2 || plain) problems.push(`${path.relative(site, file)}: ${blocks.length} code blocks (want 2), ${plain} without highlighted tokens`);
    if (problems.length > 5) break;
  }
  return problems;
}
