/** `quire dev` serves the KaTeX and Mermaid files that pages with formulas and diagrams link to (real HTTP requests to a loopback port). */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../src/dev/start-dev-server.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

function get(port: number, rawPath: string): Promise<{ status: number; type: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('quire dev and the files of formulas and diagrams', () => {
  let site: string;
  let server: DevServer;
  const require = createRequire(import.meta.url);

  beforeAll(async () => {
    site = tempDir('quire-dev-vendor-');
    writeFiles(site, {
      'quire.config.json': configJson(),
      'content/posts/m.md': '---\ntitle: 公式\ndate: 2025-01-02\n---\n\n$E=mc^2$\n\n```mermaid\ngraph TD\n  甲 --> 乙\n```\n',
    });
    server = await startDevServer({ root: site, config: undefined, host: '127.0.0.1', port: 0, portExplicit: true, drafts: false, future: false, debounceMs: 10 }, () => undefined);
  });
  afterAll(async () => {
    await server?.close();
    remove(site);
  });

  it('serves the page and every file it links to for them: KaTeX stylesheet and fonts, Mermaid, the diagram script', async () => {
    const page = await get(server.port, '/posts/m/');
    expect(page.status).toBe(200);
    const html = page.body.toString('utf8');
    const linked = [...html.matchAll(/(?:href|src)="(\/assets\/(?:katex|mermaid|diagrams)[^"]*)"/g)].map((m) => m[1]!);
    expect(linked.sort()).toEqual(['/assets/diagrams.js', '/assets/katex/katex.min.css', '/assets/mermaid/mermaid.min.js']);
    for (const url of linked) expect((await get(server.port, url)).status, url).toBe(200);
    const mermaid = await get(server.port, '/assets/mermaid/mermaid.min.js');
    expect(mermaid.body.equals(readFileSync(require.resolve('mermaid/dist/mermaid.min.js')))).toBe(true);
    const font = await get(server.port, '/assets/katex/fonts/KaTeX_Main-Regular.woff2');
    expect(font.status).toBe(200);
    expect(font.type).toBe('font/woff2');
  });
});
