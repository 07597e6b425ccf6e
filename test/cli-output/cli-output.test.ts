import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const bin = fileURLToPath(new URL('../../bin/quire.js', import.meta.url));

function quire(args: string[], cwd: string, env: Record<string, string> = { NO_COLOR: '1' }) {
  const clean = { ...process.env };
  delete clean['NO_COLOR'];
  delete clean['FORCE_COLOR'];
  delete clean['CI'];
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...clean, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the CLI talks clearly', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir('quire-cli-output-');
    writeFiles(root, {
      'quire.config.json': configJson(),
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\n---\n```nosuchlang\nx\n```\n',
    });
  });
  afterAll(() => remove(root));

  it('lists every command in --help and each command’s options in its own help', () => {
    const help = quire(['--help'], root);
    expect(help.code).toBe(0);
    for (const command of ['build', 'dev', 'new <kind> [...title]', 'check', 'init [dir]']) expect(help.stdout).toContain(command);
    expect(help.stdout).toContain('--quiet');
    const dev = quire(['dev', '--help'], root);
    for (const option of ['--port <port>', '--host <host>', '--drafts', '--future']) expect(dev.stdout).toContain(option);
    const check = quire(['check', '--help'], root);
    for (const option of ['--external', '--json', '--timeout <seconds>']) expect(check.stdout).toContain(option);
    const made = quire(['new', '--help'], root);
    for (const option of ['--slug <slug>', '--link <url>', '--section <name>']) expect(made.stdout).toContain(option);
    expect(quire(['--version'], root).stdout).toMatch(/^quire\/\d+\.\d+\.\d+/);
  });

  it('prints the summary line, warnings on stderr; --verbose adds the time per stage; --quiet prints nothing but errors', () => {
    const normal = quire(['build'], root);
    expect(normal.code).toBe(0);
    expect(normal.stdout).toMatch(/^built \d+ pages \(1 post\) and \d+ files into dist\/ in (\d+ ms|\d+\.\d s), 1 warning\n$/);
    expect(normal.stderr).toContain('warning[UnknownLanguage] content/posts/a.md:5:1');
    expect(normal.stderr).not.toContain('\x1b[');
    const verbose = quire(['build', '--verbose', '--force'], root);
    expect(verbose.stdout).toMatch(/\n {2}config \d+ ms · discover \d+ ms · check \d+ ms · load \d+ ms · .*render \d+ ms · .*write \d+ ms/);
    const quiet = quire(['build', '--quiet'], root);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toBe('');
  });

  it('colours output when asked (FORCE_COLOR) and never with NO_COLOR', () => {
    expect(quire(['build'], root, { FORCE_COLOR: '1' }).stdout).toContain('\x1b[');
    expect(quire(['build'], root, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toContain('\x1b[');
  });
});
