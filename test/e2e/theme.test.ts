import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { rgb as contrast } from 'wcag-contrast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';
import { axeViolations } from './helpers/axe.js';
import { launchChromium } from './helpers/browser.js';
import { startStaticServer, type StaticServer } from './helpers/static-server.js';

// The default theme measured in Chromium: computed styles and boxes, not markup. One small site
// built once (a code-heavy Chinese post, an English post, a long page, a weekly issue), one browser.
const repo = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = path.join(repo, 'test-results', 'screenshots', 'theme');
const GO = 'func main() {\n\tif ok {\n\t\tif ready {\n\t\t\trun()\n\t\t}\n\t}\n}';
const LONG = `const handler = createHandler({ ${Array.from({ length: 12 }, (_, i) => `option${i}: ${i}`).join(', ')} });`;
const POST = `---
title: 主题检查：代码块、表格与引号
date: 2025-05-01 10:00
tags: [性能, go]
---

他说：“这是引号。”然后‘单引号’……最后——破折号。

<!-- more -->

项目主页在 [quire](https://example.com/quire)。

## 代码块

\`\`\`go title="main.go"
${GO}
\`\`\`

\`\`\`go showLineNumbers
${GO}
\`\`\`

\`\`\`go
${GO}
\`\`\`

\`\`\`
一个没有语言的代码块
\`\`\`

\`\`\`ts
${LONG}
\`\`\`

\`\`\`ts
const a = 1; // [!code --]
const a = 2; // [!code ++]
\`\`\`

## 标题层级

#### 四级标题

正文。

##### 五级标题

正文。

###### 六级标题

正文。

## 表格

| 参数 | 默认值 | 说明 |
| --- | --- | --- |
| \`--kubeconfig\` | 1234567890123 | 集群配置文件的路径，默认读取家目录下的配置文件 |
| \`--namespace\` | 9876543210987 | 命名空间 |

| 参数 | 类型 | 默认值 | 最小值 | 最大值 | 说明 |
| --- | --- | --- | --- | --- | --- |
| \`--max-concurrent-requests\` | \`integer\` | 1048576 | 0 | 4294967295 | 同时处理的请求数 |
`;
const SECTION = '这一段写的是简历里的经历，内容比较长，用来让页面足够长，需要滚动好几屏才能读完。'.repeat(12);
const RESUME = `---
title: 简历
toc: 4
---

${['工作经历', '项目', '技能', '教育'].map((h2, i) => `## ${h2}\n\n${SECTION}\n\n### 第 ${i + 1} 小节\n\n${SECTION}\n\n#### 细节 ${i + 1}\n\n${SECTION}\n`).join('\n')}`;
const CONTENT: Record<string, string> = {
  'content/posts/theme-check.md': POST,
  'content/posts/english.md': '---\ntitle: An English post\ndate: 2025-04-01\nlang: en\ntags: [go]\ntoc: false\n---\n\nA plain English post. It has two sentences.\n\n## One\n\nText.\n\n## Two\n\nFar below the summary, a paragraph about Teapots.\n',
  'content/pages/resume.md': RESUME,
};

let server: StaticServer;
let browser: Browser;
let root: string;
let base: string;
const url = (rel: string) => new URL(rel, base).href;

beforeAll(async () => {
  server = await startStaticServer();
  base = `${server.origin}/blog/`;
  root = tempDir('quire-e2e-theme-');
  writeFiles(root, { ...CONTENT, 'quire.config.json': configJson({ title: '主题测试', description: '一个测试默认主题的站点。', url: base, toc: { depth: 3 } }) });
  await build({ root, outDir: path.join(root, 'dist'), now: new Date('2026-11-23T00:00:00Z'), cache: false });
  server.serve(path.join(root, 'dist'), '/blog/');
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) remove(root);
});

async function open(options: { width: number; scheme: 'light' | 'dark' }, rel: string, run: (page: Page) => Promise<void>): Promise<void> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: options.width, height: 900 }, colorScheme: options.scheme });
  try {
    const page = await context.newPage();
    await page.goto(url(rel), { waitUntil: 'networkidle' });
    await run(page);
  } finally {
    await context.close();
  }
}

/** `rgb(1, 2, 3)` / `rgba(1, 2, 3, 0.5)` → [1, 2, 3, 0.5]. */
function channels(css: string): number[] {
  const m = /rgba?\(([^)]+)\)/.exec(css);
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  const parts = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

const POST_URL = 'posts/theme-check/';

