import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminal } from '../../src/cli-output/terminal.js';
import type { RunNpm } from '../../src/init/run-npm.js';
import { runInit } from '../../src/init/run-init.js';
import { remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

/** `quire init --install` with npm replaced by a recorder: what it asks npm for, and what it says. */
function setup(cwd: string, npmExit: number, installs: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: Array<{ args: readonly string[]; cwd: string }> = [];
  const npm: RunNpm = async (args, dir) => {
    calls.push({ args, cwd: dir });
    // what a successful install leaves
    if (installs) mkdirSync(path.join(dir, 'node_modules', 'quire-ssg'), { recursive: true });
    return npmExit;
  };
  const terminal = createTerminal({ env: {}, stdoutIsTTY: false, stderrIsTTY: false, quiet: false, verbose: false }, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  const init = (dir: string, flags: Record<string, unknown>) =>
    runInit({ dir, flags, cwd, machine: { locale: 'en-US', timeZone: 'UTC' }, now: new Date('2026-12-04T10:00:00Z'), quireVersion: '1.2.3', terminal, npm });
  return { init, calls, out: () => out.join(''), err: () => err.join('') };
}

describe('quire init --install', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = tempDir('quire-init-install-');
  });
  afterAll(() => remove(cwd));

  it('installs the running version from the registry in the new folder, then prints next steps without `npm install`', async () => {
    const { init, calls, out, err } = setup(cwd, 0, true);
    expect(await init('blog', { install: true })).toBe(0);
    expect(calls).toEqual([{ args: ['install', '--save-dev', 'quire-ssg@1.2.3'], cwd: path.join(cwd, 'blog') }]);
    expect(err()).toBe('');
    expect(out()).toContain('Installing quire-ssg@1.2.3 into blog/ (npm install)\n');
    expect(out()).toMatch(/Next steps\n {2}cd blog\n {2}npm run build/);
    expect(out()).not.toContain('npm install   ');
  });

  it('installs the vendored tarball the site depends on', async () => {
    writeFiles(path.join(cwd, 'vendored'), { 'vendor/quire-ssg-1.2.3.tgz': 'x' });
    const { init, calls, out } = setup(cwd, 0, true);
    expect(await init('vendored', { install: true })).toBe(0);
    expect(calls).toEqual([{ args: ['install'], cwd: path.join(cwd, 'vendored') }]);
    expect(out()).toContain('Installing vendor/quire-ssg-1.2.3.tgz into vendored/');
    expect(JSON.parse(readFileSync(path.join(cwd, 'vendored/package.json'), 'utf8')).devDependencies).toEqual({ 'quire-ssg': 'file:vendor/quire-ssg-1.2.3.tgz' });
  });

  it('says what to do when npm fails, exit 1, and keeps the written site', async () => {
    const { init, err } = setup(cwd, 1, false);
    expect(await init('offline', { install: true })).toBe(1);
    expect(err()).toContain('error[InstallFailed] npm install ended with exit code 1: the site is written, but quire-ssg is not installed in it');
    expect(err()).toContain('put its tarball in offline/vendor/ and run `npm install --save-dev ./vendor/quire-ssg-1.2.3.tgz` there');
    expect(existsSync(path.join(cwd, 'offline/quire.config.ts'))).toBe(true);
  });

  it('does not run npm without --install, nor when the scaffold is refused', async () => {
    const { init, calls } = setup(cwd, 0, true);
    expect(await init('plain', {})).toBe(0);
    writeFiles(path.join(cwd, 'busy'), { 'notes.txt': 'mine' });
    expect(await init('busy', { install: true })).toBe(1);
    expect(calls).toEqual([]);
  });
});
