import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { remove, tempDir } from '../helpers/site-fixture.js';
import { axeViolations } from './helpers/axe.js';
import { launchChromium, watchProblems } from './helpers/browser.js';
import { startStaticServer, type StaticServer } from './helpers/static-server.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');
const SCREENSHOTS = path.join(repo, 'test-results', 'screenshots');
const REMOTE_POST = `posts/${encodeURIComponent('远程办公三年')}/`;

/** Every page type of the sample site, by path under the base path. */
const PAGES: ReadonlyArray<{ readonly name: string; readonly path: string; readonly status?: number }> = [
  { name: 'home', path: '' },
  { name: 'home-page-2', path: 'page/2/' },
  { name: 'post-zh-code', path: 'posts/go-loader/' },
  { name: 'post-zh', path: REMOTE_POST },
  { name: 'post-en', path: 'posts/remote-work-tools/' },
  { name: 'post-bundle', path: 'posts/shiki-bundle/' },
  { name: 'post-zh-writing', path: 'posts/cjk-writing/' },
  { name: 'post-math-diagram', path: 'posts/raft-membership/' },
  { name: 'page-about', path: 'about/' },
  { name: 'page-resume', path: 'resume/' },
  { name: 'tags', path: 'tags/' },
  { name: 'tag', path: `tags/${encodeURIComponent('工具')}/` },
  { name: 'archive', path: 'archive/' },
  { name: 'weekly-index', path: 'weekly/' },
  { name: 'weekly-issue', path: 'weekly/1/' },
  { name: 'notes', path: 'notes/' },
  { name: 'search', path: `search/?q=${encodeURIComponent('茶水间')}` },
  { name: '404', path: 'no-such-page/', status: 404 },
];
/** The pages the issue names for the accessibility audit (the others are audited too, below). */
const SCHEMES = ['light', 'dark'] as const;

let server: StaticServer;
let browser: Browser;
let tmp: string;
let base: string;
const url = (rel: string) => new URL(rel, base).href;

beforeAll(async () => {
  server = await startStaticServer();
  base = `${server.origin}/blog/`;
  tmp = tempDir('quire-e2e-');
  const outDir = path.join(tmp, 'site');
  await build({ root: repo, outDir, baseUrl: base, now: NOW, cache: false });
  server.serve(outDir, '/blog/');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) remove(tmp);
});

async function withContext<T>(options: Parameters<Browser['newContext']>[0], run: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

describe('every page type under a sub-path base URL', () => {
  it('loads with no console errors, no failed requests, and no horizontal scrolling at 375 px', async () => {
    const problems: string[] = [];
    await withContext({ viewport: { width: 375, height: 812 } }, async (context) => {
      const page = await context.newPage();
      for (const { name, path: rel, status = 200 } of PAGES) {
        const watch = watchProblems(page, status === 200 ? undefined : { url: url(rel), status });
        const response = await page.goto(url(rel), { waitUntil: 'networkidle' });
        if (response?.status() !== status) problems.push(`${name}: HTTP ${response?.status()} instead of ${status}`);
        const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        if (width > 375) problems.push(`${name}: the page is ${width} px wide at a 375 px viewport`);
        watch.stop();
        problems.push(...watch.list.map((p) => `${name}: ${p}`));
      }
    });
    expect(problems.join('\n')).toBe('');
  });
});

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  for (const scheme of SCHEMES) {
    it(`finds no violations on any page type, ${scheme}`, async () => {
      const found: string[] = [];
      await withContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme }, async (context) => {
        const page = await context.newPage();
        for (const { name, path: rel } of PAGES) {
          await page.goto(url(rel), { waitUntil: 'networkidle' });
          if (name === 'search') await page.locator('.search-results li').first().waitFor();
          found.push(...(await axeViolations(page)).map((v) => `${name} (${scheme}): ${v}`));
        }
      });
      expect(found.join('\n')).toBe('');
    });
  }
});

describe('accessibility with the theme switch against the system setting', () => {
  for (const [system, chosen] of [['light', 'dark'], ['dark', 'light']] as const) {
    it(`finds no violations when ${chosen} is chosen on a ${system} system`, async () => {
      const found: string[] = [];
      await withContext({ viewport: { width: 1280, height: 900 }, colorScheme: system }, async (context) => {
        await context.addInitScript(`localStorage.setItem('quire-theme', '${chosen}')`);
        const page = await context.newPage();
        for (const { name, path: rel } of PAGES.filter((p) => ['home', 'post-zh-code', 'post-en', 'weekly-issue', 'search'].includes(p.name))) {
          await page.goto(url(rel), { waitUntil: 'networkidle' });
          expect(await page.evaluate('document.documentElement.dataset.theme')).toBe(chosen);
          found.push(...(await axeViolations(page)).map((v) => `${name} (${chosen} on ${system}): ${v}`));
        }
      });
      expect(found.join('\n')).toBe('');
    });
  }
});

