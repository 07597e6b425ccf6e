import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig } from '../../src/config/load-config.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { QuireError, type Diagnostic } from '../../src/diagnostics.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder per test: config modules are cached by path, so never reuse one. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-config-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function failure(promise: Promise<unknown>): Promise<readonly Diagnostic[]> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(QuireError);
    return (error as QuireError).diagnostics;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig: YAML and JSON', () => {
  it('reads quire.config.yaml and fills in defaults', async () => {
    const root = project({ 'quire.config.yaml': 'title: 半瓶水\ntimezone: Asia/Shanghai\npaginate: 5\n' });
    const loaded = await loadConfig(root);
    expect(loaded.file).toBe(path.join(root, 'quire.config.yaml'));
    expect(loaded.root).toBe(root);
    expect(loaded.config).toMatchObject({ title: '半瓶水', timezone: 'Asia/Shanghai', paginate: 5, permalink: '/posts/:slug/', outDir: 'dist', contentDir: 'content' });
  });

  it('reads quire.config.json', async () => {
    const root = project({ 'quire.config.json': '{ "title": "From JSON", "language": "en" }' });
    expect((await loadConfig(root)).config).toMatchObject({ title: 'From JSON', language: 'en' });
  });

  it('uses the defaults when there is no config file', async () => {
    const root = project({});
    const loaded = await loadConfig(root);
    expect(loaded.file).toBeUndefined();
    expect(loaded.config).toMatchObject({ title: 'My Blog', timezone: 'UTC', paginate: 10, url: 'http://localhost:4321/' });
  });

  it('reports an unknown key with a suggestion, at the key', async () => {
    const root = project({ 'quire.config.yaml': 'title: Hi\ndescription: x\ntitel: Oops\n' });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'ConfigUnknownKey', file: 'quire.config.yaml', line: 3, column: 1 });
    expect(diagnostics[0]!.message).toContain('titel');
    expect(diagnostics[0]!.hint).toContain('`title`');
    expect(diagnostics[0]!.frame).toContain('titel: Oops');
  });

  it('does not count a byte-order mark as a column, in YAML or in a script config', async () => {
    const yaml = await failure(loadConfig(project({ 'quire.config.yaml': '\uFEFFtitel: Oops\n' })));
    expect(yaml[0]).toMatchObject({ code: 'ConfigUnknownKey', line: 1, column: 1 });
    const script = await failure(loadConfig(project({ 'quire.config.mjs': '\uFEFFexport default { titel: "x" };\n' })));
    expect(script[0]).toMatchObject({ code: 'ConfigUnknownKey', line: 1, column: 18 });
  });

  it('says a number written in quotes is text, and how to write it', async () => {
    const diagnostics = await failure(loadConfig(project({ 'quire.config.yaml': "title: Hi\npaginate: '10'\n" })));
    expect(diagnostics.map((d) => [d.code, d.line, d.message, d.hint])).toEqual([['ConfigInvalid', 2, 'config `paginate`: "10" is text, not a number', 'write 10 without quotes']]);
  });

  it('lists the valid keys when nothing is close', async () => {
    const root = project({ 'quire.config.yaml': 'highlight:\n  themes:\n    light: github-light\n    dark: github-dark\n  zzzzzz: 1\n' });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'ConfigUnknownKey', line: 5 });
    expect(diagnostics[0]!.message).toContain('highlight.zzzzzz');
    expect(diagnostics[0]!.hint).toBe('valid keys here: themes, lineNumbers, tabWidth, aliases');
  });

  it('reports a theme shiki does not bundle at its line, before anything is built', async () => {
    const root = project({ 'quire.config.yaml': 'highlight:\n  themes:\n    light: github-lite\n    dark: github-dark\n' });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'ConfigInvalid', file: 'quire.config.yaml', line: 3, column: 12 });
    expect(diagnostics[0]!.message).toContain('"github-lite" is not a shiki theme');
  });

  it('suggests nested keys with their path', async () => {
    const root = project({ 'quire.config.yaml': 'author:\n  name: Lin\n  emial: a@b.org\n' });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics[0]).toMatchObject({ code: 'ConfigUnknownKey', line: 3, column: 3 });
    expect(diagnostics[0]!.hint).toBe('did you mean `author.email`?');
  });

  it('reports a wrong type as ConfigInvalid at its line', async () => {
    const root = project({ 'quire.config.yaml': 'title: Hi\n\npaginate: "ten"\n' });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'ConfigInvalid', file: 'quire.config.yaml', line: 3, column: 11 });
    expect(diagnostics[0]!.message).toContain('paginate');
  });

  it('refuses an author URL a browser would run as script, at its line and column', async () => {
    const root = project({ 'quire.config.yaml': 'author:\n  name: Lin\n  url: "  JaVa\\tScRiPt:alert(1)"\n' });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'ConfigInvalid', file: 'quire.config.yaml', line: 3, column: 8 });
    expect(diagnostics[0]!.message).toContain('expected an http(s) or mailto: URL');
    for (const url of ['https://lin.example/', 'mailto:lin@example.org']) {
      const ok = project({ 'quire.config.yaml': `author:\n  name: Lin\n  url: ${url}\n` });
      await expect(loadConfig(ok)).resolves.toBeDefined();
    }
  });

  it('reports every problem at once', async () => {
    const root = project({ 'quire.config.yaml': 'titel: x\npaginate: 0\nurl: not a url\n' });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics.map((d) => [d.code, d.line]).sort()).toEqual([
      ['ConfigInvalid', 2],
      ['ConfigInvalid', 3],
      ['ConfigUnknownKey', 1],
    ]);
  });

  it('reports a YAML syntax error as ConfigLoad with a line', async () => {
    const root = project({ 'quire.config.yaml': 'title: ok\nparams: [\n' });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics[0]).toMatchObject({ code: 'ConfigLoad', file: 'quire.config.yaml' });
    expect(diagnostics[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describe('loadConfig: JavaScript and TypeScript', () => {
  it('reads the default export of quire.config.mjs', async () => {
    const root = project({ 'quire.config.mjs': 'export default { title: "From MJS", paginate: 3 };\n' });
    const loaded = await loadConfig(root);
    expect(loaded.file).toBe(path.join(root, 'quire.config.mjs'));
    expect(loaded.config).toMatchObject({ title: 'From MJS', paginate: 3 });
  });

  it('reads quire.config.ts', async () => {
    const root = project({ 'quire.config.ts': 'const n: number = 7;\nexport default { title: "From TS", paginate: n };\n' });
    expect((await loadConfig(root)).config).toMatchObject({ title: 'From TS', paginate: 7 });
  });

  it('reports the problems of a TypeScript config at the line and column of the key or value, with a code frame', async () => {
    const root = project({
      'quire.config.ts': [
        "const base = { title: 'Half Full' } as const;",
        '',
        'export default defineConfig({',
        '  ...base,',
        '  feed: {',
        '    limt: 20,',
        "    content: 'ful',",
        '  },',
        "  languge: 'zh-CN',",
        '} satisfies Record<string, unknown>);',
        '',
        'function defineConfig<T>(config: T): T {',
        '  return config;',
        '}',
        '',
      ].join('\n'),
    });
    const diagnostics = await failure(loadConfig(root));
    const places = diagnostics.map((d) => [d.code, d.message, d.line, d.column]);
    expect(places).toEqual(
      expect.arrayContaining([
        ['ConfigUnknownKey', 'unknown config key `feed.limt`', 6, 5],
        ['ConfigInvalid', expect.stringContaining('config `feed.content`'), 7, 14],
        ['ConfigUnknownKey', 'unknown config key `languge`', 9, 3],
      ]),
    );
    expect(diagnostics).toHaveLength(3);
    const unknown = diagnostics.find((d) => d.message.includes('languge'))!;
    expect(unknown.file).toBe('quire.config.ts');
    expect(unknown.hint).toContain('`language`');
    expect(unknown.frame).toMatch(/> +9 \|   languge: 'zh-CN',/);
  });

  it('places the checks made after the schema (time zone, language, permalink, languages) at their lines too, in code and in YAML', async () => {
    const ts = project({
      'quire.config.ts': [
        'export default {',
        "  timezone: 'Mars/Olympus',",
        "  permalink: '/posts/:year/',",
        "  languages: { en: {}, 'en-US': { prefix: '/en/' } },",
        '};',
        '',
      ].join('\n'),
    });
    const yaml = project({ 'quire.config.yaml': ['timezone: Mars/Olympus', "permalink: '/posts/:year/'", 'languages:', '  en: {}', '  en-US:', '    prefix: /en/', ''].join('\n') });
    const placed = async (root: string) => {
      try {
        resolveConfig(await loadConfig(root));
      } catch (error) {
        return (error as QuireError).diagnostics.map((d) => [d.message.split(' ')[0], d.file, d.line, d.column]);
      }
      throw new Error('expected resolveConfig to fail');
    };
    expect(await placed(ts)).toEqual([
      ['`timezone`', 'quire.config.ts', 2, 13],
      ['`languages`:', 'quire.config.ts', 4, 24],
      ['`permalink`', 'quire.config.ts', 3, 14],
    ]);
    expect(await placed(yaml)).toEqual([
      ['`timezone`', 'quire.config.yaml', 1, 11],
      ['`languages`:', 'quire.config.yaml', 5, 3],
      ['`permalink`', 'quire.config.yaml', 2, 12],
    ]);
  });

  it('reports the problems of a CommonJS config at their lines, and a key it cannot follow without a line', async () => {
    const root = project({
      'quire.config.js': ['const extra = () => ({ titel: 1 });', 'module.exports = {', '  ...extra(),', '  paginate: "five",', '};', ''].join('\n'),
    });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual(
      expect.arrayContaining([
        ['ConfigInvalid', 4, 13],
        // Set by a spread: the object that holds it is the closest place the text shows.
        ['ConfigUnknownKey', 2, 18],
      ]),
    );
  });

  it('reports a module that throws as ConfigLoad', async () => {
    const root = project({ 'quire.config.mjs': 'throw new Error("boom");\n' });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics[0]).toMatchObject({ code: 'ConfigLoad', file: 'quire.config.mjs' });
    expect(diagnostics[0]!.message).toContain('boom');
  });

  it('reports a syntax error in a TypeScript config at its line and column, with a code frame', async () => {
    const root = project({ 'quire.config.ts': "export default {\n  title: 'Half,\n  paginate: 3,\n};\n" });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'ConfigLoad', file: 'quire.config.ts', line: 2, column: 10, message: 'syntax error in the config: Unterminated string constant.', hint: 'fix the syntax at the marked position' });
    expect(diagnostics[0]!.frame).toContain("> 2 |   title: 'Half,");
  });

  it('points a config that imports the bare name quire to quire-ssg, not to the unrelated npm package', async () => {
    const root = project({ 'quire.config.mjs': "import { defineConfig } from 'quire';\nexport default defineConfig({ title: 'x' });\n" });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics[0]).toMatchObject({ code: 'ConfigLoad', message: 'the config imports "quire", which is not installed' });
    expect(diagnostics[0]!.hint).toBe("quire's npm package is quire-ssg (`quire` on npm is another package): `import { defineConfig } from 'quire-ssg'`");
  });

  it('names a module the config imports that is not installed, and the install that fixes it', async () => {
    const root = project({ 'quire.config.mjs': "import math from 'remark-math-not-installed/x.js';\nexport default { title: 'x' };\n" });
    const diagnostics = await failure(loadConfig(root));
    expect(diagnostics[0]).toMatchObject({
      code: 'ConfigLoad',
      file: 'quire.config.mjs',
      message: 'the config imports "remark-math-not-installed/x.js", which is not installed',
      hint: 'install it in this site (`npm install --save-dev remark-math-not-installed`), or remove the import',
    });
  });
});

