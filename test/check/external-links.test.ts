import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExternalLinks } from '../../src/check/external-links.js';

// A local server stands in for the web: the tests never leave the machine.
describe('checkExternalLinks', () => {
  let server: http.Server;
  let base: string;
  const hits = new Map<string, string[]>();
  let inFlight = 0;
  let mostInFlight = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const key = req.url ?? '';
      hits.set(key, [...(hits.get(key) ?? []), req.method ?? '']);
      // Only the concurrency test's requests (/many/…) are counted: a request another test gave up
      // on (/slow) may be seen closed by the server only later, on a busy machine.
      const isMany = key.startsWith('/many/');
      if (isMany) inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      // Counted out just before the answer is written, or when the client gave up ('close'): the
      // client cannot have the answer (and start its next request) before that. 'finish' comes
      // later, and on a busy machine after the client's next request has arrived.
      let counted = isMany;
      const done = () => {
        if (counted) inFlight--;
        counted = false;
      };
      res.on('close', done);
      const count = hits.get(key)!.length;
      const reply = (status: number, delay = 0) =>
        setTimeout(() => {
          done();
          res.writeHead(status).end(req.method === 'GET' ? 'body' : undefined);
        }, delay);
      if (key === '/ok') return reply(200, 30);
      if (key === '/gone') return reply(404);
      if (key === '/no-head') return reply(req.method === 'HEAD' ? 405 : 200);
      if (key === '/flaky') return reply(count <= 2 ? 503 : 200);
      if (key === '/down') return reply(503);
      if (key === '/forbidden') return reply(403);
      if (key === '/redirect') {
        res.writeHead(301, { Location: '/ok' }).end();
        return;
      }
      if (key === '/slow') return; // never answers
      if (key.startsWith('/many/')) return reply(200, 40);
      reply(404);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const options = { concurrency: 8, timeoutMs: 300, retries: 2, backoffMs: 10 };

  it('accepts 2xx and redirects, falls back from HEAD to GET, retries what may pass', async () => {
    const results = await checkExternalLinks([`${base}/ok`, `${base}/redirect`, `${base}/no-head`, `${base}/flaky`, `${base}/ok`], options);
    expect(results.size).toBe(4);
    for (const url of ['/ok', '/redirect', '/no-head', '/flaky']) expect(results.get(base + url), url).toMatchObject({ ok: true });
    expect(hits.get('/no-head')).toEqual(['HEAD', 'GET']);
    // HEAD 503, GET 503, then HEAD 200
    expect(hits.get('/flaky')).toEqual(['HEAD', 'GET', 'HEAD']);
  });

  it('calls 404 and a refused connection broken, and timeouts, 5xx and 403 unverified', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const refused = `http://127.0.0.1:${(closed.address() as { port: number }).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const started = Date.now();
    const results = await checkExternalLinks([`${base}/gone`, refused, `${base}/slow`, `${base}/down`, `${base}/forbidden`], options);
    expect(results.get(`${base}/gone`)).toMatchObject({ ok: false, kind: 'broken', status: 404 });
    expect(results.get(refused)).toMatchObject({ ok: false, kind: 'broken', reason: 'the connection was refused' });
    expect(results.get(`${base}/slow`)).toMatchObject({ ok: false, kind: 'unverified', reason: 'no answer within 0.3 s' });
    expect(results.get(`${base}/down`)).toMatchObject({ ok: false, kind: 'unverified', status: 503 });
    expect(results.get(`${base}/forbidden`)).toMatchObject({ ok: false, kind: 'unverified', status: 403 });
    // 404 is not retried; 503 is, twice
    expect(hits.get('/gone')).toEqual(['HEAD', 'GET']);
    expect(hits.get('/down')).toHaveLength(6);
    // three attempts of 0.3 s at most for the slow one, in parallel with the rest
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    mostInFlight = 0;
    const urls = Array.from({ length: 20 }, (_, i) => `${base}/many/${i}`);
    // A generous timeout: a request abandoned on a busy machine and retried would be counted twice.
    const results = await checkExternalLinks(urls, { ...options, concurrency: 3, timeoutMs: 10_000 });
    expect([...results.values()].every((r) => r.ok)).toBe(true);
    expect(mostInFlight).toBeLessThanOrEqual(3);
    expect(mostInFlight).toBeGreaterThan(1);
  });
});
