import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';
import { axeViolations } from './helpers/axe.js';
import { launchChromium, watchProblems } from './helpers/browser.js';
import { startStaticServer, type StaticServer } from './helpers/static-server.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
/** The sample site's post with formulas and a Mermaid diagram with Chinese labels. */
const SAMPLE_POST = readFileSync(path.join(repo, 'content/posts/raft-membership.md'), 'utf8');

let server: StaticServer;
let browser: Browser;
let tmp: string;
let base: string;
const url = (rel: string) => new URL(rel, base).href;

beforeAll(async () => {
  server = await startStaticServer();
  base = `${server.origin}/blog/`;
  tmp = tempDir('quire-e2e-math-');
  writeFiles(tmp, {
    'quire.config.json': configJson({ url: base }),
    'content/posts/raft-membership.md': SAMPLE_POST,
    'content/posts/plain.md': '---\ntitle: 没有公式\ndate: 2025-01-01\n---\n\n一段普通的文字，花了 5 元。\n\n```js\nconsole.log(1)\n```\n',
  });
  await build({ root: tmp, outDir: path.join(tmp, 'dist'), cache: false });
  server.serve(path.join(tmp, 'dist'), '/blog/');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) remove(tmp);
});

async function withPage<T>(options: Parameters<Browser['newContext']>[0], run: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** The fill of the diagram's first node box, once Mermaid has drawn it. */
async function nodeFill(page: Page): Promise<string> {
  await page.locator('.diagram svg .node').first().waitFor();
  return (await page.evaluate('getComputedStyle(document.querySelector(".diagram svg .node rect, .diagram svg .node polygon, .diagram svg .node path")).fill')) as string;
}

describe('a post with formulas and a Mermaid diagram, in Chromium', () => {
  it('draws the diagram with its Chinese labels inside their boxes, and typesets the formulas with KaTeX from the site', async () => {
    await withPage({ viewport: { width: 375, height: 812 } }, async (page) => {
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const watch = watchProblems(page);
      await page.goto(url('posts/raft-membership/'), { waitUntil: 'networkidle' });
      await page.locator('.diagram svg').waitFor();
      const labels = (await page.locator('.diagram svg .nodeLabel').allTextContents()).map((t) => t.trim());
      expect(labels).toEqual(expect.arrayContaining(['旧配置 C_old', '联合配置', '新配置 C_new']));
      const edgeLabels = (await page.locator('.diagram svg .edgeLabel').allTextContents()).map((t) => t.trim()).filter(Boolean);
      expect(edgeLabels).toEqual(expect.arrayContaining(['提交 C_old,new', '提交 C_new', '领导者崩溃']));
      // Each Chinese label is measured and drawn whole: as wide as its text, within its node's box.
      const fits = (await page.evaluate(`[...document.querySelectorAll('.diagram svg .node')].map((node) => {
        const box = node.querySelector('rect, polygon, path').getBoundingClientRect();
        const label = node.querySelector('.nodeLabel').getBoundingClientRect();
        return { text: node.textContent.trim(), width: label.width, inside: label.left >= box.left - 1 && label.right <= box.right + 1 };
      })`)) as Array<{ text: string; width: number; inside: boolean }>;
      for (const fit of fits) {
        expect(fit.inside, fit.text).toBe(true);
        expect(fit.width, fit.text).toBeGreaterThan(fit.text.length * 6);
      }
      // KaTeX: the stylesheet and its fonts come from the site; the HTML form is shown, the MathML is there for assistive technology.
      const katexFiles = requested.filter((u) => u.includes('/assets/katex/'));
      expect(katexFiles.some((u) => u.endsWith('/blog/assets/katex/katex.min.css'))).toBe(true);
      expect(katexFiles.some((u) => u.endsWith('.woff2'))).toBe(true);
      expect(requested.every((u) => u.startsWith(server.origin))).toBe(true);
      expect(await page.locator('.math-display .katex-html').first().isVisible()).toBe(true);
      expect(await page.locator('.katex .katex-mathml annotation').first().textContent()).toBe('C_{old} \\cup C_{new}');
      expect((await page.locator('.katex-display').first().boundingBox())!.height).toBeGreaterThan(20);
      expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(375);
      watch.stop();
      expect(watch.list).toEqual([]);
    });
  });

  it('draws the diagram in dark colours on a dark system, and again when the reader switches the theme', async () => {
    await withPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' }, async (lightPage) => {
      await lightPage.goto(url('posts/raft-membership/'), { waitUntil: 'networkidle' });
      const light = await nodeFill(lightPage);
      await withPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }, async (darkPage) => {
        await darkPage.goto(url('posts/raft-membership/'), { waitUntil: 'networkidle' });
        const dark = await nodeFill(darkPage);
        expect(dark).not.toBe(light);
        expect(await axeViolations(darkPage)).toEqual([]);
      });
      // The toggle: light → dark redraws the diagram in the dark colours.
      await lightPage.evaluate('document.documentElement.dataset.theme = "dark"');
      await lightPage.waitForFunction(`getComputedStyle(document.querySelector(".diagram svg .node rect, .diagram svg .node polygon, .diagram svg .node path")).fill !== ${JSON.stringify(light)}`);
      expect(await axeViolations(lightPage)).toEqual([]);
    });
  });

  it('shows the diagram source without JavaScript', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(url('posts/raft-membership/'));
      expect(await page.locator('.diagram pre.mermaid').textContent()).toContain('旧[旧配置 C_old] -->|提交 C_old,new| 联合[联合配置]');
      expect(await page.locator('.math-display .katex-html').first().isVisible()).toBe(true);
    });
  });

  it('loads neither KaTeX nor Mermaid on a page without a formula or a diagram', async () => {
    await withPage({}, async (page) => {
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(url('posts/plain/'), { waitUntil: 'networkidle' });
      expect(requested.filter((u) => /katex|mermaid|diagrams\.js/.test(u))).toEqual([]);
      expect(await page.locator('.katex').count()).toBe(0);
    });
  });
});
