import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A real npm registry for the tests: Verdaccio (from its npm package), on a free loopback port,
 * with its storage in a folder of the test's. Packages the tests publish (quire-ssg, create-quire)
 * are served from that storage only; every other package is fetched from the public registry
 * (its uplink) and kept there.
 */
export interface Registry {
  readonly url: string;
  /** An npm user config with this registry and a token that may publish to it. */
  readonly userconfig: string;
  /** npm run with this registry, a cache of `cache`, and nothing of the surrounding npm's environment. */
  npm(args: readonly string[], cwd: string, options?: { cache?: string; env?: NodeJS.ProcessEnv }): Outcome;
  /** Stops Verdaccio and waits for it to exit. */
  stop(): Promise<void>;
}

export interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Both streams, for assertion messages. */
  readonly output: string;
}

const verdaccioBin = fileURLToPath(new URL('../../node_modules/verdaccio/bin/verdaccio', import.meta.url));
const OWN_PACKAGES = ['quire-ssg', 'create-quire'];

/** The environment of a command run by a test: none of `npm test`'s npm_* variables, no colours. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Outcome {
  const result = spawnSync(command, [...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const stdout = result.stdout ?? '';
  const stderr = `${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`;
  return { code: result.status, stdout, stderr, output: `$ ${command} ${args.join(' ')}  (in ${cwd})\n${stdout}\n${stderr}` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function config(storage: string, port: number): string {
  const own = OWN_PACKAGES.map((name) => `  '${name}':\n    access: $all\n    publish: $authenticated\n    unpublish: $authenticated\n`).join('');
  return `storage: ${JSON.stringify(storage)}
auth:
  htpasswd:
    file: ${JSON.stringify(path.join(storage, 'htpasswd'))}
    max_users: 10
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 60s
    max_fails: 5
    # Metadata fetched once is served from storage for the whole suite: with Verdaccio's default
    # of 2 minutes, each later install fetched every package's full metadata from npmjs again.
    maxage: 60m
packages:
${own}  '**':
    access: $all
    publish: $authenticated
    proxy: npmjs
server:
  keepAliveTimeout: 60
listen: 127.0.0.1:${port}
logs: { type: stdout, format: json, level: warn }
web: { enable: false }
`;
}

/** Start Verdaccio with its files in `dir`; resolves once it answers. The caller must stop() it. */
export async function startRegistry(dir: string): Promise<Registry> {
  const storage = path.join(dir, 'storage');
  mkdirSync(storage, { recursive: true });
  const port = await freePort();
  const configFile = path.join(dir, 'verdaccio.yaml');
  writeFileSync(configFile, config(storage, port));
  const url = `http://127.0.0.1:${port}/`;
  const child: ChildProcess = spawn(process.execPath, [verdaccioBin, '--config', configFile, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const stop = async () => {
    process.removeListener('exit', kill);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };

  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Verdaccio exited (${child.exitCode}):\n${log}`);
      try {
        const answer = await fetch(`${url}-/ping`);
        if (answer.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`Verdaccio did not answer on ${url} within 60 s:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // A user that may publish: Verdaccio's htpasswd plugin creates it and answers with a token.
    const user = await fetch(`${url}-/user/org.couchdb.user:quire-test`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'quire-test', password: 'quire-test-password', email: 'test@example.org' }),
    });
    const { token } = (await user.json()) as { token?: string };
    if (!user.ok || !token) throw new Error(`Verdaccio refused the test user (${user.status})`);
    const userconfig = path.join(dir, 'npmrc');
    writeFileSync(userconfig, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\naudit=false\nfund=false\nupdate-notifier=false\n`);
    const npm: Registry['npm'] = (args, cwd, options = {}) =>
      run('npm', args, cwd, cleanEnv({ npm_config_userconfig: userconfig, npm_config_cache: options.cache ?? path.join(dir, 'npm-cache'), ...options.env }));
    return { url, userconfig, npm, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
