import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { QuireError, type Diagnostic } from '../../../src/diagnostics.js';
import { runDigest } from '../../../src/emit/digest/run-digest.js';
import { parseWithFeedparser } from '../../helpers/feed-readers.js';
import { configJson, remove, tempDir, writeFiles } from '../../helpers/site-fixture.js';

const INLINE = 'C_{old} \\cup C_{new}';
const DISPLAY = 'q(n) = \\left\\lfloor \\frac{n}{2} \\right\\rfloor + 1';
const DIAGRAM = 'flowchart TD\n  旧[旧配置] -->|提交| 新[新配置 <b>&</b>]';
const EN_DIAGRAM = 'sequenceDiagram\n  Alice->>Bob: Hello & <welcome>';

const zhPost = `---\ntitle: 公式与图\ndate: 2025-03-01\n---\n\n联合配置 $${INLINE}$ 是两者的并集。\n\n$$\n${DISPLAY}\n$$\n\n\`\`\`mermaid\n${DIAGRAM}\n\`\`\`\n\n最后一段。\n`;
const enPost = `---\ntitle: Formulas and a diagram\ndate: 2025-03-02\nlang: en\n---\n\nEnergy is $E=mc^2$ here.\n\n$$\n${DISPLAY}\n$$\n\n\`\`\`mermaid\n${EN_DIAGRAM}\n\`\`\`\n`;
const zhWeekly = `---\ntitle: 第一期\ndate: 2025-03-02 20:00\n---\n\n本期公式 $${INLINE}$ 很短。\n\n$$\n${DISPLAY}\n$$\n\n\`\`\`mermaid\n${DIAGRAM}\n\`\`\`\n`;
const enWeekly = `---\ntitle: Issue two\ndate: 2025-03-09 20:00\nlang: en\n---\n\nThis week: $E=mc^2$.\n\n\`\`\`mermaid\n${EN_DIAGRAM}\n\`\`\`\n`;

/** A package of this repository, for a config file in a temporary folder (where bare imports cannot resolve). */
const moduleUrl = (file: string) => pathToFileURL(fileURLToPath(new URL(`../../../node_modules/${file}`, import.meta.url))).href;

const page = (root: string, rel: string) => fromHtml(readFileSync(path.join(root, 'dist', rel), 'utf8'));
const headRefs = (root: string, rel: string) => selectAll('head link[rel="stylesheet"], head script[src]', page(root, rel)).map((e) => String(e.properties['href'] ?? e.properties['src']));

async function buildErrors(root: string): Promise<readonly Diagnostic[]> {
  try {
    await build({ root, outDir: path.join(root, 'dist'), cache: false });
    return [];
  } catch (error) {
    if (error instanceof QuireError) return error.diagnostics;
    throw error;
  }
}

