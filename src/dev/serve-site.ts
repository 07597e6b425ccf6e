import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeOf } from './content-type.js';
import { DEV_PREFIX, EVENTS_PATH, injectClient, STATUS_PATH, type LiveReload } from './live-reload.js';
import { resolveRequest } from './resolve-request.js';

/** The site being served now: its folder (none before the first good build), base path and build number. */
export interface ServedSite {
  readonly dir: string | undefined;
  readonly basePath: string;
  readonly build: number;
}

/**
 * Requests of `quire dev`: the live-reload stream and the status, then the files of the current
 * site, with the client script put into every HTML response (not into the files), 404.html for a
 * miss, and a page that waits for a site while no build has succeeded yet.
 */
export function createRequestHandler(current: () => ServedSite, live: LiveReload, status: () => unknown): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === EVENTS_PATH) return live.connect(req, res);
    if (url.pathname === STATUS_PATH) return send(res, req, 200, 'application/json; charset=utf-8', JSON.stringify(status()));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return void res.end();
    }
    if (url.pathname.startsWith(DEV_PREFIX)) return send(res, req, 404, 'text/plain; charset=utf-8', 'not found\n');
    // Read once: a build that finishes meanwhile swaps the folder, the old one stays a moment.
    const { dir, basePath, build } = current();
    if (dir === undefined) {
      // No good build yet: a page that shows the error and reloads when there is a site.
      const page = `<!doctype html><html><head><meta charset="utf-8"><title>quire dev: build failed</title></head><body><p>The site has not been built yet: see the terminal.</p></body></html>`;
      return send(res, req, 503, 'text/html; charset=utf-8', injectClient(page, 0));
    }
    const resolved = resolveRequest(dir, basePath, url.pathname, url.search);
    switch (resolved.kind) {
      case 'redirect':
        res.writeHead(302, { Location: resolved.location, 'Cache-Control': 'no-store' });
        return void res.end();
      case 'bad-request':
        return send(res, req, 400, 'text/plain; charset=utf-8', `bad request: ${resolved.reason}\n`);
      case 'not-found': {
        const page = await readFile(path.join(dir, '404.html'), 'utf8').catch(() => undefined);
        if (page === undefined) return send(res, req, 404, 'text/plain; charset=utf-8', 'not found\n');
        return send(res, req, 404, 'text/html; charset=utf-8', injectClient(page, build));
      }
      case 'file': {
        const type = contentTypeOf(resolved.file);
        const body = await readFile(resolved.file).catch(() => undefined);
        if (body === undefined) return send(res, req, 404, 'text/plain; charset=utf-8', 'not found\n');
        return send(res, req, 200, type, type.startsWith('text/html') ? injectClient(body.toString('utf8'), build) : body);
      }
    }
  };
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
