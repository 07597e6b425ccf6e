import { LineCounter, parseDocument, isNode, visit, type Document } from 'yaml';

export interface YamlPosition {
  readonly line: number;
  readonly column: number;
}

export interface YamlSyntaxError {
  readonly message: string;
  readonly position: YamlPosition;
}

export interface YamlSource {
  readonly data: unknown;
  readonly errors: readonly YamlSyntaxError[];
  /**
   * Position of the value at `path` (or of the closest existing parent), 1-based, relative to the
   * text; with `at: 'key'`, of the key that names it (`tgas:` rather than its value).
   */
  positionOf(path: readonly PropertyKey[], at?: 'key' | 'value'): YamlPosition;
}

/**
 * Parse YAML (or JSON, which is YAML) keeping positions. The `core` schema leaves
 * unquoted timestamps as strings, so dates are interpreted later in the site's zone
 * instead of silently as UTC.
 */
export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, schema: 'core', prettyErrors: false, uniqueKeys: true });
  const toPosition = (offset: number): YamlPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const errors = doc.errors.map((e) => {
    // `yaml` reports a quote that is never closed at the end of the text: point at where it opens.
    const opened = e.code === 'MISSING_CHAR' && /quote/.test(e.message) ? openQuoteBefore(doc, e.pos[0]) : undefined;
    if (opened !== undefined) return { message: 'this quoted value is never closed', position: toPosition(opened) };
    return { message: e.message.split('\n')[0] ?? e.message, position: toPosition(e.pos[0]) };
  });
  let data: unknown;
  if (errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // `yaml` refuses aliases that expand exponentially ("billion laughs"): a syntax problem of the
      // text, reported at its first alias, never an exception out of the build.
      let at = 0;
      visit(doc, {
        Alias(_key, node) {
          at = node.range?.[0] ?? 0;
          return visit.BREAK;
        },
      });
      errors.push({ message: `${(error as Error).message.split('\n')[0]} (too many or too deeply nested aliases)`, position: toPosition(at) });
    }
  }
  return {
    data,
    errors,
    positionOf(path, at = 'value') {
      if (at === 'key' && path.length > 0) {
        const key = findPair(path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as unknown[], true), path.at(-1));
        if (key !== undefined) return toPosition(key);
      }
      for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) return toPosition(node.range[0]);
        // For a key whose value is missing, point at the pair's key.
        if (n > 0) {
          const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1) as unknown[], true);
          const pair = findPair(parent, path[n - 1]);
          if (pair) return toPosition(pair);
        }
      }
      return { line: 1, column: 1 };
    },
  };
}

function findPair(parent: unknown, key: PropertyKey | undefined): number | undefined {
  if (!parent || typeof parent !== 'object' || !('items' in parent)) return undefined;
  const items = (parent as { items: unknown[] }).items;
  for (const item of items) {
    if (item && typeof item === 'object' && 'key' in item) {
      const k = (item as { key: unknown }).key;
      if (isNode(k) && (k as { value?: unknown }).value === key && k.range) return k.range[0];
    }
  }
  return undefined;
}

/** The start of the last quoted scalar that runs up to `offset` (an unclosed one takes the rest of the text). */
function openQuoteBefore(doc: Document, offset: number): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range && node.range[0] < offset && node.range[1] >= offset) found = node.range[0];
    },
  });
  return found;
}
