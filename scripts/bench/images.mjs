#!/usr/bin/env node
// Usage: node scripts/bench/images.mjs [runs]   (default 5; after npx tsc -p tsconfig.build.json)
// What responsive images add to a cold build of the sample site: the sample site (content/,
// public/ and its settings) copied into a temporary folder, as it is and with two large images
// added to a post (a 2880 × 1800 PNG screenshot and a 2400 × 1600 JPEG photo), built cold (build
// cache and output deleted first) with `images: false`, the default (WebP) and WebP + AVIF. The
// variants run interleaved, so a load that comes and goes on the machine falls on all of them;
// prints the median CPU time (user + system, GNU time) and wall time of each as a Markdown table.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { median } from './median.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = path.join(repo, 'bin/quire.js');
const runs = Number(process.argv[2] ?? 5);

const settings = { title: '半瓶水 · Half Full', url: 'https://example.org/', language: 'zh-CN', timezone: 'Asia/Shanghai', author: { name: '林小满 (Lin Xiaoman)', email: 'xiaoman@example.org' }, permalink: '/posts/:slug/', paginate: 5, summaryLength: 70 };
const variants = { off: false, webp: {}, 'webp+avif': { formats: ['avif', 'webp'] } };

async function site(withImages) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-images-'));
  for (const folder of ['content', 'public']) cpSync(path.join(repo, folder), path.join(dir, folder), { recursive: true });
  if (withImages) {
    const bundle = path.join(dir, 'content/posts/shiki-bundle');
    const noisy = (width, height, mean) => sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean, sigma: 3 } } });
    writeFileSync(path.join(bundle, 'screenshot.png'), await noisy(2880, 1800, 200).png().toBuffer());
    writeFileSync(path.join(bundle, 'photo.jpg'), await noisy(2400, 1600, 120).jpeg({ quality: 90 }).toBuffer());
    const post = path.join(bundle, 'index.md');
    writeFileSync(post, `${readFileSync(post, 'utf8')}\n![A screenshot](screenshot.png)\n\n![A photo](photo.jpg)\n`);
  }
  return dir;
}

function measure(dir, images) {
  writeFileSync(path.join(dir, 'quire.config.json'), JSON.stringify({ ...settings, images }));
  for (const d of ['.quire-cache', 'dist']) rmSync(path.join(dir, d), { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, bin, 'build', '--root', dir, '--quiet'], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(run.stderr);
  const [user, sys] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + sys };
}

const rows = [];
for (const withImages of [false, true]) {
  const dir = await site(withImages);
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let r = 0; r < runs; r++) for (const [name, images] of Object.entries(variants)) samples[name].push(measure(dir, images));
  for (const [name, list] of Object.entries(samples)) rows.push({ site: withImages ? 'sample + 2 large images' : 'sample', name, cpu: median(list.map((s) => s.cpu)), wall: median(list.map((s) => s.wall)) });
  rmSync(dir, { recursive: true, force: true });
}
console.log(`node ${process.version} · ${os.cpus().length} cores · ${new Date().toISOString().slice(0, 10)} · median of ${runs}, interleaved`);
console.log('| site | images | CPU | wall |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.site} | ${r.name} | ${r.cpu.toFixed(2)} s | ${r.wall.toFixed(2)} s |`);
