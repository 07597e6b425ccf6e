import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { selectAll } from 'hast-util-select';
import { createHighlighter } from 'shiki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rgb as contrast } from 'wcag-contrast';
import { feedCodeBlock } from '../../../src/render/code/feed-code-block.js';
import type { DualLines } from '../../../src/render/code/tokenize.js';
import { createCodeHighlighter, shikiTokens, type CodeHighlighter, type CodeBlockResult, type TokenRequest, type TokenSource } from '../../../src/render/highlight.js';

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
  const source = shikiTokens({ light: 'github-light', dark: 'github-dark' });
  beforeAll(async () => {
    highlighter = await createCodeHighlighter({
      themes: { light: 'github-light', dark: 'github-dark' },
      aliases: { vue2: 'vue' },
      lineNumbers: false,
      tabWidth: 4,
      cache: {
        has: (k) => store.has(k),
        get: (k) => store.get(k),
        set: (k, v) => {
          sets++;
          store.set(k, v);
        },
      },
    }, source);
  });
  afterAll(() => {
    highlighter.dispose();
    source.dispose();
  });
  /** Prepare one block, then render it, as a page's transform does. */
  const render = async (code: string, fence: string, meta: string | undefined): Promise<CodeBlockResult> => {
    await highlighter.prepare([{ code, fence }]);
    return highlighter.render(code, fence, meta);
  };

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
    it(`keeps the exact text of ${JSON.stringify(code.slice(0, 30))} (${lang || 'no language'}) on the page and in the feed`, async () => {
      const source = code.replace(/\r\n/g, '\n');
      const { element, unknownLanguage } = await render(source, lang, undefined);
      expect(unknownLanguage).toBe(lang === 'nosuchlang');
      expect(codeText(reparse(element))).toBe(source);
      const feed = fromHtml(feedHtml(element), { fragment: true });
      expect(toString(selectAll('pre', feed)[0]!)).toBe(source);
      // nothing but <pre><code> and coloured spans in the feed form; the one class names the fence's language
      expect(selectAll('figure, button, script', feed)).toEqual([]);
      expect(selectAll('[class]', feed).map((e) => `${e.tagName}.${(e.properties['className'] as string[]).join('.')}`)).toEqual(lang ? [`code.language-${lang}`] : []);
      expect(feedHtml(element)).not.toContain('--shiki');
    });
  }

  it('carries both themes: inline light colours and dark CSS variables', async () => {
    const html = toHtml((await render('func main() {}', 'go', undefined)).element);
    expect(html).toMatch(/<pre class="shiki" style="color:#24292e;background-color:#fff;--shiki-dark:#e1e4e8;--shiki-dark-bg:#24292e;tab-size:4"/);
    expect(html).toMatch(/<span style="color:#D73A49;--shiki-dark:#F97583">func <\/span><span style="color:#6F42C1;--shiki-dark:#B392F0">main<\/span>/);
  });

  it('shows a title, highlighted lines and line numbers as CSS, never as text', async () => {
    const code = 'a := 1\nb := 2\nc := 3\nd := 4';
    const { element } = await render(code, 'go', '{1,3-4} title="pkg/loader.go" showLineNumbers{10}');
    const page = reparse(element);
    expect(page.properties['className']).toEqual(['code-block', 'line-numbers', 'has-highlighted']);
    expect(toString(selectAll('figcaption', page)[0]!)).toBe('pkg/loader.go');
    const lines = selectAll('.line', page);
    expect(lines.map((l) => (l.properties['className'] as string[]).includes('highlighted'))).toEqual([true, false, true, true]);
    expect(codeText(page)).toBe(code);
    expect(toHtml(page)).toContain('counter-reset:line 9');
    // in the feed: the title as a caption paragraph, highlighted lines as translucent inline backgrounds
    const feed = feedHtml(element);
    expect(feed.startsWith('<p><code>pkg/loader.go</code></p><pre')).toBe(true);
    expect(feed.match(/background-color:rgba\(255,200,0,0\.22\)/g)).toHaveLength(3);
  });

  it('turns diff notation into marked lines without the comments, and marks diff fences', async () => {
    const { element } = await render('old() // [!code --]\nnew() // [!code ++]', 'go', undefined);
    const page = reparse(element);
    expect(codeText(page)).toBe('old()\nnew()');
    expect(selectAll('.line', page).map((l) => (l.properties['className'] as string[]).join(' '))).toEqual(['line diff remove', 'line diff add']);
    const diff = reparse((await render('-a\n+b\n c', 'diff', undefined)).element);
    expect(codeText(diff)).toBe('-a\n+b\n c');
    expect(selectAll('.line.add', diff)).toHaveLength(1);
    // in the feed: <del>/<ins> around the removed and added lines, the code text unchanged
    for (const [element, expected] of [[page, 'old()\nnew()'], [diff, '-a\n+b\n c']] as const) {
      const feed = fromHtml(feedHtml(element), { fragment: true });
      expect(toString(selectAll('pre', feed)[0]!)).toBe(expected);
      expect(selectAll('del', feed).map((e) => toString(e))).toEqual([expected.split('\n')[0]]);
      expect(selectAll('ins', feed).map((e) => toString(e))).toEqual([expected.split('\n')[1]]);
    }
  });

  it('gives feeds no token colours, only a neutral tint that reads on light and dark readers', async () => {
    const feed = fromHtml(feedHtml((await render('func main() { // [!code ++]\n\treturn\n}', 'go', '{2}')).element), { fragment: true });
    const styles = selectAll('[style]', feed).map((e) => String(e.properties['style']));
    expect(styles.length).toBeGreaterThan(0);
    expect(styles.filter((s) => /(^|;)\s*color\s*:/.test(s))).toEqual([]);
    // Every background, laid over a light and a dark reader page, against that reader's text colour.
    const readers = [{ page: [255, 255, 255], text: [31, 35, 40] }, { page: [30, 30, 30], text: [230, 230, 230] }, { page: [0, 0, 0], text: [255, 255, 255] }];
    // No span without a style: a reader's feed holds the code, not a wrapper per token.
    expect(selectAll('span:not([style])', feed)).toEqual([]);
    const backgrounds = styles.flatMap((s) => [...s.matchAll(/background-color:rgba\((\d+),(\d+),(\d+),([\d.]+)\)/g)].map((m) => m.slice(1).map(Number)));
    expect(backgrounds.length).toBe(3);
    for (const [r, g, b, a] of backgrounds) {
      for (const reader of readers) {
        const over = reader.page.map((c, i) => Math.round([r!, g!, b!][i]! * a! + c * (1 - a!)));
        expect(contrast(over, reader.text), `rgba(${r},${g},${b},${a}) over ${reader.page.join(',')}`).toBeGreaterThanOrEqual(7);
      }
    }
  });

  it('highlights a 10,000-line block', async () => {
    const code = Array.from({ length: 10_000 }, (_, i) => `x${i} := ${i} // line ${i}`).join('\n');
    const { element } = await render(code, 'go', 'showLineNumbers');
    expect(selectAll('.line', element)).toHaveLength(10_000);
    expect(toString(selectAll('pre', element)[0]!)).toBe(code);
  });

  it('tokenizes a block once: the second time comes from the cache', async () => {
    const before = sets;
    const first = toHtml((await render('var cached = 1', 'go', undefined)).element);
    expect(sets).toBe(before + 1);
    const second = toHtml((await render('var cached = 1', 'go', '{1}')).element);
    expect(sets).toBe(before + 1);
    expect(second.replace(' highlighted', '').replace(' has-highlighted', '')).toBe(first);
  });
});

