import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { remove, tempDir } from '../helpers/site-fixture.js';
import { attribute, elementsOf, parseHtmlStrict } from '../helpers/strict-parsers.js';
import { axeViolations } from './helpers/axe.js';
import { launchChromium, watchProblems } from './helpers/browser.js';
import { startStaticServer, type StaticServer } from './helpers/static-server.js';

/** The bilingual fixture (zh-CN default, English under /en/), served under /blog/ and read in Chromium. */
const FIXTURE = fileURLToPath(new URL('../fixtures/bilingual/', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');
const ZH_CATEGORY = `categories/${encodeURIComponent('编程')}/`;

const PAGES: ReadonlyArray<{ readonly name: string; readonly path: string }> = [
  { name: 'home-zh', path: '' },
  { name: 'home-en', path: 'en/' },
  { name: 'post-zh', path: '2024/03/go-intro/' },
  { name: 'post-en', path: 'en/2024/03/go-intro/' },
  { name: 'tag-en', path: 'en/tags/go/' },
  { name: 'category-zh', path: ZH_CATEGORY },
  { name: 'category-en', path: 'en/categories/programming/go/' },
  { name: 'series-en', path: 'en/series/getting-started-with-go/' },
  // Refreshes at once to the post: loading it checks the whole hop; the alias page alone is audited below.
  { name: 'alias', path: '2019/05/go-install.html' },
];

/** Pages with a translation: the switcher names the other language and links to it. */
const SWITCHES: ReadonlyArray<{ readonly from: string; readonly label: string; readonly link: string; readonly to: string; readonly lang: string; readonly title: RegExp }> = [
  { from: '', label: '语言', link: 'English', to: 'en/', lang: 'en', title: /^Bilingual Notes/ },
  { from: 'en/', label: 'Languages', link: '中文（中国）', to: '', lang: 'zh-CN', title: /^双语笔记/ },
  { from: '2024/03/go-intro/', label: '语言', link: 'English', to: 'en/2024/03/go-intro/', lang: 'en', title: /^Getting started with Go \(1\): installing/ },
  { from: 'en/2024/03/go-intro/', label: 'Languages', link: '中文（中国）', to: '2024/03/go-intro/', lang: 'zh-CN', title: /^Go 入门（一）：安装/ },
];

let server: StaticServer;
let browser: Browser;
let tmp: string;
let base: string;
const url = (rel: string) => new URL(rel, base).href;

beforeAll(async () => {
  server = await startStaticServer();
  base = `${server.origin}/blog/`;
  tmp = tempDir('quire-e2e-bilingual-');
  const root = path.join(tmp, 'src');
  cpSync(FIXTURE, root, { recursive: true });
  const outDir = path.join(tmp, 'site');
  const result = await build({ root, outDir, baseUrl: base, now: NOW, cache: false });
  expect(result.diagnostics).toEqual([]);
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

/** The page's own address, relative to the base: where a redirect ended. */
const here = (page: Page) => page.url().slice(base.length);

describe('the bilingual site in Chromium', () => {
  it('loads every page with no console errors, no failed requests, and no horizontal scrolling at 375 px', async () => {
    const problems: string[] = [];
    await withContext({ viewport: { width: 375, height: 812 } }, async (context) => {
      const page = await context.newPage();
      for (const { name, path: rel } of PAGES) {
        const watch = watchProblems(page);
        const response = await page.goto(url(rel), { waitUntil: 'networkidle' });
        if (response?.status() !== 200) problems.push(`${name}: HTTP ${response?.status()}`);
        const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        if (width > 375) problems.push(`${name}: the page is ${width} px wide at a 375 px viewport`);
        watch.stop();
        problems.push(...watch.list.map((p) => `${name}: ${p}`));
      }
    });
    expect(problems.join('\n')).toBe('');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no axe-core violations (WCAG 2.1 A and AA), ${scheme}`, async () => {
      const found: string[] = [];
      await withContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme }, async (context) => {
        const page = await context.newPage();
        for (const { name, path: rel } of PAGES) {
          await page.goto(url(rel), { waitUntil: 'networkidle' });
          found.push(...(await axeViolations(page)).map((v) => `${name} (${scheme}): ${v}`));
        }
      });
      expect(found.join('\n')).toBe('');
    });
  }

  for (const [system, chosen] of [['light', 'dark'], ['dark', 'light']] as const) {
    it(`finds no axe-core violations on the translated pages when ${chosen} is chosen on a ${system} system`, async () => {
      const found: string[] = [];
      await withContext({ viewport: { width: 1280, height: 900 }, colorScheme: system }, async (context) => {
        await context.addInitScript(`localStorage.setItem('quire-theme', '${chosen}')`);
        const page = await context.newPage();
        for (const { from } of SWITCHES) {
          await page.goto(url(from), { waitUntil: 'networkidle' });
          expect(await page.evaluate('document.documentElement.dataset.theme')).toBe(chosen);
          found.push(...(await axeViolations(page)).map((v) => `/${from} (${chosen} on ${system}): ${v}`));
        }
      });
      expect(found.join('\n')).toBe('');
    });
  }

  it('shows the language switcher whole at 375 px, with a visible focus ring, light and dark', async () => {
    const problems: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await withContext({ viewport: { width: 375, height: 812 }, colorScheme: scheme }, async (context) => {
        const page = await context.newPage();
        for (const { from } of SWITCHES) {
          await page.goto(url(from), { waitUntil: 'networkidle' });
          const link = page.locator('.language-switcher a');
          const box = await link.boundingBox();
          if (!box || !(await link.isVisible())) problems.push(`/${from} (${scheme}): the switcher's link is not shown`);
          else if (box.x < 0 || box.x + box.width > 375) problems.push(`/${from} (${scheme}): the switcher's link runs off the screen (${box.x}..${box.x + box.width})`);
          await link.focus();
          const ring = await link.evaluate((a) => {
            const style = (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string } }).getComputedStyle(a);
            return `${style.outlineStyle} ${style.outlineWidth}`;
          });
          if (ring.startsWith('none') || ring.endsWith(' 0px')) problems.push(`/${from} (${scheme}): no focus ring on the focused switcher link (${ring})`);
        }
      });
    }
    expect(problems.join('\n')).toBe('');
  });

  it('reaches the language switcher with Tab, names it, and its link leads to the other language', async () => {
    await withContext({ viewport: { width: 1280, height: 900 } }, async (context) => {
      const page = await context.newPage();
      for (const s of SWITCHES) {
        const watch = watchProblems(page);
        await page.goto(url(s.from), { waitUntil: 'networkidle' });
        const nav = page.getByRole('navigation', { name: s.label, exact: true });
        expect(await nav.count(), `${s.from}: one navigation named ${s.label}`).toBe(1);
        const link = nav.getByRole('link', { name: s.link, exact: true });
        expect(await link.count(), `${s.from}: a link named ${s.link}`).toBe(1);
        expect(await link.getAttribute('href')).toBe(new URL(s.to, base).pathname);
        expect(await link.getAttribute('hreflang')).toBe(s.lang);
        // The current language is named too, and marked as the current page, not linked.
        expect(await nav.locator('[aria-current="page"]').count()).toBe(1);

        // Tab from the top of the page until the focus is on the switcher's link.
        let reached = false;
        for (let i = 0; i < 60 && !reached; i++) {
          await page.keyboard.press('Tab');
          reached = (await page.evaluate('document.activeElement?.closest(".language-switcher") !== null && document.activeElement?.tagName === "A"')) as boolean;
        }
        expect(reached, `${s.from}: Tab reaches the language switcher`).toBe(true);
        expect(await link.evaluate((a) => a === (a.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);

        // Follow it with the keyboard.
        await Promise.all([page.waitForURL(url(s.to)), page.keyboard.press('Enter')]);
        await page.waitForLoadState('networkidle');
        expect(await page.locator('html').getAttribute('lang')).toBe(s.lang);
        expect(await page.title()).toMatch(s.title);
        watch.stop();
        expect(watch.list, s.from).toEqual([]);
      }
    });
  });

  it('redirects the alias to the post it names (meta refresh)', async () => {
    await withContext({}, async (context) => {
      // The alias page as served: a meta refresh to the post, and a link to it for who stays.
      const served = await context.request.get(url('2019/05/go-install.html'));
      expect(served.status()).toBe(200);
      const body = await served.text();
      const parsed = parseHtmlStrict(body);
      expect(parsed.errors).toEqual([]);
      const refresh = elementsOf(parsed.tree).find((e) => e.tagName === 'meta' && attribute(e, 'httpEquiv') === 'refresh');
      expect(refresh && attribute(refresh, 'content')).toBe(`0; url=${url('2024/03/go-intro/')}`);
      const stay = elementsOf(parsed.tree).find((e) => e.tagName === 'a');
      expect(stay && attribute(stay, 'href')).toBe('/blog/2024/03/go-intro/');
      const page = await context.newPage();
      const watch = watchProblems(page);
      await page.goto(url('2019/05/go-install.html'));
      await page.waitForURL(url('2024/03/go-intro/'));
      await page.waitForLoadState('networkidle');
      expect(here(page)).toBe('2024/03/go-intro/');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await page.title()).toMatch(/^Go 入门（一）：安装/);
      watch.stop();
      expect(watch.list).toEqual([]);
    });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no axe-core violations on the alias page itself (its refresh held back), ${scheme}`, async () => {
      await withContext({ colorScheme: scheme }, async (context) => {
        const page = await context.newPage();
        const alias = url('2019/05/go-install.html');
        await page.route(alias, async (route) => {
          const response = await route.fetch();
          const held = (await response.text()).replace(/<meta http-equiv="refresh"[^>]*>/, '');
          await route.fulfill({ response, body: held });
        });
        await page.goto(alias, { waitUntil: 'networkidle' });
        expect(page.url()).toBe(alias);
        expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
        expect(await axeViolations(page)).toEqual([]);
      });
    });
  }
});
