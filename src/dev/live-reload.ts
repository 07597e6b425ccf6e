import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Diagnostic } from '../diagnostics.js';

/** Where the browser side of `quire dev` talks to the server; outside any base path a site can have. */
export const DEV_PREFIX = '/__quire/';
export const EVENTS_PATH = `${DEV_PREFIX}events`;
export const STATUS_PATH = `${DEV_PREFIX}status`;

/** What a page and the status endpoint learn about the builds. */
export interface DevState {
  /** Number of the build whose site is being served (0: none yet). */
  readonly build: number;
  /** Whether the latest build succeeded. */
  readonly ok: boolean;
  /** A build is running now. */
  readonly building: boolean;
  /** Diagnostics of the latest build (errors, when it failed). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface LiveReload {
  /** Serve the Server-Sent Events stream; the first event, `hello`, is the current state. */
  connect(req: IncomingMessage, res: ServerResponse): void;
  /** `reload` after a good build, `build-error` after a failed one. */
  broadcast(event: 'reload' | 'build-error' | 'building', data: unknown): void;
  readonly clients: () => number;
  close(): void;
}

export function createLiveReload(state: () => DevState): LiveReload {
  const clients = new Set<ServerResponse>();
  const send = (res: ServerResponse, event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  // A comment now and then keeps proxies and idle timeouts from closing the stream.
  const ping = setInterval(() => {
    for (const res of clients) res.write(': ping\n\n');
  }, 15_000);
  ping.unref();
  return {
    connect(req, res) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.write('retry: 500\n\n');
      send(res, 'hello', state());
      clients.add(res);
      const drop = () => clients.delete(res);
      req.on('close', drop);
      res.on('error', drop);
    },
    broadcast(event, data) {
      for (const res of clients) send(res, event, data);
    },
    clients: () => clients.size,
    close() {
      clearInterval(ping);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}

/**
 * The script put into every HTML response of `quire dev` (never into files on disk): reload when
 * a newer build is ready, show a build error over the page (the page itself is the last good
 * build) and take it away when the next build succeeds.
 */
export function clientScript(servedBuild: number): string {
  return `<script data-quire-dev>(() => {
const served = ${servedBuild};
let box;
const hide = () => { if (box) { box.remove(); box = undefined; } };
const show = (state) => {
  hide();
  const errors = (state.diagnostics || []).filter((d) => d.severity === 'error');
  box = document.createElement('div');
  box.id = 'quire-error-overlay';
  const root = box.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = ':host{all:initial}.panel{position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#eee;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem}h1{font-size:1.1rem;color:#ff7b72;margin:0 0 .25rem}p{margin:.25rem 0}.note{color:#aaa;margin-bottom:1.5rem}section{margin:0 0 1.5rem}pre{margin:.25rem 0;white-space:pre-wrap}.head{color:#ffa198;font-weight:bold}.frame{color:#ddd;background:#000;padding:.5rem;border-radius:4px}.hint{color:#9ecbff}button{position:fixed;top:1rem;right:1.5rem;font:inherit;font-size:1.5rem;background:none;color:#eee;border:0;cursor:pointer}';
  const panel = document.createElement('div');
  panel.className = 'panel';
  const add = (parent, tag, className, text) => { const el = document.createElement(tag); if (className) el.className = className; el.textContent = text; parent.append(el); return el; };
  const close = add(panel, 'button', '', '×');
  close.title = 'Close (Esc)';
  close.onclick = hide;
  add(panel, 'h1', '', 'quire: the build failed (' + errors.length + (errors.length === 1 ? ' error)' : ' errors)'));
  add(panel, 'p', 'note', 'This page is from the last good build. Fix the file and save: the page reloads by itself.');
  for (const d of errors) {
    const item = add(panel, 'section', '', '');
    const where = d.file ? d.file + (d.line ? ':' + d.line + (d.column ? ':' + d.column : '') : '') + ': ' : '';
    add(item, 'pre', 'head', d.severity + '[' + d.code + '] ' + where + d.message);
    if (d.frame) add(item, 'pre', 'frame', d.frame);
    if (d.hint) add(item, 'p', 'hint', 'hint: ' + d.hint);
  }
  root.append(style, panel);
  document.documentElement.append(box);
};
addEventListener('keydown', (e) => { if (e.key === 'Escape') hide(); });
const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
events.addEventListener('hello', (e) => { const s = JSON.parse(e.data); if (s.build !== served && s.build > 0) location.reload(); else if (!s.ok) show(s); });
events.addEventListener('reload', (e) => { if (JSON.parse(e.data).build !== served) location.reload(); });
events.addEventListener('build-error', (e) => show(JSON.parse(e.data)));
})();</script>`;
}

/** Put the client script into an HTML document, before `</body>` (or at the end). */
export function injectClient(html: string, servedBuild: number): string {
  const script = clientScript(servedBuild);
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at === -1 ? html + script : html.slice(0, at) + script + html.slice(at);
}
