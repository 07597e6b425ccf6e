#!/usr/bin/env node
// Screenshot of the default theme for the README: one post of the sample site, light beside dark.
//
//   npx tsc -p tsconfig.build.json && node scripts/screenshot.mjs [PAGE] [OUT]
//
// PAGE is a path of the built sample site (default /posts/sql-window-functions/), OUT the PNG to write
// (default docs/public/screenshot.png). It builds content/ into a temporary folder, serves it on
// 127.0.0.1 with quire dev's request mapping, and drives Debian's Chromium (/usr/bin/chromium, or
// QUIRE_CHROMIUM) through playwright-core: the page at 640 × 760 in the light and the dark colour
// scheme (its table of contents folded), then both side by side in one 1280 × 760 image.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from '../lib/index.js';
import { contentTypeOf } from '../lib/dev/content-type.js';
import { resolveOutputRequest } from '../lib/dev/resolve-request.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const pagePath = process.argv[2] ?? '/posts/sql-window-functions/';
const outFile = path.resolve(repo, process.argv[3] ?? 'docs/public/screenshot.png');
const chromiumPath = process.env.QUIRE_CHROMIUM || '/usr/bin/chromium';
const viewport = { width: 640, height: 760 };

const tmp = mkdtempSync(path.join(os.tmpdir(), 'quire-screenshot-'));
const site = path.join(tmp, 'site');

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const stat = (rel) => statSync(path.join(site, ...rel.split('/')), { throwIfNoEntry: false });
  const tree = { isFile: (rel) => stat(rel)?.isFile() ?? false, isFolder: (rel) => stat(rel)?.isDirectory() ?? false };
  const resolved = resolveOutputRequest(tree, '/', url.pathname, url.search);
  const send = async (status, file, headers = {}) => {
    res.writeHead(status, { 'Content-Type': contentTypeOf(file), ...headers });
    res.end(await readFile(file));
  };
  if (resolved.kind === 'output') void send(200, path.join(site, ...resolved.outputPath.split('/')));
  else if (resolved.kind === 'redirect') res.writeHead(301, { Location: resolved.location }).end();
  else void send(404, path.join(site, '404.html'));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  // A fixed "now", so the screenshot does not depend on the day it is taken.
  await build({ root: repo, outDir: site, baseUrl: `${origin}/`, now: new Date('2026-12-01T00:00:00Z'), cache: false });
  const shots = {};
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${origin}${pagePath}`, { waitUntil: 'networkidle' });
    // The table of contents folded, so that the first code block is in view.
    await page.evaluate(() => document.querySelectorAll('details[open]').forEach((d) => d.removeAttribute('open')));
    shots[scheme] = (await page.screenshot({ type: 'png' })).toString('base64');
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: viewport.width * 2, height: viewport.height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.setContent(
    `<body style="margin:0;display:flex">` +
      `<img alt="" src="data:image/png;base64,${shots.light}"><img alt="" src="data:image/png;base64,${shots.dark}"></body>`,
  );
  await page.screenshot({ path: outFile, type: 'png' });
  await context.close();
  console.log(`wrote ${path.relative(repo, outFile)} (${readFileSync(outFile).length} bytes) from ${pagePath}`);
} finally {
  await browser.close();
  server.close();
  rmSync(tmp, { recursive: true, force: true });
}