describe('code blocks', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`have one opaque surface that stands out from the page, plain or highlighted, ${scheme}`, async () => {
      await open({ width: 1280, scheme }, POST_URL, async (page) => {
        const found = (await page.evaluate(`(() => {
          const bg = (e) => getComputedStyle(e).backgroundColor;
          return { page: bg(document.documentElement), blocks: [...document.querySelectorAll('figure.code-block')].map((f) => ({
            figure: bg(f), pre: bg(f.querySelector('pre')), border: getComputedStyle(f).borderTopWidth + ' ' + getComputedStyle(f).borderTopStyle,
            highlighted: f.querySelector('pre').classList.contains('shiki'),
          })) };
        })()`)) as { page: string; blocks: Array<{ figure: string; pre: string; border: string; highlighted: boolean }> };
        expect(found.blocks.length).toBe(6);
        expect(found.blocks.some((b) => b.highlighted) && found.blocks.some((b) => !b.highlighted)).toBe(true);
        const pageColour = channels(found.page);
        for (const block of found.blocks) {
          expect(block.pre).toBe(block.figure);
          expect(channels(block.figure)[3]).toBe(1);
          expect(contrast(channels(block.figure).slice(0, 3), pageColour.slice(0, 3))).toBeGreaterThanOrEqual(1.1);
          expect(block.border).toBe('1px solid');
        }
        expect(new Set(found.blocks.map((b) => b.figure)).size).toBe(1);
      });
    });
  }

  it('keep the same tab stops with and without line numbers', async () => {
    await open({ width: 1280, scheme: 'light' }, POST_URL, async (page) => {
      // Left edge of the first character that is not a tab, per line, relative to the first line's.
      const offsets = (await page.evaluate(`[...document.querySelectorAll('figure.code-block[data-lang="go"]')].map((f) => {
        const lines = [...f.querySelectorAll('.line')].slice(0, 4);
        const xs = lines.map((line) => {
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const i = node.data.search(/[^\\t]/);
            if (i < 0) continue;
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            return range.getBoundingClientRect().left;
          }
          return NaN;
        });
        return { numbered: f.classList.contains('line-numbers'), steps: xs.map((x) => x - xs[0]) };
      })`)) as Array<{ numbered: boolean; steps: number[] }>;
      expect(offsets.map((o) => o.numbered)).toEqual([false, true, false]);
      const [titled, numbered, plain] = offsets.map((o) => o.steps);
      // A tab stop may be a fraction of a pixel wide (33.6 px with some monospace fonts): compared within half a pixel.
      const near = (actual: number[] | undefined, expected: number[]) => {
        expect(actual).toHaveLength(expected.length);
        expected.forEach((x, i) => expect(actual![i]).toBeCloseTo(x, 0));
      };
      const tab = plain![1]!;
      expect(tab).toBeGreaterThan(20);
      near(plain, [0, tab, 2 * tab, 3 * tab]);
      near(numbered, plain!);
      near(titled, plain!);
    });
  });

  it('put the copy button in a bar with the language on a phone, not over the code', async () => {
    await open({ width: 390, scheme: 'light' }, POST_URL, async (page) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'post-code-390-light.png'), fullPage: true });
      const boxes = (await page.evaluate(`[...document.querySelectorAll('figure.code-block')].map((f) => {
        const b = f.querySelector('.code-copy').getBoundingClientRect();
        const first = f.querySelector('.line').getBoundingClientRect();
        const bar = f.querySelector('.code-copy').parentElement;
        return { overlap: !(b.bottom <= first.top || b.top >= first.bottom), bar: bar.textContent.replace(bar.querySelector('.code-copy').textContent, '').trim(), lang: f.dataset.lang ?? '' };
      })`)) as Array<{ overlap: boolean; bar: string; lang: string }>;
      expect(boxes.length).toBe(6);
      for (const box of boxes) {
        expect(box.overlap).toBe(false);
        expect(box.bar).toBe(box.lang === 'go' && box.bar === 'main.go' ? 'main.go' : box.lang);
      }
    });
  });

  it('show a shadow on the side a block scrolls to, at 390 px', async () => {
    await open({ width: 390, scheme: 'dark' }, POST_URL, async (page) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'post-code-390-dark.png'), fullPage: true });
      const pre = (await page.evaluate(`(() => {
        const pre = [...document.querySelectorAll('figure.code-block pre')].find((p) => p.textContent.includes('createHandler'));
        const style = getComputedStyle(pre);
        return { scrolls: pre.scrollWidth > pre.clientWidth, attachment: style.backgroundAttachment, image: style.backgroundImage };
      })()`)) as { scrolls: boolean; attachment: string; image: string };
      expect(pre.scrolls).toBe(true);
      expect(pre.attachment).toBe('local, local, scroll, scroll');
      expect(pre.image.match(/gradient/g)).toHaveLength(4);
    });
  });
});

