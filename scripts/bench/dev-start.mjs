#!/usr/bin/env node
// The first start of `quire dev` with a build cache at hand: the time from starting the command
// until the home page is served. For each N, a corpus of N posts is built once with `quire build`
// (the cache an earlier build or CI leaves); then, BENCH_RUNS times (default 3), that cache is
// restored as the build left it, `quire dev` is started in a child process, and the home page is
// requested every 20 ms until it answers 200 with HTML. Also the start with the cache a previous
// `quire dev` session left (the same port), which is what an author gets from the second day on.
// Prints the medians, and the CPU time (user + sys) of the server process until the page came.
// Usage: node scripts/bench/dev-start.mjs [N ...]   (default: 1000). Needs the compiled quire.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';
import { median } from './median.mjs';

const bin = fileURLToPath(new URL('../../bin/quire.js', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const clockTick = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** user + sys seconds of a live process (Linux /proc). */
function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTick;
  } catch {
    return NaN;
  }
}

/** Starts `quire dev` in dir on port, waits for the home page; returns seconds to it and the server's CPU seconds. */
async function startToHome(dir, port) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'dev', '--port', String(port), '--host', '127.0.0.1', '--quiet'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`quire dev exited:\n${stderr}`);
      const served = await fetch(`http://127.0.0.1:${port}/`).then(
        async (res) => res.status === 200 && (await res.text()).includes('</html>'),
        () => false,
      );
      if (served) return { seconds: (performance.now() - t0) / 1000, cpu: cpuOf(child.pid) };
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    if (!exited) await new Promise((r) => child.on('exit', r));
  }
}

const rows = [];
for (const n of sizes.length ? sizes : [1000]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-dev-start-'));
  writeCorpus(dir, n);
  const built = spawnSync(process.execPath, [bin, 'build', '--root', dir, '--quiet'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(built.stderr);
  const cache = path.join(dir, '.quire-cache');
  cpSync(cache, path.join(dir, 'cache-of-build'), { recursive: true });
  const port = 41000 + Math.floor(Math.random() * 2000);
  const fromBuild = [];
  const fromDev = [];
  for (let r = 0; r < runs; r++) {
    rmSync(cache, { recursive: true, force: true });
    cpSync(path.join(dir, 'cache-of-build'), cache, { recursive: true });
    fromBuild.push(await startToHome(dir, port));
    fromDev.push(await startToHome(dir, port)); // the cache the session above left
  }
  rows.push({ n, fromBuild, fromDev });
  rmSync(dir, { recursive: true, force: true });
}

console.log(`quire dev start · node ${process.version} · ${os.availableParallelism()} cores · ${new Date().toISOString().slice(0, 10)} · median of ${runs} · load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('| posts | cache from | start → home page served | server CPU until then |\n|--:|---|--:|--:|');
for (const r of rows) {
  for (const [what, xs] of [['`quire build`', r.fromBuild], ['the last `quire dev`', r.fromDev]]) {
    console.log(`| ${r.n} | ${what} | ${median(xs.map((x) => x.seconds)).toFixed(2)} s | ${median(xs.map((x) => x.cpu)).toFixed(2)} s |`);
  }
}