describe('loadConfig: which file', () => {
  it('prefers mjs over json and yaml', async () => {
    const root = project({
      'quire.config.yaml': 'title: From YAML\n',
      'quire.config.json': '{"title": "From JSON"}',
      'quire.config.mjs': 'export default { title: "From MJS" };\n',
    });
    expect(findConfigFile(root)).toBe(path.join(root, 'quire.config.mjs'));
    expect((await loadConfig(root)).config.title).toBe('From MJS');
  });

  it('prefers ts over mjs', async () => {
    const root = project({
      'quire.config.mjs': 'export default { title: "From MJS" };\n',
      'quire.config.ts': 'export default { title: "From TS" };\n',
    });
    expect((await loadConfig(root)).config.title).toBe('From TS');
  });

  it('prefers json over yaml', async () => {
    const root = project({ 'quire.config.yaml': 'title: From YAML\n', 'quire.config.json': '{"title": "From JSON"}' });
    expect((await loadConfig(root)).config.title).toBe('From JSON');
  });

  it('uses --config relative to the root, and its folder as the root', async () => {
    const root = project({ 'site/custom.yaml': 'title: Custom\n', 'quire.config.yaml': 'title: Default\n' });
    const loaded = await loadConfig(root, 'site/custom.yaml');
    expect(loaded.config.title).toBe('Custom');
    expect(loaded.file).toBe(path.join(root, 'site', 'custom.yaml'));
    expect(loaded.root).toBe(path.join(root, 'site'));
  });

  it('reports a missing --config file as ConfigNotFound', async () => {
    const root = project({ 'quire.config.yaml': 'title: Exists\n' });
    const diagnostics = await failure(loadConfig(root, 'missing.yaml'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('ConfigNotFound');
    expect(diagnostics[0]!.message).toContain('missing.yaml');
  });
});
