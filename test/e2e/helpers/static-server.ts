import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { contentTypeOf } from '../../../src/dev/content-type.js';
import { resolveOutputRequest, type OutputTree } from '../../../src/dev/resolve-request.js';

/** A static host for a built site: what a production server does, without quire dev's live reload. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>`, known before there is a site to serve (the build needs it). */
  readonly origin: string;
  /** Serve `folder` under `basePath` (`/blog/`). */
  serve(folder: string, basePath: string): void;
  close(): Promise<void>;
}

/** The built folder as quire dev's request mapping sees a site. */
function folderTree(folder: string): OutputTree {
  const stat = (rel: string) => statSync(path.join(folder, ...rel.split('/')), { throwIfNoEntry: false });
  return { isFile: (rel) => stat(rel)?.isFile() ?? false, isFolder: (rel) => stat(rel)?.isDirectory() ?? false };
}

/** Listen on a free port of 127.0.0.1: files by quire dev's request mapping, misses as 404.html with status 404. */
export async function startStaticServer(): Promise<StaticServer> {
  let site: { folder: string; basePath: string } | undefined;
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  });
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const send = (status: number, type: string, body: Buffer | string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (!site) return send(503, 'text/plain; charset=utf-8', 'no site yet\n');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const resolved = resolveOutputRequest(folderTree(site.folder), site.basePath, url.pathname, url.search);
    switch (resolved.kind) {
      case 'output': {
        const file = path.join(site.folder, ...resolved.outputPath.split('/'));
        return send(200, contentTypeOf(file), await readFile(file));
      }
      case 'redirect':
        return send(301, 'text/plain; charset=utf-8', '', { Location: resolved.location });
      case 'bad-request':
        return send(400, 'text/plain; charset=utf-8', `${resolved.reason}\n`);
      case 'not-found':
        return send(404, 'text/html; charset=utf-8', await readFile(path.join(site.folder, '404.html')));
    }
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    serve: (folder, basePath) => {
      site = { folder, basePath };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
