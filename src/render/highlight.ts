import type { Element, ElementContent } from 'hast';
import { bundledLanguages, createHighlighter, type BundledLanguage, type Highlighter } from 'shiki';

/** Names people write in fences that shiki does not know under that name. */
const EXTRA_ALIASES: Readonly<Record<string, string>> = { golang: 'go', 'c++': 'cpp', 'c#': 'csharp', 'f#': 'fsharp', conf: 'ini', env: 'dotenv', 'objective-c': 'objc' };
/** Fences that mean "no highlighting", without a warning. */
const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'none', 'output', 'log']);

export interface CodeHighlighter {
  /** Load the grammars of these fence languages (once each). */
  load(langs: Iterable<string>): Promise<void>;
  /** The canonical language for a fence name, `plain` for none, or undefined if unknown. */
  resolve(lang: string): string | undefined;
  /** A highlighted `<pre>`; the language must be loaded. */
  highlight(code: string, lang: string): Element;
  dispose(): void;
}

/** One highlighter for a whole build; grammars are loaded on demand. */
export async function createCodeHighlighter(themes: { light: string; dark: string }): Promise<CodeHighlighter> {
  const highlighter: Highlighter = await createHighlighter({ themes: [themes.light, themes.dark], langs: [] });
  const resolve = (lang: string): string | undefined => {
    const name = lang.toLowerCase();
    if (PLAIN.has(name)) return 'plain';
    const canonical = EXTRA_ALIASES[name] ?? name;
    return canonical in bundledLanguages ? canonical : undefined;
  };
  return {
    resolve,
    async load(langs) {
      const loaded = new Set(highlighter.getLoadedLanguages());
      const wanted = [...new Set([...langs].map(resolve))].filter((l): l is string => l !== undefined && l !== 'plain' && !loaded.has(l));
      if (wanted.length > 0) await highlighter.loadLanguage(...(wanted as BundledLanguage[]));
    },
    highlight(code, lang) {
      const root = highlighter.codeToHast(code, {
        lang: lang === 'plain' ? 'text' : lang,
        themes: { light: themes.light, dark: themes.dark },
        // Light colours inline (what feed readers show), dark ones as CSS variables.
        defaultColor: 'light',
      });
      const pre = root.children.find((n): n is Element => n.type === 'element' && n.tagName === 'pre');
      if (!pre) throw new Error('shiki returned no <pre>');
      return pre;
    },
    dispose() {
      highlighter.dispose();
    },
  };
}

/** A plain, escaped block for code in a language nobody knows. */
export function plainCodeBlock(code: string, lang: string | undefined): Element {
  const children: ElementContent[] = [{ type: 'text', value: code }];
  return {
    type: 'element',
    tagName: 'pre',
    properties: { className: ['code-plain'] },
    children: [{ type: 'element', tagName: 'code', properties: lang ? { className: [`language-${lang}`] } : {}, children }],
  };
}
