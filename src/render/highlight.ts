import { createHash } from 'node:crypto';
import type { Element } from 'hast';
import { bundledLanguages, bundledThemes, createHighlighter, normalizeTheme, type BundledLanguage, type BundledTheme, type Highlighter } from 'shiki';
import { codeBlockHast } from './code/code-block-hast.js';
import { parseFenceMeta } from './code/fence-meta.js';
import { diffMarks, stripNotation } from './code/notation.js';
import { createDualThemeTokenizer, type DualLines, type DualThemeTokenizer } from './code/tokenize.js';

/** Names people write in fences that shiki does not know under that name. */
const EXTRA_ALIASES: Readonly<Record<string, string>> = { golang: 'go', 'c++': 'cpp', 'c#': 'csharp', 'f#': 'fsharp', conf: 'ini', env: 'dotenv', 'objective-c': 'objc', patch: 'diff' };
/** Fences that mean "no highlighting", without a warning. */
const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'none', 'output', 'log']);
/** Longer blocks are shown plain: tokenizing megabytes of code would stall the build. */
export const MAX_HIGHLIGHT_CHARS = 500_000;

/** Highlighted tokens by a key of (code, language, themes); quire's build saves it between runs. */
export interface HighlightCache {
  /** Whether `get` would find the key (without counting or recording a use). */
  has(key: string): boolean;
  get(key: string): DualLines | undefined;
  set(key: string, lines: DualLines): void;
}

export interface Themes {
  readonly light: string;
  readonly dark: string;
}

export interface HighlightOptions {
  readonly themes: Themes;
  /** Extra fence-name aliases, e.g. `{ vue2: 'vue' }`. */
  readonly aliases: Readonly<Record<string, string>>;
  /** Site default for line numbers; a fence's `showLineNumbers`/`noLineNumbers` wins. */
  readonly lineNumbers: boolean;
  readonly tabWidth: number;
  readonly cache: HighlightCache | undefined;
}

/** Code to tokenize: a canonical shiki language and the code without its notation comments. */
export interface TokenRequest {
  readonly lang: string;
  readonly code: string;
}

/**
 * Where a highlighter's tokens come from: shiki in this thread (`shikiTokens`), or another
 * thread's. Each thread that runs shiki holds its compiled grammars (≈50 MiB for a dozen
 * languages), so a build's main thread asks its worker instead of loading its own.
 */
export interface TokenSource {
  /** Tokens of each request, in order. */
  tokenize(requests: readonly TokenRequest[]): Promise<DualLines[]>;
  dispose(): void;
}

/** A fenced code block as written: its code and the language word of its fence (`''` for none). */
export interface CodeBlockSource {
  readonly code: string;
  readonly fence: string;
}

export interface CodeBlockResult {
  readonly element: Element;
  /** Set when the fence named a language shiki does not know (shown plain). */
  readonly unknownLanguage: boolean;
  readonly tooLong: boolean;
}

export interface CodeHighlighter {
  /** The canonical language for a fence name, `plain` for none, or undefined if unknown. */
  resolve(lang: string): string | undefined;
  /** Have the tokens of these blocks at hand for `render`: from the cache, or tokenized now. */
  prepare(blocks: Iterable<CodeBlockSource>): Promise<void>;
  /** A finished code block (figure) for fenced code; it must have been prepared. */
  render(code: string, fence: string, meta: string | null | undefined): CodeBlockResult;
  dispose(): void;
}

/** shiki in this thread, started when it first has something to tokenize; both themes from one tokenization. */
export function shikiTokens(themes: Themes): TokenSource {
  let started: Promise<{ highlighter: Highlighter; tokenizer: DualThemeTokenizer }> | undefined;
  const start = async () => {
    const highlighter = await createHighlighter({ themes: [themes.light, themes.dark], langs: [] });
    return { highlighter, tokenizer: createDualThemeTokenizer(highlighter, themes) };
  };
  return {
    async tokenize(requests) {
      const { highlighter, tokenizer } = await (started ??= start());
      const loaded = new Set(highlighter.getLoadedLanguages());
      const wanted = [...new Set(requests.map((r) => r.lang))].filter((lang) => !loaded.has(lang));
      if (wanted.length > 0) await highlighter.loadLanguage(...(wanted as BundledLanguage[]));
      return requests.map((r) => tokenizer.tokenize(r.code, r.lang));
    },
    dispose() {
      void started?.then(({ highlighter }) => highlighter.dispose());
    },
  };
}