describe('Chinese typography', () => {
  it('draws quotes, ellipsis and dashes in Chinese text with the CJK font that draws the Han characters', async () => {
    await open({ width: 1280, scheme: 'light' }, POST_URL, async (page) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.content > p' });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const families = fonts.map((f) => f.familyName);
      // Han characters and punctuation only: one font draws them all when the punctuation is CJK.
      expect(families.some((f) => /CJK|PingFang|Hiragino|YaHei|Source Han/.test(f))).toBe(true);
      expect(families).toHaveLength(1);
    });
  });

  it('keeps titles from balancing and breaks them between phrases', async () => {
    await open({ width: 390, scheme: 'light' }, POST_URL, async (page) => {
      const style = (await page.evaluate(`(() => { const s = getComputedStyle(document.querySelector('h1')); return { wrap: s.textWrapStyle || s.textWrap, wordBreak: s.wordBreak }; })()`)) as { wrap: string; wordBreak: string };
      expect(style.wrap).not.toBe('balance');
      expect(['auto-phrase', 'normal']).toContain(style.wordBreak);
      if (await page.evaluate(`CSS.supports('word-break', 'auto-phrase')`)) expect(style.wordBreak).toBe('auto-phrase');
    });
  });

  it('sets h4, h5 and h6 at or above the text size, each looking different', async () => {
    for (const width of [1280, 390]) {
      await open({ width, scheme: 'light' }, POST_URL, async (page) => {
        const found = (await page.evaluate(`(() => {
          const look = (e) => { const s = getComputedStyle(e); return { size: parseFloat(s.fontSize), look: [s.fontSize, s.fontWeight, s.color, s.fontStyle, s.textTransform].join(' ') }; };
          return { body: look(document.querySelector('.content > p')).size, headings: ['h4', 'h5', 'h6'].map((h) => look(document.querySelector('.content ' + h))) };
        })()`)) as { body: number; headings: Array<{ size: number; look: string }> };
        for (const h of found.headings) expect(h.size, `${width}: ${h.look}`).toBeGreaterThanOrEqual(found.body);
        expect(new Set(found.headings.map((h) => h.look)).size).toBe(3);
      });
    }
  });

  it('writes #tag with no gap after the # in both scripts', async () => {
    await open({ width: 1280, scheme: 'light' }, POST_URL, async (page) => {
      const tags = (await page.evaluate(`[...document.querySelectorAll('.post-meta .tag')].map((tag) => {
        const part = (text) => { const s = document.createElement('span'); s.textContent = text; tag.parentElement.append(s); s.className = 'tag'; const w = s.getBoundingClientRect().width; s.remove(); return w; };
        return { text: tag.textContent, width: tag.getBoundingClientRect().width, parts: part('#') + part(tag.textContent.slice(1)) };
      })`)) as Array<{ text: string; width: number; parts: number }>;
      expect(tags.map((t) => t.text)).toEqual(['#性能', '#go']);
      for (const tag of tags) expect(tag.width, tag.text).toBeLessThanOrEqual(tag.parts + 0.5);
    });
  });

  it('keeps the chrome in the site language on an English post, the article in English', async () => {
    await open({ width: 1280, scheme: 'light' }, 'posts/english/', async (page) => {
      const found = (await page.evaluate(`({ html: document.documentElement.lang, nav: document.querySelector('.site-header nav').textContent, h1: document.querySelector('h1').lang, content: document.querySelector('.content').lang, meta: document.querySelector('.post-meta').closest('[lang]').lang })`)) as Record<string, string>;
      expect(found).toMatchObject({ html: 'zh-CN', h1: 'en', content: 'en', meta: 'zh-CN' });
      expect(found['nav']).toContain('归档');
    });
    await open({ width: 1280, scheme: 'light' }, '', async (page) => {
      const langs = (await page.evaluate(`[...document.querySelectorAll('.post-summary')].map((a) => [a.querySelector('h2').lang, a.querySelector('.post-meta').closest('[lang]').lang])`)) as string[][];
      expect(langs).toContainEqual(['en', 'zh-CN']);
    });
  });
});

