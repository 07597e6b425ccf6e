import path from 'node:path';
import { imageSize } from 'image-size';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { screenshotPng } from '../helpers/screenshot-png.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';
import { axeViolations } from './helpers/axe.js';
import { launchChromium, watchProblems } from './helpers/browser.js';
import { startStaticServer, type StaticServer } from './helpers/static-server.js';

const POST = ['---', 'title: A screenshot', 'date: 2025-01-01', '---', '', 'What the editor looks like:', '', '![The editor with a file open](shot.png)', ''].join('\n');

let server: StaticServer;
let browser: Browser;
let tmp: string;
let base: string;
let original: number;

beforeAll(async () => {
  server = await startStaticServer();
  base = `${server.origin}/blog/`;
  tmp = tempDir('quire-e2e-images-');
  const shot = await screenshotPng();
  original = shot.length;
  writeFiles(tmp, {
    'quire.config.json': configJson({ url: base, language: 'en' }),
    'content/posts/screenshot/index.md': POST,
    'content/posts/screenshot/shot.png': shot,
  });
  await build({ root: tmp, outDir: path.join(tmp, 'dist'), now: new Date('2026-01-01T00:00:00Z'), cache: false });
  server.serve(path.join(tmp, 'dist'), '/blog/');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) remove(tmp);
});

describe('a 4 MB PNG screenshot on a 390 px phone', () => {
  for (const dpr of [2, 1]) {
    it(`is served as a WebP copy under 200 KB, sharp enough for the screen, at DPR ${dpr}`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: dpr, isMobile: true, hasTouch: true });
      try {
        const page = await context.newPage();
        const images: Array<{ url: string; bytes: number; width: number | undefined }> = [];
        page.on('response', (response) => {
          if (response.request().resourceType() === 'image') void response.body().then((body) => images.push({ url: response.url(), bytes: body.length, width: imageSize(body).width }));
        });
        const problems = watchProblems(page);
        await page.goto(new URL('posts/screenshot/', base).href, { waitUntil: 'networkidle' });
        // A string: the test is compiled without the DOM's types.
        const shown = (await page.evaluate(`(async () => {
          const img = document.querySelector('.content picture img');
          img.scrollIntoView();
          await img.decode();
          return { currentSrc: img.currentSrc, cssWidth: img.getBoundingClientRect().width, page: document.documentElement.scrollWidth };
        })()`)) as { currentSrc: string; cssWidth: number; page: number };
        await page.waitForLoadState('networkidle');
        expect(original).toBeGreaterThan(4 * 1024 * 1024);
        expect(shown.currentSrc).toMatch(/\/blog\/posts\/screenshot\/shot\.\d+w\.webp$/);
        const served = images.find((image) => image.url === shown.currentSrc);
        expect(served, `the response for ${shown.currentSrc}`).toBeDefined();
        expect(served!.bytes).toBeLessThan(200 * 1024);
        // The file has enough pixels for the screen, and not more than three times as many as it needs.
        expect(served!.width).toBeGreaterThanOrEqual(Math.floor(shown.cssWidth * dpr));
        expect(served!.width).toBeLessThan(shown.cssWidth * dpr * 3);
        // The original is only fetched by following the link to it.
        expect(images.map((image) => image.url).filter((url) => url.endsWith('/shot.png'))).toEqual([]);
        expect(shown.page).toBeLessThanOrEqual(390);
        problems.stop();
        expect(problems.list).toEqual([]);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
