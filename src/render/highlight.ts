import { createHash } from 'node:crypto';
import type { Element } from 'hast';
import { bundledLanguages, createHighlighter, type BundledLanguage } from 'shiki';
import { codeBlockHast } from './code/code-block-hast.js';
import { parseFenceMeta } from './code/fence-meta.js';
import { diffMarks, stripNotation } from './code/notation.js';
import { createDualThemeTokenizer, type DualLines } from './code/tokenize.js';

/** Names people write in fences that shiki does not know under that name. */
const EXTRA_ALIASES: Readonly<Record<string, string>> = { golang: 'go', 'c++': 'cpp', 'c#': 'csharp', 'f#': 'fsharp', conf: 'ini', env: 'dotenv', 'objective-c': 'objc', patch: 'diff' };
/** Fences that mean "no highlighting", without a warning. */
const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'none', 'output', 'log']);
/** Longer blocks are shown plain: tokenizing megabytes of code would stall the build. */
export const MAX_HIGHLIGHT_CHARS = 500_000;

/** Highlighted tokens by a key of (code, language, themes); quire's build saves it between runs. */
export interface HighlightCache {
  get(key: string): DualLines | undefined;
  set(key: string, lines: DualLines): void;
}

export interface HighlightOptions {
  readonly themes: { readonly light: string; readonly dark: string };
  /** Extra fence-name aliases, e.g. `{ vue2: 'vue' }`. */
  readonly aliases: Readonly<Record<string, string>>;
  /** Site default for line numbers; a fence's `showLineNumbers`/`noLineNumbers` wins. */
  readonly lineNumbers: boolean;
  readonly tabWidth: number;
  readonly cache: HighlightCache | undefined;
}

export interface CodeBlockResult {
  readonly element: Element;
  /** Set when the fence named a language shiki does not know (shown plain). */
  readonly unknownLanguage: boolean;
  readonly tooLong: boolean;
}

export interface CodeHighlighter {
  /** Load the grammars of these fence languages (once each). */
  load(langs: Iterable<string>): Promise<void>;
  /** The canonical language for a fence name, `plain` for none, or undefined if unknown. */
  resolve(lang: string): string | undefined;
  /** A finished code block (figure) for fenced code; its language must be loaded. */
  render(code: string, fence: string, meta: string | null | undefined): CodeBlockResult;
  dispose(): void;
}

/** One highlighter for a whole build; grammars are loaded on demand; both themes from one tokenization. */
export async function createCodeHighlighter(options: HighlightOptions): Promise<CodeHighlighter> {
  const { themes } = options;
  const highlighter = await createHighlighter({ themes: [themes.light, themes.dark], langs: [] });
  const tokenizer = createDualThemeTokenizer(highlighter, themes);
  const colors = { fg: tokenizer.fg, bg: tokenizer.bg };
  const aliases: Record<string, string> = { ...EXTRA_ALIASES, ...lowerKeys(options.aliases) };
  const resolve = (lang: string): string | undefined => {
    const name = lang.toLowerCase();
    if (PLAIN.has(name)) return 'plain';
    const canonical = aliases[name] ?? name;
    if (PLAIN.has(canonical)) return 'plain';
    return canonical in bundledLanguages ? canonical : undefined;
  };
  const themeKey = `${themes.light}\u0000${themes.dark}`;

  return {
    resolve,
    async load(langs) {
      const loaded = new Set(highlighter.getLoadedLanguages());
      const wanted = [...new Set([...langs].map(resolve))].filter((l): l is string => l !== undefined && l !== 'plain' && !loaded.has(l));
      if (wanted.length > 0) await highlighter.loadLanguage(...(wanted as BundledLanguage[]));
    },
    render(source, fence, rawMeta) {
      const meta = parseFenceMeta(rawMeta);
      const lang = resolve(fence);
      const stripped = stripNotation(source);
      const marks = lang === 'diff' ? diffMarks(stripped.code) : stripped.marks;
      const tooLong = stripped.code.length > MAX_HIGHLIGHT_CHARS;
      let lines: DualLines | undefined;
      if (lang !== undefined && lang !== 'plain' && !tooLong) {
        const key = createHash('sha256').update(`${lang}\u0000${themeKey}\u0000${stripped.code}`).digest('base64url');
        lines = options.cache?.get(key);
        if (!lines) {
          lines = tokenizer.tokenize(stripped.code, lang);
          options.cache?.set(key, lines);
        }
      }
      const element = codeBlockHast({
        code: stripped.code,
        lines,
        colors: lines ? colors : undefined,
        lang: fence === '' ? undefined : fence,
        meta,
        marks,
        lineNumbers: meta.lineNumbers ?? options.lineNumbers,
        tabWidth: options.tabWidth,
      });
      return { element, unknownLanguage: lang === undefined, tooLong };
    },
    dispose() {
      highlighter.dispose();
    },
  };
}

function lowerKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
}
