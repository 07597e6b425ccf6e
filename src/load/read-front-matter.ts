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
  /** Where the value of a field is, as file line:column; the opening fence when unknown. */
  positionOf(path: readonly PropertyKey[]): YamlPosition;
}

export interface FrontMatterError {
  readonly kind: 'syntax' | 'unterminated' | 'not-a-mapping';
  readonly message: string;
  readonly position: YamlPosition;
}

const FENCES: Record<string, RegExp> = { '---': /^---[ \t]*$/, '+++': /^\+\+\+[ \t]*$/ };

/**
 * Split and parse front matter with gray-matter: YAML between `---` (the default), TOML between
 * `+++`, JSON after `---json`. Positions are file positions (1-based). `text` has no BOM.
 */
export function readFrontMatter(text: string): FrontMatter | FrontMatterError {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const fence = firstLine.startsWith('+++') ? '+++' : firstLine.startsWith('---') ? '---' : undefined;
  if (fence === undefined) {
    return { format: 'none', data: {}, body: text, bodyLineOffset: 0, positionOf: () => ({ line: 1, column: 1 }) };
  }
  const lines = text.split(/\r?\n/);
  const closing = lines.findIndex((l, i) => i > 0 && FENCES[fence]!.test(l));
  if (closing === -1) {
    return { kind: 'unterminated', message: `front matter opened with \`${fence}\` on line 1 is never closed`, position: { line: 1, column: 1 } };
  }

  // Each engine records its own positions in this closure (fresh per file, nothing shared).
  let positions: ((path: readonly PropertyKey[]) => YamlPosition) | undefined;
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

  const parsed = matter(text, {
    delimiters: fence,
    language: fence === '+++' ? 'toml' : 'yaml',
    engines: {
      // gray-matter hands over the text between the fences, starting with the rest of line 1,
      // so line numbers in it are file line numbers.
      yaml: (s: string) => fromYaml(parseYamlSource(s)) as object,
      json: (s: string) => fromYaml(parseYamlSource(s)) as object,
      toml: (s: string) => {
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
  const lang = (parsed as { language?: string }).language;
  return {
    format: fence === '+++' ? 'toml' : lang === 'json' ? 'json' : 'yaml',
    data: data as Record<string, unknown>,
    body: lines.slice(closing + 1).join('\n'),
    bodyLineOffset: closing + 1,
    positionOf: positions ?? (() => ({ line: 2, column: 1 })),
  };
}

export function isFrontMatterError(value: FrontMatter | FrontMatterError): value is FrontMatterError {
  return 'kind' in value;
}