describe('formulas and Mermaid diagrams in the four places a post goes', () => {
  let root: string;
  let diagnostics: readonly Diagnostic[];
  beforeAll(async () => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/', paginate: 10 }),
      'content/posts/zh.md': zhPost,
      'content/posts/en.md': enPost,
      'content/posts/plain.md': '---\ntitle: 普通\ndate: 2024-01-01\n---\n\n没有公式，只花了 5 元。\n',
      'content/weekly/0001.md': zhWeekly,
      'content/weekly/0002.md': enWeekly,
    });
    diagnostics = (await build({ root, outDir: path.join(root, 'dist'), cache: false })).diagnostics;
  });
  afterAll(() => remove(root));

  it('builds without a warning (no "math" code language, no highlighted diagram)', () => {
    expect(diagnostics).toEqual([]);
  });

  it('page: formulas typeset by KaTeX (HTML and MathML with the TeX), diagrams as their source for Mermaid, assets linked only there', () => {
    const tree = page(root, 'posts/zh/index.html');
    const content = select('article .content', tree)!;
    expect(selectAll('code.language-math, pre code.math-display', content)).toEqual([]);
    const annotations = selectAll('.katex .katex-mathml annotation[encoding="application/x-tex"]', content).map((a) => toString(a));
    expect(annotations).toEqual([INLINE, DISPLAY]);
    expect(select('p > .katex', content)).toBeDefined();
    expect(selectAll('div.math-display > .katex-display .katex-html', content)).toHaveLength(1);
    expect(toString(select('div.diagram > pre.mermaid', content)!)).toBe(DIAGRAM);
    expect(selectAll('figure.code-block', content)).toEqual([]);
    expect(headRefs(root, 'posts/zh/index.html')).toEqual(expect.arrayContaining(['/blog/assets/katex/katex.min.css', '/blog/assets/mermaid/mermaid.min.js', '/blog/assets/diagrams.js']));
    expect(headRefs(root, 'posts/plain/index.html').filter((h) => /katex|mermaid|diagrams/.test(h))).toEqual([]);
    // The home page lists excerpts with formulas: it links the stylesheet too. An automatic
    // summary keeps an inline formula whole, and leaves display formulas and diagrams out.
    expect(headRefs(root, 'index.html')).toContain('/blog/assets/katex/katex.min.css');
    const summary = selectAll('article.post-summary', page(root, 'index.html')).find((a) => toString(select('h2', a)!) === '公式与图')!;
    expect(selectAll('.katex', summary).map((k) => [toString(select('annotation', k)!), select('.katex-html', k) !== undefined])).toEqual([[INLINE, true]]);
    expect(selectAll('.math-display, .diagram, pre', summary)).toEqual([]);
    expect(toString(select('.excerpt', summary)!)).toContain('最后一段。');
    for (const file of ['assets/katex/katex.min.css', 'assets/katex/fonts/KaTeX_Main-Regular.woff2', 'assets/mermaid/mermaid.min.js', 'assets/diagrams.js']) expect(existsSync(path.join(root, 'dist', file)), file).toBe(true);
    // The stylesheet's fonts are all there.
    const css = readFileSync(path.join(root, 'dist/assets/katex/katex.min.css'), 'utf8');
    for (const [, font] of css.matchAll(/url\((fonts\/[^)]+)\)/g)) expect(existsSync(path.join(root, 'dist/assets/katex', font!)), font).toBe(true);
  });

  it('feeds (feedparser): MathML with the TeX as alttext and annotation, the diagram source as code with a note linking the page', () => {
    const [rss, atom] = parseWithFeedparser([path.join(root, 'dist/feed.xml'), path.join(root, 'dist/atom.xml')]);
    for (const feed of [rss!, atom!]) {
      expect(feed.bozo).toBe(0);
      const zh = fromHtml(feed.entries.find((e) => e.title === '公式与图')!.content!, { fragment: true });
      const maths = selectAll('math', zh);
      expect(maths.map((m) => m.properties['alttext'])).toEqual([INLINE, DISPLAY]);
      expect(maths.map((m) => m.properties['display'] ?? 'inline')).toEqual(['inline', 'block']);
      expect(selectAll('annotation', zh).map((a) => toString(a))).toEqual([INLINE, DISPLAY]);
      expect(selectAll('.katex-html, [aria-hidden]', zh)).toEqual([]);
      expect(toString(select('pre > code', zh)!)).toBe(DIAGRAM);
      const note = select('pre + p', zh)!;
      expect(toString(note)).toBe('图表：在网站上查看');
      expect(select('a', note)!.properties['href']).toBe('https://example.org/blog/posts/zh/');
      const en = fromHtml(feed.entries.find((e) => e.title === 'Formulas and a diagram')!.content!, { fragment: true });
      expect(select('math', en)!.properties['alttext']).toBe('E=mc^2');
      expect(toString(select('pre > code', en)!)).toBe(EN_DIAGRAM);
      expect(toString(select('pre + p', en)!)).toBe('Diagram: view it on the site');
    }
    const json = JSON.parse(readFileSync(path.join(root, 'dist/feed.json'), 'utf8')) as { items: Array<{ title: string; content_html: string }> };
    const item = fromHtml(json.items.find((i) => i.title === '公式与图')!.content_html, { fragment: true });
    expect(selectAll('math', item).map((m) => m.properties['alttext'])).toEqual([INLINE, DISPLAY]);
  });

  it('search index and description: the TeX once, not the formula twice over; no diagram source', () => {
    const index = JSON.parse(readFileSync(path.join(root, 'dist/search/index.json'), 'utf8')) as { docs: Array<{ t: string; e: string }> };
    const doc = index.docs.find((d) => d.t === '公式与图')!;
    expect(doc.e).toContain(`联合配置 ${INLINE} 是两者的并集。`);
    expect(doc.e).not.toContain('旧配置');
    const description = String(select('meta[name="description"]', page(root, 'posts/zh/index.html'))!.properties['content']);
    expect(description).toBe(`联合配置 ${INLINE} 是两者的并集。最后一段。`);
  });

  it('digest: TeX in the text and Markdown formats, MathML in the e-mail, the diagram source with its note in all three', async () => {
    const digest = async (number: string, format: string) => (await runDigest({ number, format, out: undefined, cwd: root }, { root, cache: false })).text;
    const text = await digest('1', 'text');
    expect(text).toContain(`本期公式 $${INLINE}$ 很短。`);
    expect(text).toContain(`    ${DISPLAY}\n`);
    expect(text).toContain(DIAGRAM.split('\n').map((l) => `    ${l}`).join('\n'));
    expect(text).toMatch(/图表：在网站上查看 \[(\d+)\][\s\S]*\[\1\] https:\/\/example\.org\/blog\/weekly\/1\//);
    const markdown = await digest('1', 'markdown');
    expect(markdown).toContain(`本期公式 $${INLINE}$ 很短。`);
    expect(markdown).toContain(`$$\n${DISPLAY}\n$$`);
    expect(markdown).toContain(`\`\`\`mermaid\n${DIAGRAM}\n\`\`\``);
    const email = fromHtml(await digest('1', 'email'));
    expect(selectAll('math', email).map((m) => m.properties['alttext'])).toEqual([INLINE, DISPLAY]);
    expect(toString(select('pre', email)!)).toBe(DIAGRAM);
    const en = await digest('2', 'text');
    expect(en).toContain('This week: $E=mc^2$.');
    expect(en).toContain('Diagram: view it on the site [');
    expect(await digest('2', 'markdown')).toContain(`\`\`\`mermaid\n${EN_DIAGRAM}\n\`\`\``);
  });
});