describe('search', () => {
  it('finds a Chinese word from the middle of a sentence, from ?q= and from the box', async () => {
    await withContext({}, async (context) => {
      const page = await context.newPage();
      const watch = watchProblems(page);
      await page.goto(url(`search/?q=${encodeURIComponent('茶水间')}`));
      const links = page.locator('.search-results li a');
      await links.first().waitFor();
      expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toContain(`/blog/${REMOTE_POST}`);
      expect(await page.locator('.search-status').textContent()).toContain('茶水间');
      expect(await page.inputValue('#search-query')).toBe('茶水间');

      // Typed: 租屋 is not one of the segments of its sentence (出租|屋); the results follow the box and the URL.
      await page.fill('#search-query', '租屋');
      await page.waitForFunction('location.search.includes(encodeURIComponent("租屋")) && document.querySelectorAll(".search-results li").length > 0');
      expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toContain(`/blog/${REMOTE_POST}`);

      // A passage read from the page: the footnote number after 联合办公空间 is not glued to it.
      await page.fill('#search-query', '联合办公空间');
      const passage = page.locator('.search-results li p', { hasText: '联合办公空间，哪怕' });
      await passage.first().waitFor();
      expect(await passage.first().textContent()).not.toMatch(/空间\s*1/);

      // A note's words find its weekly issue.
      await page.fill('#search-query', 'xargs git switch');
      await page.waitForFunction('[...document.querySelectorAll(".search-results a")].some((a) => a.getAttribute("href") === "/blog/weekly/1/")');

      await page.fill('#search-query', 'zzqqxxnothing');
      await page.locator('.search-status', { hasText: '没有找到' }).waitFor();
      expect(await page.locator('.search-results li').count()).toBe(0);
      watch.stop();
      expect(watch.list).toEqual([]);
    });
  });

  it('shows a query with markup as text and runs nothing from it', async () => {
    await withContext({}, async (context) => {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const query = '<img src=x onerror=alert(1)>';
      await page.goto(url(`search/?q=${encodeURIComponent(query)}`));
      await page.locator('.search-status', { hasText: query }).waitFor();
      expect(await page.locator('main img').count()).toBe(0);
      expect(dialogs).toEqual([]);
    });
  });
});

describe('reading without JavaScript', () => {
  it('shows posts and code in full, and says on the search page that search needs JavaScript', async () => {
    await withContext({ javaScriptEnabled: false }, async (context) => {
      const page = await context.newPage();
      await page.goto(url('posts/go-loader/'));
      expect(await page.locator('article .content').isVisible()).toBe(true);
      expect(await page.locator('article figure.code-block').first().isVisible()).toBe(true);
      expect(await page.locator('article .content').textContent()).toContain('为什么旧的 Loader 很慢');
      await page.goto(url('search/'));
      expect(await page.locator('.search-noscript').isVisible()).toBe(true);
    });
  });

  it('keeps the JavaScript of a post page small and loads the search script on the search page only', async () => {
    const scriptBytes = async (rel: string) =>
      withContext({}, async (context) => {
        const page = await context.newPage();
        const files: Array<{ url: string; bytes: number }> = [];
        page.on('response', (response) => {
          if (response.request().resourceType() === 'script') void response.body().then((body) => files.push({ url: response.url(), bytes: body.length }));
        });
        await page.goto(url(rel), { waitUntil: 'networkidle' });
        const inline = (await page.evaluate('[...document.querySelectorAll("script:not([src]):not([type]), script:not([src])[type=module], script:not([src])[type=\'text/javascript\']")].reduce((n, s) => n + new TextEncoder().encode(s.textContent).length, 0)')) as number;
        return { files, inline, total: files.reduce((n, f) => n + f.bytes, 0) + inline };
      });
    const post = await scriptBytes('posts/go-loader/');
    const search = await scriptBytes('search/');
    console.log(`JavaScript loaded by a post page with code: ${post.total} bytes (${post.files.map((f) => `${path.basename(f.url)} ${f.bytes}`).join(', ')}, inline ${post.inline})`);
    console.log(`JavaScript loaded by the search page: ${search.total} bytes (${search.files.map((f) => `${path.basename(f.url)} ${f.bytes}`).join(', ')}, inline ${search.inline})`);
    expect(post.files.some((f) => f.url.endsWith('/search.js'))).toBe(false);
    expect(search.files.some((f) => f.url.endsWith('/search.js'))).toBe(true);
    // The budget of README "Search": reading a post costs at most 4 KiB of script.
    expect(post.total).toBeLessThanOrEqual(4096);
  });
});

describe('screenshots (test-results/screenshots/)', () => {
  for (const width of [375, 1280]) {
    for (const scheme of SCHEMES) {
      it(`at ${width} px, ${scheme}`, async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await withContext({ viewport: { width, height: 900 }, colorScheme: scheme }, async (context) => {
          const page = await context.newPage();
          for (const { name, path: rel } of PAGES) {
            await page.goto(url(rel), { waitUntil: 'networkidle' });
            const file = path.join(SCREENSHOTS, `${name}-${width}-${scheme}.png`);
            await page.screenshot({ path: file, fullPage: true });
            // A full-page screenshot is as wide as the page: wider than the viewport means sideways scrolling.
            expect(readFileSync(file).readUInt32BE(16), file).toBe(width);
          }
        });
      });
    }
  }
});
