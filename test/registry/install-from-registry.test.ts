import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listTree, remove, tempDir } from '../helpers/site-fixture.js';
import { cleanEnv, run, startRegistry, type Outcome, type Registry } from '../helpers/npm-registry.js';

/**
 * quire as its users get it, through a real npm registry (Verdaccio on loopback): both packages
 * are packed and published, then
 * - `npm create quire@latest my-blog -- --lang en --timezone Asia/Shanghai` in an empty folder,
 *   build and check;
 * - the site committed, cloned, and the deploy workflow's own `run:` steps run in the clone with an
 *   empty npm cache;
 * - a patch version published and installed over it: the next build is that version's;
 * - the path that works while the packages are not on the public registry: the tarball kept in the
 *   site's `vendor/`, through the same clean clone.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const version = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version;
const patch = version.replace(/\d+$/, (n) => String(Number(n) + 1));
const BASE_URL = 'https://example.github.io/my-blog/';

function ok(outcome: Outcome): Outcome {
  expect(outcome.code, outcome.output).toBe(0);
  return outcome;
}

function git(args: string[], cwd: string): Outcome {
  return ok(run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'init.defaultBranch=main', ...args], cwd, cleanEnv()));
}

/** The `run:` steps of the generated workflow's build job, with their `env:`, as the runner runs them (bash). */
function workflowSteps(site: string): Array<{ run: string; env: Record<string, string> }> {
  const workflow = parse(readFileSync(path.join(site, '.github/workflows/deploy.yml'), 'utf8')) as {
    jobs: { build: { steps: Array<{ run?: string; env?: Record<string, string> }> } };
  };
  return workflow.jobs.build.steps.filter((s) => s.run !== undefined).map((s) => ({ run: s.run!, env: s.env ?? {} }));
}

/** Runs the workflow's build steps in `clone` with a new, empty npm cache; `${{ … }}` values as Pages gives them. */
function runWorkflow(registry: Registry, clone: string, cacheRoot: string): Outcome[] {
  const cache = path.join(cacheRoot, `empty-cache-${path.basename(clone)}`);
  expect(existsSync(cache)).toBe(false);
  const outcomes: Outcome[] = [];
  for (const step of workflowSteps(clone)) {
    const env = Object.fromEntries(Object.entries(step.env).map(([key, value]) => [key, value.replace(/^\$\{\{ steps\.pages\.outputs\.base_url \}\}$/, BASE_URL.replace(/\/$/, ''))]));
    expect(Object.values(env).join(' ')).not.toContain('${{');
    outcomes.push(ok(run('bash', ['-eo', 'pipefail', '-c', step.run], clone, cleanEnv({ npm_config_userconfig: registry.userconfig, npm_config_cache: cache, ...env }))));
  }
  return outcomes;
}

