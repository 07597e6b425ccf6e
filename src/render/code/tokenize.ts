import { Theme } from '@shikijs/vscode-textmate';
import type { Highlighter } from 'shiki';

/** One run of text with its colour and font-style bits (1 italic, 2 bold, 4 underline, 8 strike) in the light and the dark theme. */
export type DualToken = readonly [content: string, light: string, dark: string, lightStyle: number, darkStyle: number];
export type DualLines = readonly (readonly DualToken[])[];

export interface DualThemeTokenizer {
  readonly fg: readonly [string, string];
  readonly bg: readonly [string, string];
  tokenize(code: string, lang: string): DualLines;
}

interface ScopePath {
  readonly parent: ScopePath | null;
  readonly scopeName: string;
}
interface Resolved {
  readonly fontStyle: number;
  readonly fg: number;
}

/**
 * Both themes from ONE tokenization. shiki's dual-theme path tokenizes the code once per theme
 * (the grammar scan is the expensive part); here the grammar runs once, giving scope stacks,
 * and each theme colours them with vscode-textmate's own rule matching, merged the way
 * `tokenizeLine2` merges them (outer to inner scope, a rule overriding only what it sets).
 * Colours of a scope stack are memoised per theme, so repeated stacks cost one Map lookup.
 */
export function createDualThemeTokenizer(highlighter: Highlighter, themes: { light: string; dark: string }): DualThemeTokenizer {
  const prepared = [themes.light, themes.dark].map((name) => {
    const raw = highlighter.getTheme(name);
    const theme = Theme.createFromRawTheme(raw as never, undefined);
    const colorMap = theme.getColorMap();
    const defaults = theme.getDefaults();
    const memo = new Map<string, Resolved>();
    const resolve = (scopes: readonly string[]): Resolved => {
      const key = scopes.join('\u0000');
      let hit = memo.get(key);
      if (hit) return hit;
      let fontStyle = defaults.fontStyle;
      let fg = defaults.foregroundId;
      let path: ScopePath | null = null;
      for (const scopeName of scopes) {
        path = { parent: path, scopeName };
        const match = theme.match(path as never);
        if (!match) continue;
        if (match.fontStyle !== -1) fontStyle = match.fontStyle;
        if (match.foregroundId !== 0) fg = match.foregroundId;
      }
      hit = { fontStyle, fg };
      memo.set(key, hit);
      return hit;
    };
    return { raw, colorMap, resolve };
  });
  const [light, dark] = prepared as [(typeof prepared)[0], (typeof prepared)[0]];

  return {
    fg: [light.raw.fg, dark.raw.fg],
    bg: [light.raw.bg, dark.raw.bg],
    tokenize(code, lang) {
      const grammar = highlighter.getLanguage(lang);
      const out: DualToken[][] = [];
      let stack = null as Parameters<typeof grammar.tokenizeLine>[1];
      for (const line of code.split('\n')) {
        if (line === '') {
          out.push([]);
          continue;
        }
        // No time limit: a limit makes the result depend on how busy the machine is (a line cut
        // short on a cold, loaded run, then kept in the cache), and cut lines lost their rest.
        const result = grammar.tokenizeLine(line, stack, 0);
        const tokens: DualToken[] = [];
        for (const [i, token] of result.tokens.entries()) {
          // The last token runs to the end of the line, as in shiki: a line whose scan hit the
          // time limit (`stoppedEarly`, e.g. a grammar compiling on a busy machine) keeps its rest.
          const end = i === result.tokens.length - 1 ? line.length : Math.min(token.endIndex, line.length);
          if (token.startIndex >= end) continue;
          const l = light.resolve(token.scopes);
          const d = dark.resolve(token.scopes);
          const content = line.slice(token.startIndex, end);
          const lightColor = light.colorMap[l.fg] ?? light.raw.fg;
          const darkColor = dark.colorMap[d.fg] ?? dark.raw.fg;
          const previous = tokens[tokens.length - 1];
          // Whitespace shows no colour: fold it into the previous run unless it is underlined/struck.
          const invisible = /^\s+$/.test(content) && ((l.fontStyle | d.fontStyle) & 12) === 0;
          if (previous && invisible) {
            tokens[tokens.length - 1] = [previous[0] + content, previous[1], previous[2], previous[3], previous[4]];
          } else if (previous && previous[1] === lightColor && previous[2] === darkColor && previous[3] === l.fontStyle && previous[4] === d.fontStyle) {
            tokens[tokens.length - 1] = [previous[0] + content, lightColor, darkColor, l.fontStyle, d.fontStyle];
          } else tokens.push([content, lightColor, darkColor, l.fontStyle, d.fontStyle]);
        }
        // Still past the time limit (a pathological line): the rest of the line is kept, uncoloured.
        const covered = tokens.reduce((sum, token) => sum + token[0].length, 0);
        if (covered < line.length) tokens.push([line.slice(covered), light.raw.fg, dark.raw.fg, 0, 0]);
        out.push(tokens);
        stack = result.ruleStack;
      }
      return out;
    },
  };
}