describe('where tokens come from', () => {
  /** A token source that records what it was asked, backed by real shiki (as a worker's would be). */
  function countingSource(): TokenSource & { asked: TokenRequest[][] } {
    const shiki = shikiTokens({ light: 'github-light', dark: 'github-dark' });
    const asked: TokenRequest[][] = [];
    return {
      asked,
      tokenize(requests) {
        asked.push([...requests]);
        return shiki.tokenize(requests);
      },
      dispose: () => shiki.dispose(),
    };
  }
  const options = (store: Map<string, DualLines>) => ({
    themes: { light: 'github-light', dark: 'github-dark' },
    aliases: {},
    lineNumbers: false,
    tabWidth: 4,
    cache: { has: (k: string) => store.has(k), get: (k: string) => store.get(k), set: (k: string, v: DualLines) => void store.set(k, v) },
  });

  it('asks once per distinct block, never for cached, plain or unknown ones, and not again while an answer is on its way', async () => {
    const source = countingSource();
    const store = new Map<string, DualLines>();
    const highlighter = await createCodeHighlighter(options(store), source);
    try {
      const blocks = [
        { code: 'x := 1 // [!code ++]', fence: 'go' },
        { code: 'x := 1', fence: 'golang' },
        { code: 'plain', fence: 'text' },
        { code: 'what', fence: 'nosuchlang' },
        { code: 'let a = 1', fence: 'ts' },
      ];
      // two prepares of the same blocks at once (a prefetch and a render): one request
      await Promise.all([highlighter.prepare(blocks), highlighter.prepare(blocks)]);
      expect(source.asked).toEqual([
        [
          { lang: 'go', code: 'x := 1' },
          { lang: 'ts', code: 'let a = 1' },
        ],
      ]);
      const html = blocks.map((b) => toHtml(highlighter.render(b.code, b.fence, undefined).element));
      expect(html[1]).toContain('--shiki-dark');
      expect(html[2]).toContain('code-plain');
      expect(store.size).toBe(2);
      // all in the cache now: nothing more is asked
      await highlighter.prepare(blocks);
      expect(source.asked).toHaveLength(1);
    } finally {
      highlighter.dispose();
      source.dispose();
    }
  });

  it('refuses to render code it was not given to prepare, instead of showing it plain', async () => {
    const source = countingSource();
    const highlighter = await createCodeHighlighter(options(new Map()), source);
    try {
      expect(() => highlighter.render('fn main() {}', 'rust', undefined)).toThrow(/rust code block was rendered before it was prepared/);
    } finally {
      highlighter.dispose();
      source.dispose();
    }
  });

  it("gives a block its themes' text and background colours as shiki itself does, without loading a grammar", async () => {
    const themes = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' };
    const source = countingSource();
    const highlighter = await createCodeHighlighter({ ...options(new Map()), themes }, source);
    const shiki = await createHighlighter({ themes: [themes.light, themes.dark], langs: ['sql'] });
    try {
      await highlighter.prepare([{ code: 'SELECT 1', fence: 'sql' }]);
      const ours = /<pre class="shiki" style="color:([^;]+);background-color:([^;]+);--shiki-dark:([^;]+);--shiki-dark-bg:([^;]+);/.exec(toHtml(highlighter.render('SELECT 1', 'sql', undefined).element));
      const theirs = shiki.codeToHtml('SELECT 1', { lang: 'sql', themes });
      expect(ours).not.toBeNull();
      const [, fg, bg, darkFg, darkBg] = ours!;
      for (const expected of [`color:${fg}`, `background-color:${bg}`, `--shiki-dark:${darkFg}`, `--shiki-dark-bg:${darkBg}`]) expect(theirs.slice(0, theirs.indexOf('>'))).toContain(expected);
    } finally {
      highlighter.dispose();
      source.dispose();
      shiki.dispose();
    }
  });
});
