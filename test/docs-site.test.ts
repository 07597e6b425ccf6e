import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configKeys } from '../src/config/schema.js';
import { readMarkdownTree } from './helpers/markdown-doc.js';
import { listTree, remove, tempDir } from './helpers/site-fixture.js';

// The documentation in docs/ is a quire site: built with the compiled CLI, as `.ci/run` does
// (npm test compiles src/ to lib/ first; docs/quire.config.ts imports quire-ssg, this package).
const repo = fileURLToPath(new URL('..', import.meta.url));
const docs = path.join(repo, 'docs');
const pages = path.join(docs, 'content/pages');
const bin = path.join(repo, 'bin/quire.js');

function quire(args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the documentation site', () => {
  let tmp: string;
  let out: string;
  let built: ReturnType<typeof quire>;
  beforeAll(() => {
    tmp = tempDir('quire-docs-');
    out = path.join(tmp, 'site');
    built = quire(['build', '--root', 'docs', '--out', out, '--no-cache']);
  }, 120_000);
  afterAll(() => remove(tmp));

  it('builds with no error and no warning', () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^built \d+ pages/);
  });

  it('has a page for every Markdown file, and the screenshot', () => {
    const files = listTree(out);
    const sources = readdirSync(pages).filter((name) => name.endsWith('.md') && name !== 'index.md');
    expect(sources.length).toBeGreaterThanOrEqual(12);
    for (const name of sources) expect(files, name).toContain(`${name.slice(0, -'.md'.length)}/index.html`);
    expect(files).toContain('screenshot.png');
    expect(readFileSync(path.join(out, 'cli/index.html'), 'utf8')).toContain('<h2 id="quire-build">');
  });

  it('passes quire check with no error and no warning', () => {
    const run = quire(['check', '--root', 'docs', '--json']);
    const report = JSON.parse(run.stdout) as { ok: boolean; errors: number; warnings: number; problems: unknown[]; checked: { pages: number } };
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, errors: 0, warnings: 0 });
    expect(report.checked.pages).toBeGreaterThan(12);
    expect(run.code).toBe(0);
  }, 120_000);
});

describe('the configuration reference', () => {
  it('names every key of the config schema', () => {
    const tree = readMarkdownTree(path.join(pages, 'configuration.md'));
    const documented = new Set<string>();
    visit(tree, 'inlineCode', (node) => {
      const key = /^([A-Za-z]+)(\.|$)/.exec(node.value)?.[1];
      if (key) documented.add(key);
    });
    const missing = configKeys.filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });
});

describe('links of README.md and CONTRIBUTING.md', () => {
  for (const name of ['README.md', 'CONTRIBUTING.md']) {
    it(`${name}: every link into the repository names a file that exists`, () => {
      const targets: string[] = [];
      visit(readMarkdownTree(path.join(repo, name)), (node) => {
        if ((node.type === 'link' || node.type === 'image') && !/^([a-z]+:|#)/i.test(node.url)) targets.push(node.url.split('#')[0]!);
      });
      if (name === 'README.md') expect(targets).toContain('docs/public/screenshot.png');
      const missing = targets.filter((target) => !existsSync(path.join(repo, decodeURIComponent(target))));
      expect(missing).toEqual([]);
    });
  }

  it('README.md is short, and keeps the two commands that set up and test a checkout near the top', () => {
    const text = readFileSync(path.join(repo, 'README.md'), 'utf8');
    expect(text.split('\n').length).toBeLessThanOrEqual(250);
    const tree = readMarkdownTree(path.join(repo, 'README.md'));
    const headings: string[] = [];
    visit(tree, 'heading', (node) => {
      headings.push(toString(node));
    });
    expect(headings.slice(0, 3)).toContain('Working on quire itself');
    expect(text).toContain('```sh\nnpm install && npx quire build\nnpm test\n```');
  });
});
