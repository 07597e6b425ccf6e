import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configJson, remove, tempDir, writeFiles } from '../../helpers/site-fixture.js';

const bin = fileURLToPath(new URL('../../../bin/quire.js', import.meta.url));

function quire(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const { BUTTONDOWN_API_KEY: _key, ...clean } = process.env;
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...clean, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

describe('quire digest --send buttondown, against a local stand-in for Buttondown’s API', () => {
  let root: string;
  let server: http.Server;
  let api: string;
  const received: Received[] = [];

  beforeAll(async () => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson(),
      'content/weekly/0012.md': '---\ntitle: 远程办公 & 工具\ndate: 2025-12-21 20:00:00\n---\n本期导语。\n\n## 工具\n\n- [mise](https://mise.jdx.dev/) 好用。\n',
    });
    // It answers as Buttondown documents POST /v1/emails: 201 with the email object, or 400/401 with a JSON error.
    server = http.createServer((req, res) => {
      let data = '';
      req.setEncoding('utf8').on('data', (d: string) => (data += d));
      req.on('end', () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(data) as Record<string, unknown>;
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: 'body is not JSON' }));
          return;
        }
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        if (req.headers.authorization !== 'Token secret-key-1234') {
          res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: 'Invalid token.' }));
        } else if (req.method !== 'POST' || req.url !== '/v1/emails' || body['status'] !== 'draft' || typeof body['subject'] !== 'string' || typeof body['body'] !== 'string') {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ subject: ['This field is required.'] }));
        } else {
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'em_test123', status: 'draft', subject: body['subject'] }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    remove(root);
  });

  it('creates a draft — never a sent email — with the issue’s subject, e-mail HTML and page', async () => {
    received.length = 0;
    const result = await quire(['digest', '12', '--send', 'buttondown'], root, { BUTTONDOWN_API_KEY: 'secret-key-1234', BUTTONDOWN_API_URL: api });
    expect(result.stderr).toContain('created a draft in Buttondown (id em_test123)');
    expect(result.code).toBe(0);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body['status']).toBe('draft');
    expect(request!.body['subject']).toBe('周报 12 —— 远程办公 & 工具');
    expect(request!.body['canonical_url']).toBe('https://example.org/weekly/12/');
    const html = String(request!.body['body']);
    expect(html).toContain('<!-- buttondown-editor-mode: fancy -->');
    expect(html).toContain('href="https://mise.jdx.dev/"');
    expect(html).toContain('本期导语。');
  });

  it('prints the request with --dry-run, the key masked, and sends nothing', async () => {
    received.length = 0;
    const result = await quire(['digest', '12', '--send', 'buttondown', '--dry-run'], root, { BUTTONDOWN_API_KEY: 'secret-key-1234', BUTTONDOWN_API_URL: api });
    expect(result.code).toBe(0);
    expect(received).toHaveLength(0);
    expect(result.stdout).toContain(`POST ${api}emails`);
    expect(result.stdout).toContain('Authorization: Token …1234');
    expect(result.stdout).not.toContain('secret-key');
    expect(result.stdout).toContain('"status": "draft"');
  });

  it('says where the key goes when it is missing, before building anything', async () => {
    received.length = 0;
    const result = await quire(['digest', '12', '--send', 'buttondown'], root, { BUTTONDOWN_API_URL: api });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error[MissingApiKey] BUTTONDOWN_API_KEY is not set');
    expect(received).toHaveLength(0);
  });

  it('reports what Buttondown answered to a key it refuses, and a service quire does not know', async () => {
    const refused = await quire(['digest', '12', '--send', 'buttondown'], root, { BUTTONDOWN_API_KEY: 'wrong', BUTTONDOWN_API_URL: api });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error[SendFailed] Buttondown answered 401 Unauthorized: Invalid token.');
    expect(refused.stderr).toContain('check BUTTONDOWN_API_KEY');
    const unknown = await quire(['digest', '12', '--send', 'buttondwn'], root, { BUTTONDOWN_API_KEY: 'secret-key-1234', BUTTONDOWN_API_URL: api });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error[InvalidOption] --send buttondwn');
    expect(unknown.stderr).toContain('did you mean buttondown?');
  });
});
