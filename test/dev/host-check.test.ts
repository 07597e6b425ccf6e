/**
 * `quire dev` against DNS rebinding and open redirects: real HTTP
 * requests to a server started on a loopback port, with the Host header a browser would send.
 */
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAllowed } from '../../src/dev/host-check.js';
import { startDevServer, type DevServer } from '../../src/dev/start-dev-server.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

interface Answer {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

/** GET `rawPath` (sent as written) from 127.0.0.1:port with this Host header. */
function get(port: number, rawPath: string, host: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hostAllowed', () => {
  it('answers localhost, the loopback addresses and the listen address, with or without a port, and the configured names', () => {
    const allow = hostAllowed('localhost', ['192.168.1.5'], ['preview.test', '.tunnel.test']);
    for (const host of ['localhost', 'localhost:4321', 'LOCALHOST.', '127.0.0.1:4321', '[::1]:4321', '[0:0:0:0:0:0:0:1]', 'preview.test:80', 'tunnel.test', 'a.b.tunnel.test:4321']) {
      expect(allow(host), host).toBe(true);
    }
    for (const host of [undefined, '', 'evil.example', 'evil.example:4321', 'localhost.evil.example', 'preview.test.evil.example', 'eviltunnel.test', '192.168.1.5', 'user@localhost', 'localhost/x', '[::1']) {
      expect(allow(host), String(host)).toBe(false);
    }
  });

  it('answers the machine addresses when listening on every address, and the --host given', () => {
    expect(hostAllowed('0.0.0.0', ['192.168.1.5', 'fe80::1'], [])('192.168.1.5:4321')).toBe(true);
    expect(hostAllowed('::', ['192.168.1.5', 'fe80::1'], [])('[fe80::1]:4321')).toBe(true);
    expect(hostAllowed('0.0.0.0', ['192.168.1.5'], [])('10.0.0.9')).toBe(false);
    expect(hostAllowed('my-box.lan', [], [])('My-Box.lan:4321')).toBe(true);
    expect(hostAllowed('::1', [], [])('[::1]')).toBe(true);
  });
});

describe('quire dev over HTTP', () => {
  let scratch: string;
  let site: string;
  let server: DevServer;

  beforeAll(async () => {
    scratch = tempDir('quire-dev-host-');
    site = path.join(scratch, 'site');
    writeFiles(site, {
      'quire.config.json': configJson({ dev: { allowedHosts: ['preview.test'] } }),
      'content/posts/hello.md': '---\ntitle: Hello\ndate: 2025-01-02\n---\n\nHello.\n',
      'public/evil.example/index.html': '<!doctype html><title>folder</title>',
    });
    server = await startDevServer({ root: site, config: undefined, host: '127.0.0.1', port: 0, portExplicit: true, drafts: false, future: false, debounceMs: 10 }, () => undefined);
  });
  afterAll(async () => {
    await server?.close();
    remove(scratch);
  });

  it('refuses a foreign Host with 403, on pages, the status and the event stream alike', async () => {
    for (const rawPath of ['/', '/posts/hello/', '/__quire/status', '/__quire/events']) {
      const answer = await get(server.port, rawPath, `evil.example:${server.port}`);
      expect(answer.status, rawPath).toBe(403);
      expect(answer.body).toContain('dev.allowedHosts');
      expect(answer.body).not.toContain('Hello.');
    }
  });

  it('answers localhost, 127.0.0.1, [::1] and a name of dev.allowedHosts', async () => {
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, 'preview.test']) {
      const answer = await get(server.port, '/posts/hello/', host);
      expect(answer.status, host).toBe(200);
      expect(answer.body).toContain('Hello.');
    }
  });

  it('never redirects to a protocol-relative Location', async () => {
    const host = `localhost:${server.port}`;
    const folder = await get(server.port, '/.//evil.example', host);
    expect(folder.status).toBe(302);
    expect(folder.location).toBe('/evil.example/');
    const posts = await get(server.port, '/.//posts?x=1', host);
    expect(posts.location).toBe('/posts/?x=1');
    expect((await get(server.port, '/evil.example', host)).location).toBe('/evil.example/');
  });

});
