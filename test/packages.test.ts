import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, run } from './helpers/npm-registry.js';

/**
 * The two npm packages as `npm pack` makes them (no registry needed; lib/ is compiled by
 * `npm test` before vitest runs). `npm run test:registry` publishes and installs them for real.
 */
const repo = fileURLToPath(new URL('..', import.meta.url));
const createDir = path.join(repo, 'packages/create-quire');

interface Manifest {
  name: string;
  version: string;
  license: string;
  type: string;
  bin: Record<string, string>;
  exports?: Record<string, unknown>;
  types?: string;
  files: string[];
  engines: { node: string };
  dependencies: Record<string, string>;
}
const manifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;

function packedFiles(dir: string): string[] {
  const pack = run('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], dir, cleanEnv());
  expect(pack.code, pack.output).toBe(0);
  return (JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path).sort();
}

describe('quire-ssg, the generator’s package', () => {
  let files: string[];
  beforeAll(() => {
    files = packedFiles(repo);
  }, 120_000);

  it('is named quire-ssg, with the command quire, its types, and the Node versions it runs on', () => {
    const own = manifest(repo);
    expect(own).toMatchObject({ name: 'quire-ssg', license: 'MIT', type: 'module', bin: { quire: 'bin/quire.js' }, types: './lib/index.d.ts' });
    expect(own.exports).toEqual({ '.': { types: './lib/index.d.ts', default: './lib/index.js' }, './package.json': './package.json' });
    expect(own.engines.node).toBe('>=20.19');
    expect(readFileSync(path.join(repo, 'bin/quire.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('ships the compiled library, the CLI, the theme, the scaffold, the license and the changelog; no sources, tests, maps or content', () => {
    for (const file of [
      'LICENSE',
      'CHANGELOG.md',
      'README.md',
      'package.json',
      'bin/quire.js',
      'lib/cli.js',
      'lib/index.js',
      'lib/index.d.ts',
      'lib/init/run-init.js',
      'templates/base.liquid',
      'templates/static/assets/quire.css',
      'templates/static/favicon.svg',
      'scaffold/common/dot-gitignore',
      'scaffold/common/dot-github/workflows/deploy.yml',
      'scaffold/en/quire.config.ts',
      'scaffold/zh-CN/content/posts/hello-world.md',
    ]) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((f) => !/^(README\.md|LICENSE|CHANGELOG\.md|package\.json|(bin|lib|templates|scaffold)\/.+)$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.test\.|\.map$|^src\/|^test\/|^content\/|^packages\//.test(f))).toEqual([]);
  });

  it('has a changelog entry for its version', () => {
    expect(readFileSync(path.join(repo, 'CHANGELOG.md'), 'utf8')).toContain(`\n## [${manifest(repo).version}]\n`);
  });
});

describe('create-quire, the initializer’s package', () => {
  const quire = (args: string[]) => {
    const result = spawnSync(process.execPath, [path.join(createDir, 'index.js'), ...args], { cwd: repo, encoding: 'utf8', env: cleanEnv() });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('is versioned in step with quire-ssg and depends on exactly that version', () => {
    const create = manifest(createDir);
    const own = manifest(repo);
    expect(create).toMatchObject({ name: 'create-quire', version: own.version, license: 'MIT', type: 'module', bin: { 'create-quire': 'index.js' } });
    expect(create.dependencies).toEqual({ 'quire-ssg': own.version });
    expect(create.engines).toEqual(own.engines);
    expect(readFileSync(path.join(createDir, 'LICENSE'), 'utf8')).toBe(readFileSync(path.join(repo, 'LICENSE'), 'utf8'));
  });

  it('ships its two modules, a README and the license', () => {
    expect(packedFiles(createDir)).toEqual(['LICENSE', 'README.md', 'create-args.js', 'index.js', 'package.json']);
  }, 120_000);

  it('prints its usage with --help and its version with --version', () => {
    const help = quire(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm create quire@latest <folder> [-- [--lang zh-CN|en] [--timezone ZONE] [--force]]');
    expect(quire(['--version']).stdout).toBe(`${manifest(createDir).version}\n`);
  });

  it('asks for a folder, one only, and refuses unknown options, exit 1, with the usage', () => {
    const none = quire([]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('error[InvalidOption] no folder named for the new site\n  hint: `npm create quire@latest my-blog` (or `.` for this folder, if it is empty)');
    const two = quire(['a', 'b']);
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('error[InvalidOption] one folder only (got "a", "b")');
    const unknown = quire(['blog', '--langg', 'en']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("error[InvalidOption] unknown option '--langg'");
    expect(unknown.stderr).toContain('Usage: npm create quire@latest');
  });
});
