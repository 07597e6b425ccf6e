import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/quire.js', import.meta.url));

/** `quire dev` as a child process, with its output gathered. */
export interface DevProcess {
  readonly child: ChildProcess;
  /** The site URL it printed. */
  readonly url: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export async function startDev(args: string[], cwd: string, timeoutMs = 20_000): Promise<DevProcess> {
  const child = spawn(process.execPath, [bin, 'dev', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`quire dev did not start:\n${out}\n${err}`)), timeoutMs);
    const look = () => {
      const m = /quire dev\s+(http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`quire dev exited:\n${out}\n${err}`));
    });
  });
  return {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface ServerEvent {
  readonly event: string;
  readonly data: unknown;
}

/** A Server-Sent Events stream, read event by event. */
export interface EventStream {
  /** The next event of this type that `accept`s (every event before it is dropped). */
  next(type: string, accept?: (data: any) => boolean, timeoutMs?: number): Promise<ServerEvent>;
  close(): void;
}

export function openEvents(url: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const queue: ServerEvent[] = [];
    const waiting: Array<() => void> = [];
    const req = http.get(url, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined) queue.push({ event, data: data === undefined ? undefined : JSON.parse(data) });
        }
        for (const wake of waiting.splice(0)) wake();
      });
      resolve({
        async next(type, accept = () => true, timeoutMs = 15_000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const index = queue.findIndex((e) => e.event === type && accept(e.data));
            if (index !== -1) return queue.splice(0, index + 1).at(-1)!;
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no "${type}" event within ${timeoutMs} ms (got: ${queue.map((e) => e.event).join(', ')})`);
            await new Promise<void>((wake) => {
              const timer = setTimeout(wake, left);
              waiting.push(() => {
                clearTimeout(timer);
                wake();
              });
            });
          }
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

/** A raw GET: the path is sent exactly as given (fetch would normalise `..`). */
export function rawGet(origin: string, rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
