import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { selectAll } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedCodeBlock } from '../../../src/render/code/feed-code-block.js';
import type { DualLines } from '../../../src/render/code/tokenize.js';
import { createCodeHighlighter, type CodeHighlighter } from '../../../src/render/highlight.js';

/** Serialise, then read back with a real HTML parser (parse5), as a browser or reader would. */
function reparse(node: Element): Element {
  return fromHtml(toHtml(node), { fragment: true }).children.find((c): c is Element => c.type === 'element')!;
}
function codeText(html: Element): string {
  return toString(selectAll('pre', html)[0]!);
}
function feedHtml(node: Element): string {
  return toHtml({ type: 'root', children: feedCodeBlock(node)! });
}

const EDGE_CASES: Array<[string, string]> = [
  ['go', 'package main\n\nfunc main() {}'],
  ['xml', '<a><![CDATA[ x ]]> y ]]> </a>'],
  ['html', '<pre><code>inner</code></pre>\n</code></pre>\n<!-- comment --> -->'],
  ['typescript', 'const s = "]]>]]>" + `</script>` + "<!--";\n\ttab\there'],
  ['nosuchlang', 'define x => <y> & "z"'],
  ['', 'no language at all < & >'],
  ['go', ''],
  ['text', '   leading spaces\n\ttabs\n\n\ntrailing blank lines\n\n'],
  ['yaml', 'a: 1\r\nb: 2'],
  ['bash', 'echo "中文 café 🚀 \\u00e9"'],
];

describe('code blocks', () => {
  let highlighter: CodeHighlighter;
  const store = new Map<string, DualLines>();
  let sets = 0;
  beforeAll(async () => {
    highlighter = await createCodeHighlighter({
      themes: { light: 'github-light', dark: 'github-dark' },
      aliases: { vue2: 'vue' },
      lineNumbers: false,
      tabWidth: 4,
      cache: {
        get: (k) => store.get(k),
        set: (k, v) => {
          sets++;
          store.set(k, v);
        },
      },
    });
    await highlighter.load(['go', 'xml', 'html', 'typescript', 'yaml', 'bash', 'diff', 'sh', 'zsh', 'yml', 'ts', 'golang', 'dockerfile', 'vue2']);
  });
  afterAll(() => highlighter.dispose());

  it('resolves the usual aliases', () => {
    expect(['sh', 'shell', 'zsh', 'yml', 'ts', 'golang', 'dockerfile', 'docker', 'vue2', 'text', ''].map((l) => highlighter.resolve(l))).toEqual([
      'sh',
      'shell',
      'zsh',
      'yml',
      'ts',
      'go',
      'dockerfile',
      'docker',
      'vue',
      'plain',
      'plain',
    ]);
    expect(highlighter.resolve('nosuchlang')).toBeUndefined();
  });

  for (const [lang, code] of EDGE_CASES) {
    it(`keeps the exact text of ${JSON.stringify(code.slice(0, 30))} (${lang || 'no language'}) on the page and in the feed`, () => {
      const source = code.replace(/\r\n/g, '\n');
      const { element, unknownLanguage } = highlighter.render(source, lang, undefined);
      expect(unknownLanguage).toBe(lang === 'nosuchlang');
      expect(codeText(reparse(element))).toBe(source);
      const feed = fromHtml(feedHtml(element), { fragment: true });
      expect(toString(selectAll('pre', feed)[0]!)).toBe(source);
      // nothing but <pre><code> and coloured spans in the feed form
      expect(selectAll('figure, button, [class], script', feed)).toEqual([]);
      expect(feedHtml(element)).not.toContain('--shiki');
    });
  }

  it('carries both themes: inline light colours and dark CSS variables', () => {
    const html = toHtml(highlighter.render('func main() {}', 'go', undefined).element);
    expect(html).toMatch(/<pre class="shiki" style="color:#24292e;background-color:#fff;--shiki-dark:#e1e4e8;--shiki-dark-bg:#24292e;tab-size:4"/);
    expect(html).toMatch(/<span style="color:#D73A49;--shiki-dark:#F97583">func <\/span><span style="color:#6F42C1;--shiki-dark:#B392F0">main<\/span>/);
  });

  it('shows a title, highlighted lines and line numbers as CSS, never as text', () => {
    const code = 'a := 1\nb := 2\nc := 3\nd := 4';
    const { element } = highlighter.render(code, 'go', '{1,3-4} title="pkg/loader.go" showLineNumbers{10}');
    const page = reparse(element);
    expect(page.properties['className']).toEqual(['code-block', 'line-numbers', 'has-highlighted']);
    expect(toString(selectAll('figcaption', page)[0]!)).toBe('pkg/loader.go');
    const lines = selectAll('.line', page);
    expect(lines.map((l) => (l.properties['className'] as string[]).includes('highlighted'))).toEqual([true, false, true, true]);
    expect(codeText(page)).toBe(code);
    expect(toHtml(page)).toContain('counter-reset:line 9');
    // in the feed: the title as a caption paragraph, highlighted lines as inline backgrounds
    const feed = feedHtml(element);
    expect(feed.startsWith('<p><code>pkg/loader.go</code></p><pre')).toBe(true);
    expect(feed.match(/background-color:#fff8c5/g)).toHaveLength(3);
  });

  it('turns diff notation into marked lines without the comments, and marks diff fences', () => {
    const { element } = highlighter.render('old() // [!code --]\nnew() // [!code ++]', 'go', undefined);
    const page = reparse(element);
    expect(codeText(page)).toBe('old()\nnew()');
    expect(selectAll('.line', page).map((l) => (l.properties['className'] as string[]).join(' '))).toEqual(['line diff remove', 'line diff add']);
    const diff = reparse(highlighter.render('-a\n+b\n c', 'diff', undefined).element);
    expect(codeText(diff)).toBe('-a\n+b\n c');
    expect(selectAll('.line.add', diff)).toHaveLength(1);
  });

  it('highlights a 10,000-line block', () => {
    const code = Array.from({ length: 10_000 }, (_, i) => `x${i} := ${i} // line ${i}`).join('\n');
    const { element } = highlighter.render(code, 'go', 'showLineNumbers');
    expect(selectAll('.line', element)).toHaveLength(10_000);
    expect(toString(selectAll('pre', element)[0]!)).toBe(code);
  });

  it('tokenizes a block once: the second time comes from the cache', () => {
    const before = sets;
    const first = toHtml(highlighter.render('var cached = 1', 'go', undefined).element);
    expect(sets).toBe(before + 1);
    const second = toHtml(highlighter.render('var cached = 1', 'go', '{1}').element);
    expect(sets).toBe(before + 1);
    expect(second.replace(' highlighted', '').replace(' has-highlighted', '')).toBe(first);
  });
});
