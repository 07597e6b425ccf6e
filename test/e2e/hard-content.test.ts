import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';
import { axeViolations } from './helpers/axe.js';
import { launchChromium, watchProblems } from './helpers/browser.js';
import { startStaticServer, type StaticServer } from './helpers/static-server.js';

// Content that breaks layouts: long unbroken words, URLs and code lines, wide tables and
// images, deep nesting, raw HTML, task lists, footnotes, a long tag — in Chinese and English.
const LONG_WORD = 'Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt';
const LONG_URL = `https://example.com/${'path-segment/'.repeat(12)}?query=${'x'.repeat(60)}`;
const WIDE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="300" viewBox="0 0 2000 300"><rect width="2000" height="300" fill="#4a90d9"/></svg>';
const POST = `---
title: 一个非常长的标题，用来测试窄屏幕上的换行：${LONG_WORD}
date: 2025-05-01 10:00
tags: [${'很长的标签名'.repeat(4)}, ${LONG_WORD}]
---

正文里有一个很长的链接 ${LONG_URL} 和一个很长的行内代码 \`${'very_long_identifier_'.repeat(6)}\`，还有 <kbd>Ctrl</kbd>+<kbd>K</kbd>。脚注在这里[^note]。

## 第二节：${LONG_WORD}

![一张很宽的图](wide.svg)

| ${Array.from({ length: 8 }, (_, i) => `列 ${i + 1}`).join(' | ')} |
|${' --- |'.repeat(8)}
| ${Array.from({ length: 8 }, () => '单元格内容比较长的一格').join(' | ')} |

\`\`\`ts
const ${'averyveryverylongname'.repeat(4)} = await fetch('${LONG_URL}').then((response) => response.json());
\`\`\`

> 引用里有列表：
>
> 1. 第一项 **加粗** *斜体* ~~删除~~
>    - 嵌套 \`code\`
>      - 更深一层 ${LONG_WORD}

- [x] 已完成的任务
- [ ] 未完成的任务，带一个 [链接](https://example.com)

<details><summary>展开看看</summary>

隐藏的内容。

</details>

### 第三层标题 \`inline code in heading\`

English paragraph with a ${LONG_WORD} and an emoji 🎉 and a line break  
right here.

[^note]: 脚注里也有长链接 ${LONG_URL}
`;

describe('hard content in the default theme', () => {
  let server: StaticServer;
  let browser: Browser;
  let root: string;
  let base: string;
  beforeAll(async () => {
    server = await startStaticServer();
    base = `${server.origin}/sub/path/`;
    root = tempDir('quire-e2e-hard-');
    writeFiles(root, {
      'quire.config.json': configJson({ url: base, title: `站点标题也很长 ${LONG_WORD}` }),
      'content/posts/hard/index.md': POST,
      'content/posts/hard/wide.svg': WIDE_SVG,
      'content/posts/plain.md': '---\ntitle: Plain\ndate: 2025-04-01\nlang: en\n---\n\nA plain English post.\n',
      'content/weekly/0001.md': `---\nissue: 1\ntitle: 第一期\ndate: 2025-11-09 20:00\n---\n\n本期有一个长链接：${LONG_URL}\n\n## 工具\n\n- [${LONG_WORD}](${LONG_URL})\n\n  评论。\n`,
    });
    await build({ root, outDir: path.join(root, 'dist'), now: new Date('2026-11-23T00:00:00Z'), cache: false });
    server.serve(path.join(root, 'dist'), '/sub/path/');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (root) remove(root);
  });

  const PAGES = ['', 'posts/hard/', 'weekly/1/', 'tags/', `tags/${encodeURIComponent(LONG_WORD.toLowerCase())}/`, 'archive/', `search/?q=${encodeURIComponent('标签')}`];

  it('fits 375 px with no console errors or failed requests', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    const problems: string[] = [];
    for (const rel of PAGES) {
      const watch = watchProblems(page);
      const response = await page.goto(new URL(rel, base).href, { waitUntil: 'networkidle' });
      if (response?.status() !== 200) problems.push(`${rel}: HTTP ${response?.status()}`);
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      if (width > 375) {
        const culprits = await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 376 && !e.closest('pre') && ![...e.children].some((c) => c.getBoundingClientRect().right > 376)).slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)').join(', ')`);
        problems.push(`${rel}: ${width} px wide at 375 px: ${String(culprits)}`);
      }
      watch.stop();
      problems.push(...watch.list.map((p) => `${rel}: ${p}`));
    }
    await context.close();
    expect(problems.join('\n')).toBe('');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no WCAG 2.1 AA violations, ${colorScheme}`, async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 812 }, colorScheme });
      const page = await context.newPage();
      const found: string[] = [];
      for (const rel of PAGES) {
        await page.goto(new URL(rel, base).href, { waitUntil: 'networkidle' });
        found.push(...(await axeViolations(page)).map((v) => `${rel || 'home'}: ${v}`));
      }
      await context.close();
      expect(found.join('\n')).toBe('');
    });
  }
});