describe('a formula KaTeX cannot typeset', () => {
  it('is a MathError at its file, line and column, and nothing is written', async () => {
    const root = tempDir();
    try {
      writeFiles(root, {
        'quire.config.json': configJson(),
        'content/posts/bad.md': '---\ntitle: 坏公式\ndate: 2025-01-01\n---\n\n好的 $x^2$ 和坏的 $\\frac{a$ 公式。\n\n$$\n\\begin{matrix} a \n$$\n',
      });
      const errors = await buildErrors(root);
      expect(errors.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([
        ['MathError', 'error', 'content/posts/bad.md', 6, 22],
        ['MathError', 'error', 'content/posts/bad.md', 8, 1],
      ]);
      expect(errors[0]!.message).toContain('\\frac{a');
      expect(errors.every((d) => d.hint?.includes('markdown.math: false'))).toBe(true);
      expect(existsSync(path.join(root, 'dist/posts/bad/index.html'))).toBe(false);
    } finally {
      remove(root);
    }
  });
});

describe('a formula with a command KaTeX does not trust', () => {
  it('is a MathError, not red text on the page', async () => {
    const root = tempDir();
    try {
      writeFiles(root, {
        'quire.config.json': configJson(),
        'content/posts/href.md': '---\ntitle: 链接\ndate: 2025-01-01\n---\n\n看 $\\href{javascript:alert(1)}{x}$。\n',
      });
      const errors = await buildErrors(root);
      expect(errors.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['MathError', 'content/posts/href.md', 6, 3]]);
      expect(errors[0]!.message).toContain('\\href is not allowed');
    } finally {
      remove(root);
    }
  });
});

describe('turning the built-ins off', () => {
  it('a site with neither formulas nor diagrams carries none of KaTeX\'s or Mermaid\'s files; one with a formula only, KaTeX\'s only', async () => {
    const root = tempDir();
    try {
      writeFiles(root, { 'quire.config.json': configJson(), 'content/posts/p.md': '---\ntitle: 文字\ndate: 2025-01-01\n---\n\n只有文字。\n' });
      await build({ root, outDir: path.join(root, 'dist'), cache: false });
      expect(existsSync(path.join(root, 'dist/posts/p/index.html'))).toBe(true);
      expect(existsSync(path.join(root, 'dist/assets/katex'))).toBe(false);
      expect(existsSync(path.join(root, 'dist/assets/mermaid'))).toBe(false);
      writeFiles(root, { 'content/posts/q.md': '---\ntitle: 公式\ndate: 2025-01-02\n---\n\n$E = mc^2$\n' });
      await build({ root, outDir: path.join(root, 'dist'), cache: false });
      expect(existsSync(path.join(root, 'dist/assets/katex/katex.min.css'))).toBe(true);
      expect(existsSync(path.join(root, 'dist/assets/mermaid'))).toBe(false);
    } finally {
      remove(root);
    }
  });

  it('markdown.math: false leaves dollars as text and copies no KaTeX; markdown.mermaid: false highlights the fence as code', async () => {
    const root = tempDir();
    try {
      writeFiles(root, {
        'quire.config.json': configJson({ markdown: { math: false, mermaid: false } }),
        'content/posts/p.md': '---\ntitle: 价格\ndate: 2025-01-01\n---\n\n从 $5 涨到 $10 了。\n\n```mermaid\ngraph TD\n  A --> B\n```\n',
      });
      const result = await build({ root, outDir: path.join(root, 'dist'), cache: false });
      expect(result.diagnostics).toEqual([]);
      const content = select('article .content', page(root, 'posts/p/index.html'))!;
      expect(toString(select('p', content)!)).toBe('从 $5 涨到 $10 了。');
      expect(select('.katex, .diagram', content)).toBeUndefined();
      expect(select('figure.code-block pre code', content)).toBeDefined();
      expect(existsSync(path.join(root, 'dist/assets/katex'))).toBe(false);
      expect(existsSync(path.join(root, 'dist/assets/mermaid'))).toBe(false);
    } finally {
      remove(root);
    }
  });
});

