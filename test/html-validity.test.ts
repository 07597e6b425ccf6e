import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { listTree, remove, tempDir } from './helpers/site-fixture.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
/** The jar the `vnu-jar` devDependency ships (its default export is this path; it has no types). */
const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly url?: string;
  readonly message: string;
  readonly lastLine?: number;
  readonly extract?: string;
}

/** The Nu HTML Checker (the W3C's validator, from the vnu-jar package) over files; errors only. */
async function vnuErrors(files: readonly string[]): Promise<VnuMessage[]> {
  // vnu exits 1 when it found errors; its JSON report is on stderr either way.
  const result = await run('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string; code?: number }) => {
      if (error.code !== 1 || !error.stderr) throw error;
      return { stdout: error.stdout ?? '', stderr: error.stderr };
    },
  );
  return (JSON.parse(result.stderr) as { messages: VnuMessage[] }).messages;
}

describe('every generated page is valid HTML (Nu HTML Checker)', () => {
  let tmp: string;
  let out: string;

  beforeAll(async () => {
    tmp = tempDir();
    out = path.join(tmp, 'site');
    await build({ root: repo, outDir: out, baseUrl: 'https://example.org/blog/', now: new Date('2026-11-23T00:00:00Z') });
  });
  afterAll(() => remove(tmp));

  it('reports 0 errors for all pages of the sample site under a sub-path', async () => {
    const pages = listTree(out).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(30);
    // One known-bad page goes through the same run, to show the checker really checks.
    const bad = path.join(tmp, 'known-bad.html');
    writeFileSync(bad, '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><span id="a"></span><span id="a"></span></body></html>');
    const messages = await vnuErrors([...pages.map((f) => path.join(out, f)), bad]);
    const fileOf = (m: VnuMessage) => (m.url ? fileURLToPath(m.url) : '?');
    expect(messages.some((m) => fileOf(m) === bad && /Duplicate ID/i.test(m.message))).toBe(true);
    const readable = messages.filter((m) => fileOf(m) !== bad).map((m) => `${path.relative(out, fileOf(m))}:${m.lastLine ?? '?'}: ${m.message} [${m.extract ?? ''}]`);
    expect(readable).toEqual([]);
  });
});
