#!/usr/bin/env node
// Usage: node scripts/bench/dev-reload.mjs [sample] [N ...]   (default: sample 1000)
// Edit → reload with `quire dev` (compiled CLI; npm run build first): for the sample site (a
// copy) and for generated corpora of N posts, start `quire dev` in a child process, listen to
// its live-reload events, append a line to one post BENCH_EDITS times (default 5) and time
// each edit until the `reload` event, and until the page served has the new text.
// BENCH_KIND=title changes the post's title instead (front matter: the site is collected again).
// BENCH_DIR=DIR (with one N) runs in DIR instead of a new temporary folder: a corpus of N posts is
// written there if it has none, and DIR is kept, with the .quire-cache/ the server writes; with
// BENCH_PORT=P too (the cache's render records depend on the site's URL, so on the port), the next
// run starts from a warm cache in seconds instead of a cold build (≈90 s at 4000 posts).
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { postFile, writeCorpus } from './corpus.mjs';
import { median } from './median.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));

async function sampleSite(dir) {
  // The sample's quire.config.ts imports 'quire', which a copy elsewhere cannot resolve: write
  // the same settings as JSON.
  const { loadConfig } = await import(path.join(repo, 'lib/config/load-config.js'));
  const { config } = await loadConfig(repo);
  for (const folder of ['content', 'public']) cpSync(path.join(repo, folder), path.join(dir, folder), { recursive: true });
  writeFileSync(path.join(dir, 'quire.config.json'), JSON.stringify(config, null, 2));
  return { file: path.join(dir, 'content/posts/go-loader.md'), page: 'posts/go-loader/' };
}

function startDev(quire, dir, port = 0) {
  const child = spawn(process.execPath, [path.join(quire, 'bin/quire.js'), 'dev', '--port', String(port), '--host', '127.0.0.1', '--quiet'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /quire dev\s+(http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', () => reject(new Error(`quire dev exited:\n${out}`)));
  });
}

function events(url) {
  const waiting = [];
  const req = http.get(new URL('/__quire/events', url), (res) => {
    let buffer = '';
    res.setEncoding('utf8').on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        for (const w of waiting.splice(0)) w(event);
      }
    });
  });
  return {
    next: (type) =>
      new Promise((resolve) => {
        const wait = (event) => (event === type ? resolve() : waiting.push(wait));
        waiting.push(wait);
      }),
    close: () => req.destroy(),
  };
}

/**
 * Starts `quire dev` (the package in folder quire) in dir, appends a line to `edit.file` `edits` times and times each save until
 * the `reload` event and until `edit.page` is served with the new line; stops the server.
 */
export async function measureDevReload(quire, dir, edit, edits, kind = 'text', port = 0) {
  const started = performance.now();
  const { child, url } = await startDev(quire, dir, port);
  const first = performance.now() - started;
  const stream = events(url);
  await new Promise((r) => setTimeout(r, 300));
  const toEvent = [];
  const toPage = [];
  try {
    for (let i = 0; i < edits; i++) {
      const marker = `bench-edit-${i}-${Date.now()}`;
      const reloaded = stream.next('reload');
      const t0 = performance.now();
      if (kind === 'title') writeFileSync(edit.file, readFileSync(edit.file, 'utf8').replace(/^title: .*$/m, `title: "${marker}"`));
      else appendFileSync(edit.file, `\n${marker}\n`);
      await reloaded;
      toEvent.push(performance.now() - t0);
      const html = await (await fetch(new URL(edit.page, url))).text();
      if (!html.includes(marker)) throw new Error(`the page has no ${marker}`);
      toPage.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    stream.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
  return { first, event: median(toEvent), page: median(toPage), min: Math.min(...toEvent), max: Math.max(...toEvent) };
}

async function main() {
  const edits = Number(process.env.BENCH_EDITS ?? 5);
  const kind = process.env.BENCH_KIND === 'title' ? 'title' : 'text';
  const args = process.argv.slice(2);
  const targets = args.length ? args : ['sample', '1000'];
  const rows = [];
  for (const target of targets) {
    const kept = process.env.BENCH_DIR && target !== 'sample' ? path.resolve(process.env.BENCH_DIR) : undefined;
    const dir = kept ?? mkdtempSync(path.join(os.tmpdir(), 'quire-dev-bench-'));
    let edit;
    if (target === 'sample') edit = await sampleSite(dir);
    else {
      if (!kept || !existsSync(path.join(dir, 'content/posts'))) writeCorpus(dir, Number(target));
      edit = { file: path.join(dir, 'content/posts', postFile(0)), page: 'posts/post-00000/' };
    }
    rows.push({ target, ...(await measureDevReload(repo, dir, edit, edits, kind, Number(process.env.BENCH_PORT ?? 0))) });
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
  console.log(`quire dev · node ${process.version} · ${os.cpus().length} cores · ${new Date().toISOString().slice(0, 10)} · median of ${edits} edits (${kind === 'title' ? "the post's title" : 'a line appended to the text'}) · load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('| site | first build, server up | edit → reload event | edit → new page served | reload event min–max |\n|---|---|---|---|---|');
  for (const r of rows) {
    const name = r.target === 'sample' ? 'sample site' : `${r.target} posts`;
    console.log(`| ${name} | ${(r.first / 1000).toFixed(2)} s | ${Math.round(r.event)} ms | ${Math.round(r.page)} ms | ${Math.round(r.min)}–${Math.round(r.max)} ms |`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
