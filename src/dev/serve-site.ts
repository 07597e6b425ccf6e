import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Diagnostic } from '../diagnostics.js';
import { contentTypeOf } from './content-type.js';
import { DEV_PREFIX, EVENTS_PATH, injectClient, STATUS_PATH, type LiveReload } from './live-reload.js';
import { resolveOutputRequest } from './resolve-request.js';
import type { SiteGeneration } from './site-generation.js';

/** The site being served now: its last good generation (none before the first good build) and build number. */
export interface ServedSite {
  readonly generation: SiteGeneration | undefined;
  readonly build: number;
}

/**
 * Requests of `quire dev`: 403 for a `Host` it does not answer (see `hostAllowed`), then the
 * live-reload stream and the status, then the files of the current site — pages rendered when
 * first asked for, with the client script put into every HTML response (never into what a build
 * writes), the 404 page for a miss, a 500 page with the error when a template fails (also told to
 * `onError`), and a page that waits for a site while no build has succeeded yet.
 */
export function createRequestHandler(
  current: () => ServedSite,
  live: LiveReload,
  status: () => unknown,
  allowHost: (hostHeader: string | undefined) => boolean,
  onError: (problem: Diagnostic, build: number) => void = () => undefined,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    if (!allowHost(req.headers.host)) {
      return send(res, req, 403, 'text/plain; charset=utf-8', 'forbidden: quire dev answers only requests for localhost, the address it listens on and the names in `dev.allowedHosts` of the config\n');
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === EVENTS_PATH) return live.connect(req, res);
    if (url.pathname === STATUS_PATH) return send(res, req, 200, 'application/json; charset=utf-8', JSON.stringify(status()));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return void res.end();
    }
    if (url.pathname.startsWith(DEV_PREFIX)) return send(res, req, 404, 'text/plain; charset=utf-8', 'not found\n');
    // Read once: a build that finishes meanwhile brings a new generation; this request keeps its own.
    const { generation, build } = current();
    if (generation === undefined) {
      // No good build yet: a page that shows the error and reloads when there is a site.
      const page = `<!doctype html><html><head><meta charset="utf-8"><title>quire dev: build failed</title></head><body><p>The site has not been built yet: see the terminal.</p></body></html>`;
      return send(res, req, 503, 'text/html; charset=utf-8', injectClient(page, 0));
    }
    const failed = (problem: Diagnostic) => {
      onError(problem, build);
      return send(res, req, 500, 'text/html; charset=utf-8', injectClient(errorPage(problem), build));
    };
    const resolved = resolveOutputRequest(generation, generation.basePath, url.pathname, url.search);
    switch (resolved.kind) {
      case 'redirect':
        res.writeHead(302, { Location: resolved.location, 'Cache-Control': 'no-store' });
        return void res.end();
      case 'bad-request':
        return send(res, req, 400, 'text/plain; charset=utf-8', `bad request: ${resolved.reason}\n`);
      case 'not-found':
        break;
      case 'output': {
        const file = await generation.read(resolved.outputPath);
        if (file === undefined) break;
        if (!file.ok) return failed(file.diagnostic);
        const type = contentTypeOf(resolved.outputPath);
        return send(res, req, 200, type, type.startsWith('text/html') ? injectClient(file.body.toString('utf8'), build) : file.body);
      }
    }
    const page = await generation.notFound();
    if (page === undefined) return send(res, req, 404, 'text/plain; charset=utf-8', 'not found\n');
    if (!page.ok) return failed(page.diagnostic);
    return send(res, req, 404, 'text/html; charset=utf-8', injectClient(page.body.toString('utf8'), build));
  };
}

/** What a request whose page could not be made gets: the error, as the overlay shows it. */
function errorPage(problem: Diagnostic): string {
  const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : ''}: ` : '';
  const parts = [`<h1>quire: this page could not be made</h1>`, `<pre class="head">${escapeHtml(`${problem.severity}[${problem.code}] ${where}${problem.message}`)}</pre>`];
  if (problem.frame) parts.push(`<pre class="frame">${escapeHtml(problem.frame)}</pre>`);
  if (problem.hint) parts.push(`<p class="hint">hint: ${escapeHtml(problem.hint)}</p>`);
  parts.push('<p>Fix it and save: the page reloads by itself.</p>');
  const style = 'body{background:#141418;color:#eee;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem}h1{font-size:1.1rem;color:#ff7b72}.head{color:#ffa198;font-weight:bold;white-space:pre-wrap}.frame{background:#000;padding:.5rem}.hint{color:#9ecbff}';
  return `<!doctype html><html><head><meta charset="utf-8"><title>quire dev: ${escapeHtml(problem.code)}</title><style>${style}</style></head><body>${parts.join('\n')}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
