import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { diagnostic, QuireError, type Diagnostic } from '../diagnostics.js';
import { parseYamlSource } from '../yaml-source.js';
import { scriptPositions } from './script-positions.js';
import { issueText, valueAt } from './issue-text.js';
import { configKeys, userConfigSchema, type ParsedConfig } from './schema.js';

/** Looked for in this order; the first that exists wins. */
export const CONFIG_FILES = [
  'quire.config.ts',
  'quire.config.mts',
  'quire.config.mjs',
  'quire.config.js',
  'quire.config.json',
  'quire.config.yaml',
  'quire.config.yml',
] as const;

export interface LoadedConfig {
  readonly root: string;
  readonly file: string | undefined;
  readonly config: ParsedConfig;
  /** Where the file sets a value, for messages (undefined: no file, or a config read from elsewhere). */
  readonly locate?: ConfigLocator;
}

/** Where a config file sets a value: its text, and the position of a key or of its value (undefined: not found). */
export interface ConfigLocator {
  readonly text: string;
  positionOf(path: readonly PropertyKey[], at: 'key' | 'value'): { line: number; column: number } | undefined;
}

export function findConfigFile(root: string): string | undefined {
  for (const name of CONFIG_FILES) {
    const candidate = path.join(root, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Read and validate the config. `explicitFile` (from --config) must exist; otherwise the
 * first of CONFIG_FILES in `root` is used, and no file at all means the defaults.
 */
export async function loadConfig(root: string, explicitFile?: string): Promise<LoadedConfig> {
  let file: string | undefined;
  if (explicitFile !== undefined) {
    file = path.resolve(root, explicitFile);
    if (!existsSync(file)) {
      throw new QuireError([
        diagnostic('ConfigNotFound', `config file ${explicitFile} does not exist`, {}, `create it, or leave out --config to use one of ${CONFIG_FILES.join(', ')}`),
      ]);
    }
  } else {
    file = findConfigFile(root);
  }
  const configRoot = file ? path.dirname(file) : root;
  if (!file) return { root: configRoot, file: undefined, config: validate({}, undefined, undefined) };

  const shown = path.relative(root, file) || file;
  const ext = path.extname(file);
  if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
    // Without a byte-order mark: editors do not count it as a column, and neither do our positions.
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const source = parseYamlSource(text);
    if (source.errors.length > 0) {
      throw new QuireError(
        source.errors.map((e) =>
          diagnostic('ConfigLoad', `cannot parse config: ${e.message}`, { file: shown, ...e.position, source: text }, 'fix the syntax at the marked position'),
        ),
      );
    }
    const locate: ConfigLocator = { text, positionOf: (fieldPath, at) => source.positionOf(fieldPath, at) };
    return { root: configRoot, file, config: validate(source.data ?? {}, shown, locate), locate };
  }

  let value: unknown;
  try {
    const { createJiti } = await import('jiti');
    const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: transpileCache(configRoot), interopDefault: true });
    value = await jiti.import(file, { default: true });
  } catch (error) {
    throw new QuireError([loadError(error, file, shown)]);
  }
  const text = await readFile(file, 'utf8').then((t) => t.replace(/^\uFEFF/, ''), () => undefined);
  const locate: ConfigLocator | undefined = text === undefined ? undefined : { text, positionOf: scriptPositions(text, /\.[cm]?ts$/.test(file)) };
  return { root: configRoot, file, config: validate(value ?? {}, shown, locate), locate };
}

/**
 * Where jiti keeps the transpiled config: the project's own `node_modules/.cache/jiti` (keyed by
 * the file's content, so a TypeScript config costs ≈25 ms instead of ≈300 ms on every command
 * after the first), or nowhere (transpiled in memory each time) when the project has no
 * `node_modules` folder of its own: never jiti's default, a shared folder in /tmp.
 */
function transpileCache(root: string): string | false {
  const modules = path.join(root, 'node_modules');
  return lstatSync(modules, { throwIfNoEntry: false })?.isDirectory() ? path.join(modules, '.cache', 'jiti') : false;
}

function validate(value: unknown, file: string | undefined, locator: ConfigLocator | undefined): ParsedConfig {
  const result = userConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      const fieldPath = key === undefined ? issue.path : [...issue.path, key];
      const where = fieldPath.map(String).join('.') || '(root)';
      const position = locator?.positionOf(fieldPath, key === undefined ? 'value' : 'key');
      const place = locator && position ? { file, ...position, source: locator.text } : file !== undefined ? { file } : {};
      if (key !== undefined) {
        const siblings = issue.path.length === 0 ? configKeys : nestedKeys(issue.path);
        const suggestion = closest(key, siblings);
        diagnostics.push(
          diagnostic(
            'ConfigUnknownKey',
            `unknown config key \`${where}\``,
            place,
            suggestion ? `did you mean \`${[...issue.path, suggestion].join('.')}\`?` : `valid keys here: ${siblings.join(', ')}`,
          ),
        );
      } else {
        const text = issueText(issue, valueAt(value, issue.path));
        diagnostics.push(diagnostic('ConfigInvalid', `config \`${where}\`: ${text.message}`, place, text.hint ?? "every key is described in the configuration reference of quire's documentation (docs/content/pages/configuration.md in its repository)"));
      }
    }
  }
  throw new QuireError(diagnostics);
}

function nestedKeys(pathToObject: readonly PropertyKey[]): readonly string[] {
  let schema: unknown = userConfigSchema;
  for (const key of pathToObject) {
    schema = unwrap(schema);
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    schema = shape?.[String(key)];
  }
  const shape = (unwrap(schema) as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
  let s = schema as { unwrap?: () => unknown; def?: { innerType?: unknown } } | undefined;
  while (s && (s.def?.innerType !== undefined)) s = s.def.innerType as typeof s;
  return s;
}

function closest(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/**
 * What went wrong loading a JS/TS config, for people: a syntax error at its line and column with
 * a code frame (jiti appends `path:line:column` to the parser's message), a missing module with
 * the install that fixes it, else the error's first line.
 */
function loadError(error: unknown, file: string, shown: string): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const [first = message] = message.split('\n');
  const reason = first.replace(/^(ParseError|SyntaxError):\s*/, '').trim();
  const at = /:(\d+):(\d+)\s*$/m.exec(message);
  if (/^(ParseError|SyntaxError)\b/.test(first) || (error instanceof SyntaxError)) {
    let source: string | undefined;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      source = undefined;
    }
    const place = at ? { line: Number(at[1]), column: Number(at[2]) + 1 } : {};
    return diagnostic('ConfigLoad', `syntax error in the config: ${reason}`, { file: shown, ...place, ...(source !== undefined && { source }) }, 'fix the syntax at the marked position');
  }
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message);
  if (missing) {
    const name = missing[1]!;
    const pkg = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
    const hint =
      pkg === 'quire-ssg'
        ? 'install quire in this site: `npm install --save-dev quire-ssg`'
        : pkg === 'quire'
          ? "quire's npm package is quire-ssg (`quire` on npm is another package): `import { defineConfig } from 'quire-ssg'`"
          : `install it in this site (\`npm install --save-dev ${pkg}\`), or remove the import`;
    return diagnostic('ConfigLoad', `the config imports "${name}", which is not installed`, { file: shown }, hint);
  }
  return diagnostic('ConfigLoad', `cannot load config: ${first}`, { file: shown }, 'the file must run without errors and `export default defineConfig({...})`');
}
