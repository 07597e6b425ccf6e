import { createHighlighter, type BundledLanguage, type BundledTheme, type Highlighter } from 'shiki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDualThemeTokenizer } from '../../../src/render/code/tokenize.js';

const SAMPLES: Record<string, string> = {
  go: 'package main\n\nimport "fmt"\n\n// Greet says hello.\nfunc Greet(name string) string {\n\treturn fmt.Sprintf("hello, %s", name)\n}\n',
  typescript: 'export async function load(path: string): Promise<Entry> {\n  const text = await readFile(path, "utf8"); // read\n  return { ...parse(text), path } as const;\n}\ntype A<T> = T extends string ? `x${T}` : never;',
  yaml: 'title: 半瓶水\ntags: [go, 工具]\nnested:\n  key: "value"  # comment\n  n: 3.14\n',
  toml: '[server]\nhost = "0.0.0.0"\nport = 8080\ndate = 2025-07-09T06:48:00+08:00\n',
  bash: '#!/usr/bin/env bash\nset -euo pipefail\nfor f in content/*.md; do\n  echo "${f%.md}" | tr a-z A-Z\ndone\n',
  c: '#include <stdio.h>\nint main(void) {\n  printf("%d\\n", 42); /* x */\n  return 0;\n}\n',
  html: '<div class="a">\n  <script>const x = 1 < 2 && "]]>";</script>\n<!-- c -->\n</div>',
  python: '@dataclass\nclass Entry:\n    title: str\n    def slug(self) -> str:\n        return re.sub(r"\\s+", "-", self.title.lower())\n',
};

describe('createDualThemeTokenizer', () => {
  const pairs: Array<{ light: BundledTheme; dark: BundledTheme }> = [
    { light: 'github-light', dark: 'github-dark' },
    { light: 'one-light', dark: 'one-dark-pro' },
    { light: 'catppuccin-latte', dark: 'catppuccin-mocha' },
  ];
  let highlighter: Highlighter;
  beforeAll(async () => {
    highlighter = await createHighlighter({ themes: pairs.flatMap((p) => [p.light, p.dark]), langs: Object.keys(SAMPLES) });
  });
  afterAll(() => highlighter.dispose());

  for (const themes of pairs) {
    it(`colours every visible character exactly as shiki's own dual-theme tokenization does (${themes.light} / ${themes.dark})`, () => {
      const tokenizer = createDualThemeTokenizer(highlighter, themes);
      let compared = 0;
      for (const [lang, code] of Object.entries(SAMPLES)) {
        const reference = highlighter.codeToTokensWithThemes(code, { lang: lang as BundledLanguage, themes: themes as Record<string, BundledTheme> });
        const ours = tokenizer.tokenize(code, lang);
        expect(ours.map((line) => line.map((t) => t[0]).join('')).join('\n'), lang).toBe(code);
        expect(ours.length).toBe(reference.length);
        reference.forEach((line, i) => {
          const expected = line.flatMap((t) => [...t.content].map((ch) => ({ ch, light: t.variants['light']!.color?.toLowerCase(), dark: t.variants['dark']!.color?.toLowerCase(), lightStyle: t.variants['light']!.fontStyle ?? 0, darkStyle: t.variants['dark']!.fontStyle ?? 0 })));
          const actual = ours[i]!.flatMap(([text, light, dark, lightStyle, darkStyle]) => [...text].map((ch) => ({ ch, light: light.toLowerCase(), dark: dark.toLowerCase(), lightStyle, darkStyle })));
          expect(actual.length).toBe(expected.length);
          actual.forEach((a, j) => {
            const e = expected[j]!;
            if (/\s/.test(e.ch)) return; // whitespace is folded into its neighbour: its colour is invisible
            expect(a, `${lang} line ${i + 1} char ${j + 1} "${e.ch}"`).toEqual(e);
            compared++;
          });
        });
      }
      expect(compared).toBeGreaterThan(500);
    });
  }

  it('keeps empty lines and a trailing newline', () => {
    const tokenizer = createDualThemeTokenizer(highlighter, pairs[0]!);
    const lines = tokenizer.tokenize('a\n\nb\n', 'go');
    expect(lines.map((l) => l.map((t) => t[0]).join(''))).toEqual(['a', '', 'b', '']);
  });

  it('keeps the rest of a line when the grammar stops at its time limit (stoppedEarly), uncoloured', () => {
    // What vscode-textmate returns past its time limit — on a busy machine, the first lines of a
    // language while its regexes compile: the tokens so far and `stoppedEarly`. The rest was lost.
    const stopping = new Proxy(highlighter, {
      get(target, key) {
        if (key !== 'getLanguage') return Reflect.get(target, key) as unknown;
        return (lang: string) => {
          const grammar = target.getLanguage(lang);
          return {
            tokenizeLine: (line: string, stack: never, limit: number) => {
              const full = grammar.tokenizeLine(line, stack, limit);
              return { ...full, tokens: full.tokens.slice(0, 2), stoppedEarly: true };
            },
          };
        };
      },
    });
    const tokenizer = createDualThemeTokenizer(stopping, pairs[0]!);
    const code = "const s = '<script>alert(1)</script>'; // and more";
    const [line] = tokenizer.tokenize(code, 'typescript');
    expect(line!.map((t) => t[0]).join('')).toBe(code);
    expect(line!.at(-1)).toEqual([expect.any(String), tokenizer.fg[0], tokenizer.fg[1], 0, 0]);
  });

  it('colours a line fully when only the first attempt stops early (regexes compiling on a busy machine)', () => {
    let calls = 0;
    const slowStart = new Proxy(highlighter, {
      get(target, key) {
        if (key !== 'getLanguage') return Reflect.get(target, key) as unknown;
        return (lang: string) => {
          const grammar = target.getLanguage(lang);
          return {
            tokenizeLine: (line: string, stack: never, limit: number) => {
              const full = grammar.tokenizeLine(line, stack, limit);
              return calls++ === 0 ? { ...full, tokens: full.tokens.slice(0, 1), stoppedEarly: true } : full;
            },
          };
        };
      },
    });
    const code = "const s = 'a'; // comment";
    expect(createDualThemeTokenizer(slowStart, pairs[0]!).tokenize(code, 'typescript')).toEqual(createDualThemeTokenizer(highlighter, pairs[0]!).tokenize(code, 'typescript'));
  });
});
