import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import { selectAll } from 'hast-util-select';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuireError } from '../../../src/diagnostics.js';
import { runDigest } from '../../../src/emit/digest/run-digest.js';
import { configJson, remove, tempDir, writeFiles } from '../../helpers/site-fixture.js';

const CODE = 'func main() {\n\tfmt.Println("<b> & ]]>")\n}';

describe('quire digest', () => {
  let root: string;
  const digest = (format: string, number = '7') =>
    runDigest({ number, format, out: undefined, cwd: root }, { root, now: new Date('2026-01-01T00:00:00Z'), cache: false }).then((r) => r.text);

  beforeAll(() => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/', weekly: { sections: ['技术'] } }),
      'content/posts/x.md': '---\ntitle: X\ndate: 2025-11-01\n---\nSee it.\n',
      'content/weekly/0007.md': `---\ntitle: 工具箱\ndate: 2025-11-16 20:00\n---\n本期导语，见[上一篇](../posts/x.md)和![图](/images/a.png)。\n\n## 技术\n\n- [Go 1.25](https://go.dev/blog/go1.25)\n\n  评论 **加粗**。\n\n\`\`\`go title="main.go" {2}\n${CODE}\n\`\`\`\n`,
      'content/notes/fzf.md': '---\ntitle: fzf\ndate: 2025-11-12 08:15\nlink: https://github.com/junegunn/fzf\nsection: 工具\n---\n模糊查找[^1]。\n\n[^1]: 脚注。\n',
    });
  });
  afterAll(() => remove(root));

  it('exports e-mail HTML with every colour inline, no <style>, no script and only absolute URLs', async () => {
    const html = await digest('email');
    expect(html).not.toMatch(/<style|<script|<button|--shiki|class="line-numbers/i);
    const tree = fromHtml(html);
    const urls: string[] = [];
    visit(tree, 'element', (node: Element) => {
      for (const attribute of ['href', 'src']) if (typeof node.properties[attribute] === 'string') urls.push(node.properties[attribute] as string);
    });
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url, url).toMatch(/^https:\/\//);
    expect(urls).toContain('https://example.org/blog/posts/x/');
    expect(urls).toContain('https://example.org/blog/images/a.png');
    // juice inlined the template's CSS: the card and the text carry their colours themselves
    const card = selectAll('div', tree).find((d) => String(d.properties['style'] ?? '').includes('max-width'));
    expect(String(card?.properties['style'])).toMatch(/background-color: ?#ffffff/);
    const intro = selectAll('p', tree).find((p) => hastToString(p).startsWith('本期导语'));
    expect(String(intro?.properties['style'])).toMatch(/color: ?#1f2328/);
    // the code block keeps its exact text and inline colours
    const pre = selectAll('pre', tree);
    expect(pre.map((p) => hastToString(p))).toEqual([CODE]);
    expect(String(selectAll('pre span span', tree)[0]?.properties['style'])).toMatch(/color:#/);
    expect(hastToString(tree)).toContain('周报 7 —— 工具箱');
  });

  it('exports plain text with links as numbered references and code intact', async () => {
    const text = await digest('text');
    expect(text.startsWith('周报 7 —— 工具箱\nhttps://example.org/blog/weekly/7/\n')).toBe(true);
    expect(text).toContain('上一篇 [1]');
    expect(text).toContain(CODE);
    expect(text).toMatch(/\n\[1\] https:\/\/example\.org\/blog\/posts\/x\/\n/);
    expect(text).toMatch(/fzf \[\d+\]/);
    expect(text).toContain('https://github.com/junegunn/fzf');
    expect(text.replace(CODE, '')).not.toMatch(/<[a-z]/);
  });

  it('exports Markdown that links back to the issue', async () => {
    const markdown = await digest('markdown');
    expect(markdown.startsWith('# [周报 7 —— 工具箱](https://example.org/blog/weekly/7/)')).toBe(true);
    expect(markdown).toContain('[上一篇](https://example.org/blog/posts/x/)');
    expect(markdown).toContain('```\n' + CODE + '\n```');
    expect(markdown).toContain('## 技术');
  });

  it('says which issues exist when asked for a missing one, and rejects an unknown format', async () => {
    await expect(digest('email', '9')).rejects.toThrow(QuireError);
    await digest('email', '9').catch((error: QuireError) => expect(error.diagnostics[0]!.hint).toContain('published issues: 7'));
    await expect(digest('pdf')).rejects.toThrow(/unknown digest format/);
    expect(path.isAbsolute(root)).toBe(true);
  });
});