describe('reading aids', () => {
  const tocTexts = (page: Page) => page.evaluate(`[...document.querySelectorAll('.toc a')].map((a) => a.textContent)`) as Promise<string[]>;

  it('shows a TOC to the depth the site or the front matter sets, on posts and pages', async () => {
    await open({ width: 1280, scheme: 'light' }, POST_URL, async (page) => {
      expect(await tocTexts(page)).toEqual(['代码块', '标题层级', '表格']);
    });
    await open({ width: 1280, scheme: 'light' }, 'resume/', async (page) => {
      const texts = await tocTexts(page);
      expect(texts).toContain('细节 1');
      expect(texts).toHaveLength(12);
    });
    await open({ width: 1280, scheme: 'light' }, 'posts/english/', async (page) => {
      expect(await page.locator('.toc').count()).toBe(0);
    });
  });

  it('marks the section being read in the TOC while scrolling, and offers a way back to the top', async () => {
    await open({ width: 1280, scheme: 'dark' }, 'resume/', async (page) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'page-resume-1280-dark.png') });
      await page.locator('h2', { hasText: '技能' }).evaluate((h) => (h as unknown as { scrollIntoView(): void }).scrollIntoView());
      await page.waitForFunction(`document.querySelector('.toc a[aria-current]')?.textContent === '技能'`);
      const current = page.locator('.toc a[aria-current="location"]');
      expect(await current.count()).toBe(1);
      const look = (await current.evaluate((a) => { const g = globalThis as unknown as { getComputedStyle(e: unknown): { color: string; fontWeight: string } }; const s = g.getComputedStyle(a); return `${s.color} ${s.fontWeight}`; })) as string;
      const other = (await page.locator('.toc a:not([aria-current])').first().evaluate((a) => { const g = globalThis as unknown as { getComputedStyle(e: unknown): { color: string; fontWeight: string } }; const s = g.getComputedStyle(a); return `${s.color} ${s.fontWeight}`; })) as string;
      expect(look).not.toBe(other);
      await page.locator('.back-to-top a').click();
      await page.waitForFunction('window.scrollY < 200');
    });
    await open({ width: 1280, scheme: 'light' }, 'posts/english/', async (page) => {
      expect(await page.locator('.back-to-top').count()).toBe(0);
    });
  });

  it('lets a wide table scroll in its box at 390 px, code and numbers unbroken', async () => {
    await open({ width: 390, scheme: 'light' }, POST_URL, async (page) => {
      const found = (await page.evaluate(`(() => {
        const boxes = [...document.querySelectorAll('.table-scroll')];
        const oneLine = (e) => { const r = document.createRange(); r.selectNodeContents(e); return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size === 1; };
        return {
          page: document.documentElement.scrollWidth,
          scrolls: boxes.map((b) => b.scrollWidth > b.clientWidth),
          broken: [...document.querySelectorAll('.table-scroll td')].filter((td) => td.querySelector('code') || /^\\d+$/.test(td.textContent)).flatMap((td) => [...(td.querySelector('code') ? td.querySelectorAll('code') : [td])]).filter((e) => !oneLine(e)).map((e) => e.textContent),
        };
      })()`)) as { page: number; scrolls: boolean[]; broken: string[] };
      expect(found.page).toBeLessThanOrEqual(390);
      expect(found.scrolls).toEqual([false, true]);
      expect(found.broken).toEqual([]);
    });
  });

  it('offers search and the latest posts on the 404 page, and the feed on a tag page', async () => {
    await open({ width: 390, scheme: 'light' }, 'no-such-page/', async (page) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, '404-390-light.png'), fullPage: true });
      expect(await page.locator('form[role="search"] input[name="q"]').count()).toBe(1);
      expect(await page.locator('.latest-posts a').allTextContents()).toEqual(['主题检查：代码块、表格与引号', 'An English post']);
      await page.fill('input[name="q"]', '引号');
      await page.press('input[name="q"]', 'Enter');
      await page.locator('.search-results li').first().waitFor();
      expect(new URL(page.url()).pathname).toBe('/blog/search/');
    });
    await open({ width: 1280, scheme: 'light' }, `tags/go/`, async (page) => {
      const href = await page.locator('a.tag-feed').getAttribute('href');
      const response = await page.request.get(new URL(href!, page.url()).href);
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain('<rss');
    });
  });
});

describe('search results', () => {
  it('show the passage that matches, with the terms marked, in Chinese and English', async () => {
    for (const [query, expected] of [['命名空间', '命名空间'], ['teapots', 'Teapots']] as const) {
      await open({ width: 390, scheme: 'light' }, `search/?q=${encodeURIComponent(query)}`, async (page) => {
        await page.waitForFunction(`document.querySelector('.search-results li p mark') !== null`);
        const found = (await page.evaluate(`[...document.querySelectorAll('.search-results li')].map((li) => ({ marks: [...li.querySelectorAll('p mark')].map((m) => m.textContent), text: li.querySelector('p').textContent }))`)) as Array<{ marks: string[]; text: string }>;
        expect(found).toHaveLength(1);
        expect(found[0]!.marks).toContain(expected);
        expect(found[0]!.text.length).toBeLessThanOrEqual(170);
        if (query === 'teapots') await page.screenshot({ path: path.join(SCREENSHOTS, 'search-390-light.png'), fullPage: true });
      });
    }
  });
});