describe('user plugins beside the built-ins', () => {
  it('a rehype plugin that renders math itself (as rehype-katex does) still runs with markdown.math off, and its output reaches feeds as MathML', async () => {
    const root = tempDir();
    try {
      writeFiles(root, {
        'quire.config.mjs': `import katex from '${moduleUrl('katex/dist/katex.mjs')}';
import { visit } from '${moduleUrl('unist-util-visit/index.js')}';
import { fromHtml } from '${moduleUrl('hast-util-from-html/index.js')}';
import remarkMath from '${moduleUrl('remark-math/index.js')}';
const ownKatex = () => (tree) => visit(tree, 'element', (node, index, parent) => {
  const code = node.tagName === 'pre' ? node.children[0] : undefined;
  if (!code || !String(code.properties.className).includes('math-display')) return;
  parent.children[index] = fromHtml(katex.renderToString(code.children[0].value, { displayMode: true, output: 'htmlAndMathml' }), { fragment: true }).children[0];
});
export default { title: 'P', url: 'https://example.org/', timezone: 'UTC', markdown: { math: false, remarkPlugins: [remarkMath], rehypePlugins: [ownKatex] } };
`,
        'content/posts/p.md': '---\ntitle: P\ndate: 2025-01-01\n---\n\n$$\na^2+b^2=c^2\n$$\n',
      });
      const result = await build({ root, outDir: path.join(root, 'dist'), cache: false });
      expect(result.diagnostics).toEqual([]);
      expect(select('.katex-display .katex-mathml annotation', page(root, 'posts/p/index.html'))).toBeDefined();
      const [rss] = parseWithFeedparser([path.join(root, 'dist/feed.xml')]);
      const item = fromHtml(rss!.entries[0]!.content!, { fragment: true });
      const math = select('math', item) as Element;
      expect(math.properties['alttext']).toBe('a^2+b^2=c^2');
      expect(math.properties['display']).toBe('block');
    } finally {
      remove(root);
    }
  });

  it('a plugin that makes a code figure without a <pre> gets a PluginOutput warning, and its text still reaches the feed', async () => {
    const root = tempDir();
    try {
      writeFiles(root, {
        'quire.config.mjs': `const noPre = () => (tree) => {
  tree.children.push({ type: 'element', tagName: 'figure', properties: { className: ['code-block'] }, children: [{ type: 'element', tagName: 'div', properties: {}, children: [{ type: 'text', value: 'let x = 1; // 插件的代码' }] }] });
};

export default { title: 'P', url: 'https://example.org/', timezone: 'UTC', markdown: { rehypePlugins: [noPre] } };
`,
        'content/posts/p.md': '---\ntitle: P\ndate: 2025-01-01\n---\n\n正文。\n\n<iframe src="https://www.example.com/embed/1" title="written by the author"></iframe>\n',
      });
      const result = await build({ root, outDir: path.join(root, 'dist'), cache: false });
      // The author's own <iframe> is left out of feeds as always, without a warning; the plugin's figure is warned of.
      expect(result.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([['PluginOutput', 'warning', 'content/posts/p.md']]);
      const [rss] = parseWithFeedparser([path.join(root, 'dist/feed.xml')]);
      expect(rss!.entries[0]!.content).toContain('let x = 1; // 插件的代码');
    } finally {
      remove(root);
    }
  });

  it('a plugin that puts a formula in a <script type="math/tex"> gets a PluginOutput warning; a plain script does not', async () => {
    const root = tempDir();
    try {
      writeFiles(root, {
        'quire.config.mjs': `const dataScript = () => (tree) => {
  tree.children.push({ type: 'element', tagName: 'script', properties: { type: 'math/tex; mode=display' }, children: [{ type: 'text', value: 'x^2' }] });
  tree.children.push({ type: 'element', tagName: 'script', properties: {}, children: [{ type: 'text', value: 'console.log(1)' }] });
};
export default { title: 'P', url: 'https://example.org/', timezone: 'UTC', markdown: { rehypePlugins: [dataScript] } };
`,
        'content/posts/p.md': '---\ntitle: P\ndate: 2025-01-01\n---\n\n正文。\n',
      });
      const result = await build({ root, outDir: path.join(root, 'dist'), cache: false });
      expect(result.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([['PluginOutput', 'content/posts/p.md', 'a plugin made a <script> that feeds and e-mail leave out, with what it holds']]);
    } finally {
      remove(root);
    }
  });
});