function packageJson(dir: string): { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; scripts?: Record<string, string>; version?: string } {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

describe('quire through a real npm registry', () => {
  let tmp: string;
  let registry: Registry;
  let tarball: string;
  let created: Outcome;
  const work = () => path.join(tmp, 'work');
  const site = () => path.join(work(), 'my-blog');

  beforeAll(async () => {
    tmp = tempDir('quire-registry-');
    registry = await startRegistry(path.join(tmp, 'registry'));
    const packed = path.join(tmp, 'packed');
    mkdirSync(packed);
    // lib/ is compiled by the suite's script before vitest runs: the pack skips `prepare`.
    const own = JSON.parse(ok(registry.npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packed], repo)).stdout) as Array<{ filename: string }>;
    const create = JSON.parse(ok(registry.npm(['pack', '--json', '--pack-destination', packed], path.join(repo, 'packages/create-quire'))).stdout) as Array<{ filename: string }>;
    tarball = path.join(packed, own[0]!.filename);
    expect(path.basename(tarball)).toBe(`quire-ssg-${version}.tgz`);
    ok(registry.npm(['publish', tarball], packed));
    ok(registry.npm(['publish', path.join(packed, create[0]!.filename)], packed));
    mkdirSync(work());
    created = registry.npm(['create', 'quire@latest', 'my-blog', '--', '--lang', 'en', '--timezone', 'Asia/Shanghai'], work());
  });
  afterAll(async () => {
    await registry?.stop();
    if (tmp) remove(tmp);
  });

  it('publishes both packages, in step', () => {
    const view = (name: string) => JSON.parse(ok(registry.npm(['view', name, '--json'], tmp)).stdout) as { version: string; dependencies?: Record<string, string>; bin?: Record<string, string> };
    expect(view('quire-ssg')).toMatchObject({ version, bin: { quire: 'bin/quire.js' } });
    expect(view('create-quire')).toMatchObject({ version, dependencies: { 'quire-ssg': version }, bin: { 'create-quire': 'index.js' } });
  });

  it('`npm create quire@latest my-blog` scaffolds the site, installs quire-ssg at its version and prints the next steps', () => {
    ok(created);
    expect(created.stdout).toContain('created a quire site in my-blog/ (English, time zone Asia/Shanghai)');
    expect(created.stdout).toMatch(/Next steps\n\s+cd my-blog\n/);
    expect(created.stdout).toContain('npm run dev');
    expect(created.stdout).not.toContain('npm install  ');
    const pkg = packageJson(site());
    expect(pkg.devDependencies).toEqual({ 'quire-ssg': `^${version}` });
    expect(pkg.scripts).toEqual({ build: 'quire build', dev: 'quire dev --drafts --future' });
    expect(packageJson(path.join(site(), 'node_modules/quire-ssg')).version).toBe(version);
    const lock = readFileSync(path.join(site(), 'package-lock.json'), 'utf8');
    expect(lock).toContain(`${registry.url}quire-ssg/-/quire-ssg-${version}.tgz`);
    expect(readFileSync(path.join(site(), 'quire.config.ts'), 'utf8')).toContain("import { defineConfig } from 'quire-ssg';");
  });

  it('builds, and `quire check` finds no error and no warning', () => {
    const built = ok(registry.npm(['run', 'build'], site()));
    expect(built.stdout).toMatch(/built \d+ pages \(1 post\)/);
    const check = registry.npm(['exec', '--', 'quire', 'check', '--json'], site());
    const report = JSON.parse(check.stdout) as { ok: boolean; errors: number; warnings: number; problems: unknown[] };
    expect(report.problems, check.output).toEqual([]);
    expect(report).toMatchObject({ ok: true, errors: 0, warnings: 0 });
    expect(check.code).toBe(0);
  });

  it('a clean clone passes the deploy workflow’s build steps with an empty npm cache', () => {
    git(['init', '-q'], site());
    git(['add', '-A'], site());
    git(['commit', '-q', '-m', 'my blog'], site());
    const clone = path.join(work(), 'clone');
    git(['clone', '-q', site(), clone], work());
    expect(existsSync(path.join(clone, 'node_modules'))).toBe(false);
    const steps = runWorkflow(registry, clone, tmp);
    expect(steps.map((s) => s.output.split('\n')[0])).toEqual([expect.stringContaining('npm ci'), expect.stringContaining('npm run build -- --base-url "$BASE_URL"')]);
    const index = readFileSync(path.join(clone, 'dist/index.html'), 'utf8');
    expect(index).toContain('href="/my-blog/posts/hello-world/"');
    expect(packageJson(path.join(clone, 'node_modules/quire-ssg')).version).toBe(version);
  });

  it('upgrades to a newer patch version from the registry, and its first build does not trust the older build cache', () => {
    // The patch version renders code lines with one more class: a page kept from the old cache would lack it.
    const unpacked = path.join(tmp, 'patch');
    mkdirSync(unpacked);
    ok(run('tar', ['-xzf', tarball, '-C', unpacked], tmp, cleanEnv()));
    const pkgDir = path.join(unpacked, 'package');
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify({ ...pkg, version: patch }, null, 2));
    const hast = path.join(pkgDir, 'lib/render/code/code-block-hast.js');
    const code = readFileSync(hast, 'utf8');
    expect(code).toContain("const classes = ['line'];");
    writeFileSync(hast, code.replace("const classes = ['line'];", "const classes = ['line', 'patched'];"));
    ok(registry.npm(['publish', '--ignore-scripts'], pkgDir));

    const clone = path.join(work(), 'clone');
    expect(readdirSync(path.join(clone, '.quire-cache')).length).toBeGreaterThan(0);
    const before = readFileSync(path.join(clone, 'dist/posts/hello-world/index.html'), 'utf8');
    expect(before).not.toContain('line patched');
    ok(registry.npm(['install', '--save-dev', `quire-ssg@${patch}`], clone));
    expect(packageJson(clone).devDependencies).toEqual({ 'quire-ssg': `^${patch}` });
    expect(packageJson(path.join(clone, 'node_modules/quire-ssg')).version).toBe(patch);
    ok(registry.npm(['run', 'build', '--', '--base-url', BASE_URL], clone));
    const after = readFileSync(path.join(clone, 'dist/posts/hello-world/index.html'), 'utf8');
    expect(after).toContain('class="line patched"');
    // the same as a build of the new version without any cache
    ok(registry.npm(['run', 'build', '--', '--base-url', BASE_URL, '--no-cache', '--out', 'dist-cold'], clone));
    const files = listTree(path.join(clone, 'dist'));
    expect(listTree(path.join(clone, 'dist-cold'))).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(clone, 'dist-cold', file)), file).toEqual(readFileSync(path.join(clone, 'dist', file)));
  });

  it('while unpublished: the tarball in the site’s vendor/, installed from there, survives a clean clone and `npm ci` with an empty cache', () => {
    const vendored = path.join(work(), 'vendored');
    mkdirSync(path.join(vendored, 'vendor'), { recursive: true });
    cpSync(tarball, path.join(vendored, 'vendor', path.basename(tarball)));
    // The README's two commands, in the folder that holds vendor/.
    // With the packages the earlier installs cached, as on an author's machine (`prefer-offline`:
    // no second fetch of every package's metadata); the clean clone below starts from nothing.
    const init = ok(registry.npm(['exec', '--yes', '--package', `./vendor/${path.basename(tarball)}`, '--', 'quire', 'init', '--install', '--lang', 'zh-CN', '--timezone', 'Asia/Shanghai'], vendored, { env: { npm_config_prefer_offline: 'true' } }));
    expect(init.stdout).toContain('Installing vendor/quire-ssg-');
    const dependency = `file:vendor/quire-ssg-${version}.tgz`;
    expect(packageJson(vendored).devDependencies).toEqual({ 'quire-ssg': dependency });
    const lock = JSON.parse(readFileSync(path.join(vendored, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string; version?: string }> };
    expect(lock.packages['node_modules/quire-ssg']).toMatchObject({ resolved: dependency, version });
    git(['init', '-q'], vendored);
    git(['add', '-A'], vendored);
    git(['commit', '-q', '-m', 'vendored'], vendored);
    const clone = path.join(work(), 'vendored-clone');
    git(['clone', '-q', vendored, clone], work());
    runWorkflow(registry, clone, tmp);
    expect(readFileSync(path.join(clone, 'dist/index.html'), 'utf8')).toContain('href="/my-blog/posts/hello-world/"');
  });
});