describe('print', () => {
  it('prints light whatever the system scheme, with link URLs, no chrome, headings kept with their text', async () => {
    await open({ width: 1280, scheme: 'dark' }, POST_URL, async (page) => {
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'post-print-dark-system.png'), fullPage: true });
      const found = (await page.evaluate(`(() => {
        const cs = (e, pseudo) => getComputedStyle(e, pseudo);
        const token = document.querySelector('.shiki .line span[style*="color:"]');
        const link = [...document.querySelectorAll('.content a')].find((a) => a.href.startsWith('https://example.com/'));
        return {
          text: cs(document.querySelector('.content p')).color, page: cs(document.documentElement).backgroundColor,
          token: cs(token).color, tokenInline: token.style.color,
          hidden: ['.toc', '.site-header nav', '.code-copy', '.theme-toggle'].map((q) => [...document.querySelectorAll(q)].every((e) => cs(e).display === 'none')),
          after: cs(link, '::after').content, h2: cs(document.querySelector('.content h2')).breakAfter,
        };
      })()`)) as { text: string; page: string; token: string; tokenInline: string; hidden: boolean[]; after: string; h2: string };
      expect(contrast(channels(found.text).slice(0, 3), channels(found.page).slice(0, 3))).toBeGreaterThanOrEqual(12);
      expect(channels(found.page).slice(0, 3)).toEqual([255, 255, 255]);
      expect(found.token).toBe(found.tokenInline);
      expect(found.hidden).toEqual([true, true, true, true]);
      expect(found.after).toContain('https://example.com/quire');
      expect(found.h2).toBe('avoid');
    });
  });

  it('prints the résumé page on A4', async () => {
    await open({ width: 1280, scheme: 'dark' }, 'resume/', async (page) => {
      const pdf = await page.pdf({ preferCSSPageSize: true });
      // A4 in points: 595.28 × 841.89
      const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
      expect(boxes.length).toBeGreaterThan(0);
      for (const box of boxes) expect(box).toEqual([595, 842]);
    });
  });
});

describe('feed preview', () => {
  it('shows the icon, description, subscribe links and each item with its date and summary, without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 900 }, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(url('feed.xml'), { waitUntil: 'load' });
      await page.locator('.readers').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'feed-preview-390-light.png'), fullPage: true });
      const found = (await page.evaluate(`({
        icon: document.querySelector('.head img')?.getAttribute('src'),
        loaded: document.querySelector('.head img')?.naturalWidth > 0,
        about: document.querySelector('.about')?.textContent,
        links: [...document.querySelectorAll('.readers a')].map((a) => a.getAttribute('href')),
        items: [...document.querySelectorAll('li')].map((li) => [li.querySelector('a').textContent, li.querySelector('time').textContent, li.querySelector('.summary')?.textContent ?? '']),
      })`)) as { icon: string; loaded: boolean; about: string; links: string[]; items: string[][] };
      expect(found.icon).toBe(url('favicon.svg'));
      expect(found.loaded).toBe(true);
      expect(found.about).toBe('一个测试默认主题的站点。');
      expect(found.links[0]).toBe(`feed:${url('feed.xml')}`);
      expect(found.links.slice(1).every((l) => l.includes(encodeURIComponent(url('feed.xml'))) || l.includes(url('feed.xml')))).toBe(true);
      expect(found.items.map((i) => i.slice(0, 2))).toEqual([['主题检查：代码块、表格与引号', '2025-05-01'], ['An English post', '2025-04-01']]);
      expect(found.items[0]![2]).toContain('这是引号');
      expect(found.items[0]![2]).not.toContain('<');
    } finally {
      await context.close();
    }
  });
});

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no violations, ${scheme}`, async () => {
      const found: string[] = [];
      for (const [rel, width] of [[POST_URL, 1280], [POST_URL, 390], ['', 1280], ['posts/english/', 390], ['resume/', 1280], ['no-such-page/', 390], ['tags/go/', 1280], [`search/?q=${encodeURIComponent('命名空间')}`, 390]] as const) {
        await open({ width, scheme }, rel, async (page) => {
          found.push(...(await axeViolations(page)).map((v) => `${rel || 'home'} ${width}: ${v}`));
        });
      }
      expect(found.join('\n')).toBe('');
    });
  }
});
