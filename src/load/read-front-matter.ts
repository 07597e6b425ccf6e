import matter from 'gray-matter';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseYamlSource, type YamlPosition, type YamlSource } from '../yaml-source.js';

export type FrontMatterFormat = 'yaml' | 'toml' | 'json' | 'none';

export interface FrontMatter {
  readonly format: FrontMatterFormat;
  readonly data: Record<string, unknown>;
  /** The Markdown body. */
  readonly body: string;
  /** Number of lines before the body in the file (front matter and its fences). */
  readonly bodyLineOffset: number;
  /** Where the value of a field is (with `at: 'key'`, its key), as file line:column; the opening fence when unknown. */
  positionOf(path: readonly PropertyKey[], at?: 'key' | 'value'): YamlPosition;
}

export interface FrontMatterError {
  readonly kind: 'syntax' | 'unterminated' | 'not-a-mapping';
  readonly message: string;
  readonly position: YamlPosition;
}

/** Front-matter languages quire reads. Never `js`/`javascript`: gray-matter would run it as code. */
const LANGUAGES: Readonly<Record<string, 'yaml' | 'json' | 'toml'>> = { yaml: 'yaml', yml: 'yaml', json: 'json', toml: 'toml' };

/**
 * Split and parse front matter with gray-matter: YAML between `---` (the default), TOML between
 * `+++` (or after `---toml`), JSON after `---json`. Line endings are normalised to LF first (same
 * lines and columns). Positions are file positions (1-based). `input` has no BOM.
 */
export function readFrontMatter(input: string): FrontMatter | FrontMatterError {
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const lines = text.split('\n');
  const open = /^(---|\+\+\+)([A-Za-z]*)[ \t]*$/.exec(lines[0] ?? '');
  if (!open) {
    return { format: 'none', data: {}, body: text, bodyLineOffset: 0, positionOf: () => ({ line: 1, column: 1 }) };
  }
  const fence = open[1]!;
  const named = open[2]!.toLowerCase();
  const format = LANGUAGES[named || (fence === '+++' ? 'toml' : 'yaml')];
  if (format === undefined) {
    return {
      kind: 'syntax',
      message: `unsupported front-matter language "${named}"; quire reads yaml, toml and json (and never runs code)`,
      position: { line: 1, column: fence.length + 1 },
    };
  }
  const closingFence = fence === '---' ? /^---[ \t]*$/ : /^\+\+\+[ \t]*$/;
  const closing = lines.findIndex((l, i) => i > 0 && closingFence.test(l));
  if (closing === -1) {
    return { kind: 'unterminated', message: `front matter opened with \`${lines[0]}\` on line 1 is never closed`, position: { line: 1, column: 1 } };
  }

  // Each engine records its own positions in this closure (fresh per file, nothing shared).
  let positions: ((path: readonly PropertyKey[], at?: 'key' | 'value') => YamlPosition) | undefined;
  let failure: FrontMatterError | undefined;
  const fail = (message: string, position: YamlPosition): Record<string, unknown> => {
    failure = { kind: 'syntax', message, position };
    return {};
  };
  const fromYaml = (source: YamlSource) => {
    positions = source.positionOf;
    const first = source.errors[0];
    return first ? fail(first.message, first.position) : source.data;
  };

  const refuse = () => {
    throw new Error('quire never evaluates front matter as code');
  };
  const tomlPositions = (path: readonly PropertyKey[], at: 'key' | 'value' = 'value'): YamlPosition => {
    // smol-toml keeps no positions: find the line of the top-level key in the block.
    const key = String(path[0] ?? '');
    for (let i = 1; i < closing; i++) {
      const m = /^(\s*)("?)([^"=\s]+)\2\s*=\s*/.exec(lines[i]!);
      if (m && m[3] === key) return { line: i + 1, column: (at === 'key' && path.length === 1 ? m[1]!.length : m[0].length) + 1 };
    }
    return { line: 1, column: 1 };
  };
  // gray-matter sees only the block, so where it ends is where we decided it ends.
  const parsed = matter(lines.slice(0, closing + 1).join('\n'), {
    delimiters: fence,
    language: format,
    engines: {
      js: refuse,
      javascript: refuse,
      yml: (s: string) => fromYaml(parseYamlSource(s)) as object,
      // gray-matter hands over the text between the fences, starting with the rest of line 1,
      // so line numbers in it are file line numbers.
      yaml: (s: string) => fromYaml(parseYamlSource(s)) as object,
      // YAML would also take `{"a": 1,}` or single quotes: JSON front matter must be JSON.
      json: (s: string) => strictJsonProblem(s, fail) ?? (fromYaml(parseYamlSource(s)) as object),
      toml: (s: string) => {
        positions = tomlPositions;
        try {
          return parseToml(s);
        } catch (error) {
          if (error instanceof TomlError) return fail(error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, ''), { line: error.line, column: error.column });
          throw error;
        }
      },
    },
  } as unknown as Parameters<typeof matter>[1]);

  if (failure) return failure;
  const data: unknown = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { kind: 'not-a-mapping', message: 'front matter must be a mapping of `key: value` pairs', position: { line: 2, column: 1 } };
  }
  return {
    format,
    data: data as Record<string, unknown>,
    body: lines.slice(closing + 1).join('\n'),
    bodyLineOffset: closing + 1,
    positionOf: positions ?? (() => ({ line: 2, column: 1 })),
  };
}

/** The syntax error of non-empty JSON front matter, at its file position, or undefined when it is JSON. */
function strictJsonProblem(text: string, fail: (message: string, position: YamlPosition) => Record<string, unknown>): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/at position (\d+)/.exec(message)?.[1] ?? text.length);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return fail(`invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, { line, column });
  }
}

export function isFrontMatterError(value: FrontMatter | FrontMatterError): value is FrontMatterError {
  return 'kind' in value;
}