/**
 * Highlights a build's code blocks with tokens from `source`, through the cache: `prepare` asks
 * the source only for blocks the cache does not have (a block asked for and not yet answered is
 * not asked for again), `render` builds the block from what is then at hand.
 */
export async function createCodeHighlighter(options: HighlightOptions, source: TokenSource): Promise<CodeHighlighter> {
  const { themes } = options;
  const colors = await themeColors(themes);
  const aliases: Record<string, string> = { ...EXTRA_ALIASES, ...lowerKeys(options.aliases) };
  const resolve = (lang: string): string | undefined => {
    const name = lang.toLowerCase();
    if (PLAIN.has(name)) return 'plain';
    const canonical = aliases[name] ?? name;
    if (PLAIN.has(canonical)) return 'plain';
    return canonical in bundledLanguages ? canonical : undefined;
  };
  const themeKey = `${themes.light}\u0000${themes.dark}`;
  /** What a block needs: its language, its code without notation, and its cache key when it is highlighted at all. */
  const plan = (code: string, fence: string) => {
    const lang = resolve(fence);
    const stripped = stripNotation(code);
    const tooLong = stripped.code.length > MAX_HIGHLIGHT_CHARS;
    const key = lang !== undefined && lang !== 'plain' && !tooLong ? createHash('sha256').update(`${lang}\u0000${themeKey}\u0000${stripped.code}`).digest('base64url') : undefined;
    return { lang, stripped, tooLong, key };
  };
  /** Tokens made for this build and not yet in the cache (they move there when rendered). */
  const made = new Map<string, DualLines>();
  /** Tokens asked for and not yet answered. */
  const pending = new Map<string, Promise<void>>();

  return {
    resolve,
    async prepare(blocks) {
      const waits: Promise<void>[] = [];
      const asked = new Map<string, TokenRequest>();
      for (const { code, fence } of blocks) {
        const { lang, stripped, key } = plan(code, fence);
        if (key === undefined || lang === undefined || made.has(key) || asked.has(key) || options.cache?.has(key)) continue;
        const answer = pending.get(key);
        if (answer) waits.push(answer);
        else asked.set(key, { lang, code: stripped.code });
      }
      if (asked.size > 0) {
        const answered = source.tokenize([...asked.values()]);
        [...asked.keys()].forEach((key, i) => {
          const answer = answered.then((lines) => {
            made.set(key, lines[i]!);
            pending.delete(key);
          });
          pending.set(key, answer);
          waits.push(answer);
        });
      }
      await Promise.all(waits);
    },
    render(code, fence, rawMeta) {
      const meta = parseFenceMeta(rawMeta);
      const { lang, stripped, tooLong, key } = plan(code, fence);
      const marks = lang === 'diff' ? diffMarks(stripped.code) : stripped.marks;
      let lines: DualLines | undefined;
      if (key !== undefined) {
        lines = options.cache?.get(key);
        if (!lines) {
          lines = made.get(key);
          if (!lines) throw new Error(`a ${fence} code block was rendered before it was prepared (quire bug)`);
          if (options.cache) {
            options.cache.set(key, lines);
            made.delete(key);
          }
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
      made.clear();
    },
  };
}

/** Text and background colours of the two themes, as shiki resolves them (no grammar needed). */
async function themeColors(themes: Themes): Promise<{ fg: readonly [string, string]; bg: readonly [string, string] }> {
  const [light, dark] = await Promise.all(
    [themes.light, themes.dark].map(async (name) => {
      const load = bundledThemes[name as BundledTheme];
      if (!load) throw new Error(`unknown shiki theme "${name}"`);
      return normalizeTheme((await load()).default);
    }),
  );
  return { fg: [light!.fg, dark!.fg], bg: [light!.bg, dark!.bg] };
}

function lowerKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
}
