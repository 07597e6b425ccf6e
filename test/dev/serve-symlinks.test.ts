/**
 * `quire dev` reads only the project, as the build does: a file replaced by a link out of the
 * project while the server runs is not served (real HTTP requests to a loopback port), and a site
 * that starts with such a link serves nothing of it.
 */
import http from 'node:http';
import { renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevEvent, type DevServer } from '../../src/dev/start-dev-server.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const SECRET = 'SECRET-dev-4b1d-do-not-serve';

function get(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Swap `rel` for a link to `target` in one rename, as a checkout would. */
function replaceWithLink(site: string, rel: string, target: string): void {
  symlinkSync(target, path.join(site, `${rel}.new`));
  renameSync(path.join(site, `${rel}.new`), path.join(site, rel));
}

describe('quire dev and links out of the project', () => {
  let scratch: string;
  let site: string;
  let server: DevServer;
  const events: DevEvent[] = [];

  beforeAll(async () => {
    scratch = tempDir('quire-dev-links-');
    site = path.join(scratch, 'site');
    writeFiles(scratch, { 'outside/secret.txt': `${SECRET}\n`, 'outside/secret.md': `---\ntitle: Hello\ndate: 2025-01-02\n---\n\n${SECRET}\n` });
    writeFiles(site, {
      'quire.config.json': configJson(),
      'content/posts/hello.md': '---\ntitle: Hello\ndate: 2025-01-02\n---\n\nHello.\n',
      'public/note.txt': 'a public note\n',
    });
    server = await startDevServer({ root: site, config: undefined, host: '127.0.0.1', port: 0, portExplicit: true, drafts: false, future: false, debounceMs: 10 }, (e) => events.push(e));
  });
  afterAll(async () => {
    await server?.close();
    remove(scratch);
  });

  const failedWith = (file: string) => events.some((e) => e.type === 'failed' && e.diagnostics.some((d) => d.code === 'UnsafeSymlink' && d.file === file));
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  it('does not serve a public file replaced by a link out of the project, before or after the rebuild', async () => {
    expect((await get(server.port, '/note.txt')).body).toBe('a public note\n');
    replaceWithLink(site, 'public/note.txt', path.join(scratch, 'outside/secret.txt'));
    const first = await get(server.port, '/note.txt');
    await until(() => failedWith('public/note.txt'));
    expect(failedWith('public/note.txt')).toBe(true);
    const after = await get(server.port, '/note.txt');
    for (const answer of [first, after]) {
      expect(answer.body).not.toContain(SECRET);
      expect(answer.status).toBe(500);
      expect(answer.body).toContain('UnsafeSymlink');
    }
  });

  it('does not load a post replaced by a link out of the project', async () => {
    // Under the same name (no new file to make the server list the folder again).
    rmSync(path.join(site, 'content/posts/hello.md'));
    symlinkSync(path.join(scratch, 'outside/secret.md'), path.join(site, 'content/posts/hello.md'));
    await until(() => failedWith('content/posts/hello.md'));
    expect(failedWith('content/posts/hello.md')).toBe(true);
    const page = await get(server.port, '/posts/hello/');
    expect(page.body).toContain('Hello.');
    expect(page.body).not.toContain(SECRET);
  });
});
