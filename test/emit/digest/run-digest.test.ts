import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { selectAll } from 'hast-util-select';
import type { Code, Heading, Root as MdastRoot } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import stringWidth from 'string-width';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuireError } from '../../../src/diagnostics.js';
import { runDigest } from '../../../src/emit/digest/run-digest.js';
import { vnuErrors } from '../../helpers/nu-checker.js';
import { configJson, remove, tempDir, writeFiles } from '../../helpers/site-fixture.js';
import { attribute, elementsOf, parseHtmlStrict } from '../../helpers/strict-parsers.js';

const CODE = 'func main() {\n\tfmt.Println("<b> & ]]>")\n}';
const LONG_CODE = `print("${'a very long line of code that the text format must never wrap '.repeat(2)}")`;
const TITLE = '工具箱 [beta] *星* <b> & `x`';
const INTRO =
  '本期导语，见[上一篇](../posts/x.md)。跨时区团队写的前端代码里，日期处理永远是 bug 高发区。Temporal 把“带时区的时刻”和“墙上时间”分成了不同的类型（`ZonedDateTime` 和 `PlainDateTime`），光是这一点就能避免一大半问题——文档写得很清楚，值得通读一遍 cookbook。English words mixed in, a family 👨‍👩‍👧 and thumbs 👍🏽 to count right, and a long sentence that must wrap between words.';

/** The first bytes of a PNG (signature and IHDR): enough for its size to be read. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(bytes);
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes;
}

describe('quire digest', () => {
  let root: string;
  const digest = (format: string, number = '7', out?: string) =>
    runDigest({ number, format, out, cwd: root }, { root, now: new Date('2026-01-01T00:00:00Z'), cache: false });
  const outputs: Record<string, string> = {};

  beforeAll(async () => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/', weekly: { sections: ['技术', '工具'] } }),
      'public/images/wide.png': pngHeader(1200, 600),
      'content/posts/x.md': '---\ntitle: X\ndate: 2025-11-01\n---\nSee it.\n',
      'content/weekly/0007.md': [
        `---\ntitle: ${JSON.stringify(TITLE)}\ndate: 2025-11-16 20:00\n---`,
        INTRO,
        '![宽图](/images/wide.png)',
        '<img src="https://cdn.example.com/a.png" width="100%" height="auto" alt="bad attributes">',
        '## 技术',
        '- [Go 1.25](https://go.dev/blog/go1.25)\n\n  评论 **加粗**，运行时会读取 cgroup 的 CPU 限制，不再默认用满宿主机的核数。以前在 Kubernetes 里跑 Go 服务，几乎每个项目都要引入 `automaxprocs`，现在终于可以删掉了。',
        '```go title="main.go" {2}\n' + CODE + '\n```',
        '```python\n' + LONG_CODE + '\n```',
        '## 🚀 火箭 emoji',
        '随笔一段：这个**好用，**推荐**「好用」**的，~~删掉，~~保留。',
      ].join('\n\n'),
      'content/notes/fzf.md': '---\ntitle: fzf\ndate: 2025-11-12 08:15\nlink: https://github.com/junegunn/fzf\nsection: 工具\n---\n模糊查找，`git branch | fzf | xargs git switch`。\n\n```bash\ngit branch | fzf | xargs git switch\n```\n',
    });
    for (const format of ['text', 'markdown', 'email']) outputs[format] = (await digest(format)).text;
  });
  afterAll(() => remove(root));

  describe('--format text', () => {
    const lines = () => outputs['text']!.split('\n');
    const codeLines = new Set([...CODE.split('\n'), LONG_CODE, 'git branch | fzf | xargs git switch'].map((line) => `    ${line}`));

    it('keeps every line of prose within 72 display columns, CJK characters counting two', () => {
      const prose = lines().filter((line) => !codeLines.has(line) && !/^\[\d+\] https:\/\/\S+$/.test(line));
      for (const line of prose) expect(stringWidth(line, { ambiguousIsNarrow: false }), line).toBeLessThanOrEqual(72);
      // Chinese prose fills its lines: a cut by UTF-16 length would leave them half as wide
      const fullCjk = prose.filter((line) => /\p{Script=Han}/u.test(line) && stringWidth(line, { ambiguousIsNarrow: false }) >= 64);
      expect(fullCjk.length).toBeGreaterThanOrEqual(3);
      // and the words are all there, in order, once the wrapping is undone
      const intro = outputs['text']!.split('\n\n')[1]!;
      expect(intro.split('\n').length).toBeGreaterThanOrEqual(5);
      expect(intro.replace(/\n/g, '')).toContain('跨时区团队写的前端代码里，日期处理永远是 bug 高发区。');
      expect(intro.replace(/\n/g, '')).toContain('（`ZonedDateTime` 和 `PlainDateTime`）');
      expect(intro.replace(/\n/g, ' ')).toContain('a family 👨‍👩‍👧 and thumbs 👍🏽 to count right, and a long sentence that must wrap between words.');
    });

    it('indents code blocks and never wraps them; keeps inline code in backticks', () => {
      const text = outputs['text']!;
      expect(text).toContain(CODE.split('\n').map((l) => `    ${l}`).join('\n'));
      expect(text).toContain(`    ${LONG_CODE}\n`);
      expect(stringWidth(LONG_CODE)).toBeGreaterThan(72);
      expect(text).toContain('`automaxprocs`');
      expect(text).toContain('`git branch | fzf | xargs git switch`');
      expect(text.replaceAll(TITLE, '').replace('fmt.Println("<b>', '')).not.toMatch(/<[a-z]/);
    });

    it('underlines every heading to its display width, emoji and CJK included', () => {
      const all = lines();
      const underlined = all.flatMap((line, i) => (i > 0 && /^(=+|-+)$/.test(line) && all[i - 1] !== '' ? [[all[i - 1]!, line] as const] : []));
      expect(underlined.map(([heading]) => heading)).toEqual([`周报 7 —— ${TITLE}`, '技术', 'Go 1.25 [4] (go.dev)', '工具', 'fzf [5] (github.com)', '🚀 火箭 emoji']);
      for (const [heading, underline] of underlined) expect(underline.length, heading).toBe(stringWidth(heading, { ambiguousIsNarrow: false }));
      expect(underlined.find(([h]) => h.startsWith('🚀'))![1]).toBe('='.repeat(13));
    });

    it('lists every link once as a numbered reference, after the issue URL and its dates', () => {
      expect(lines().slice(2, 4)).toEqual(['2025-11-10 – 11-16 · 2025-11-16', 'https://example.org/blog/weekly/7/']);
      const references = lines().filter((l) => /^\[\d+\] /.test(l));
      expect(references).toEqual([
        '[1] https://example.org/blog/posts/x/',
        // The image as e-mail shows it: its copy 960 px wide (see responsive images).
        '[2] https://example.org/blog/images/wide.960w.png',
        '[3] https://cdn.example.com/a.png',
        '[4] https://go.dev/blog/go1.25',
        '[5] https://github.com/junegunn/fzf',
      ]);
      expect(lines()).toContain('[宽图] [2]');
    });
  });

  describe('--format markdown', () => {
    const parsed = () => unified().use(remarkParse).use(remarkGfm).parse(outputs['markdown']!) as MdastRoot;

    it('keeps the language of each fence, and the code byte for byte', () => {
      const fences: Array<[string | null | undefined, string]> = [];
      visit(parsed(), 'code', (node: Code) => void fences.push([node.lang, node.value]));
      expect(fences).toEqual([
        ['go', CODE],
        ['python', LONG_CODE],
        ['bash', 'git branch | fzf | xargs git switch'],
      ]);
    });

    it('escapes the title: read back, the heading is the title, linking to the issue', () => {
      const first = parsed().children[0] as Heading;
      expect(first.type).toBe('heading');
      expect(first.depth).toBe(1);
      expect(first.children).toHaveLength(1);
      expect(first.children[0]!.type).toBe('link');
      expect((first.children[0] as { url: string }).url).toBe('https://example.org/blog/weekly/7/');
      expect(mdastToString(first)).toBe(`周报 7 —— ${TITLE}`);
    });

    it('writes bold, italic and struck text with punctuation at its edge so that standard Markdown reads it', () => {
      const marked: string[] = [];
      visit(parsed(), ['strong', 'delete'], (node) => void marked.push(`${node.type}:${mdastToString(node)}`));
      expect(marked).toEqual(['strong:加粗', 'strong:好用', 'strong:好用', 'delete:删掉']);
      expect(outputs['markdown']).toContain('这个**好用**，推荐「**好用**」的，~~删掉~~，保留。');
    });

    it('gives every item the same form: a linked heading, its domain, its commentary', () => {
      const h3 = parsed().children.filter((n): n is Heading => n.type === 'heading' && n.depth === 3);
      expect(h3.map((h) => [mdastToString(h), h.children[0]!.type, h.children.at(-1)!.type])).toEqual([
        ['Go 1.25 go.dev', 'link', 'emphasis'],
        ['fzf github.com', 'link', 'emphasis'],
      ]);
      expect(outputs['markdown']).toContain('[上一篇](https://example.org/blog/posts/x/)');
    });
  });

  describe('--format email', () => {
    const tree = () => parseHtmlStrict(outputs['email']!).tree;

    it('parses without an error, lays out with presentation tables 600 px wide, and needs no stylesheet', () => {
      const { errors } = parseHtmlStrict(outputs['email']!);
      expect(errors).toEqual([]);
      const tables = selectAll('table', tree());
      expect(tables.length).toBeGreaterThanOrEqual(3);
      for (const table of tables) expect(attribute(table, 'role')).toBe('presentation');
      const card = tables.find((t) => /max-width: ?600px/.test(attribute(t, 'style') ?? ''));
      expect(card).toBeDefined();
      expect(attribute(card!, 'style')).toMatch(/background-color: ?#ffffff/);
      // Outlook, which ignores max-width, gets a 600 px table in a conditional comment
      expect(outputs['email']).toMatch(/<!--\[if mso\]><table role="presentation" width="600"/);
      expect(outputs['email']).not.toMatch(/<style|<link[^>]+stylesheet|<script/i);
      for (const element of elementsOf(tree())) expect(element.properties['className'], element.tagName).toBeUndefined();
      const intro = selectAll('p', tree()).find((p) => hastToString(p).startsWith('本期导语'));
      expect(attribute(intro!, 'style')).toMatch(/color: ?#1f2328/);
      expect(selectAll('pre', tree()).map((p) => hastToString(p))).toEqual([CODE, LONG_CODE, 'git branch | fzf | xargs git switch']);
      const urls = elementsOf(tree()).flatMap((e) => ['href', 'src'].flatMap((a) => (typeof e.properties[a] === 'string' ? [e.properties[a] as string] : [])));
      expect(urls).toContain('https://example.org/blog/posts/x/');
      expect(urls).toContain('https://example.org/blog/images/wide.960w.png');
      for (const url of urls) expect(url).toMatch(/^https:\/\//);
    });

    it('caps images to the 552 px column with whole-number width and height, and no height="auto"', () => {
      const images = selectAll('img', tree());
      expect(images.map((img) => attribute(img, 'alt'))).toEqual(['宽图', 'bad attributes']);
      const [wide, bad] = images as [Element, Element];
      expect([attribute(wide, 'width'), attribute(wide, 'height')]).toEqual(['552', '276']);
      expect(attribute(bad, 'width')).toBeUndefined();
      expect(attribute(bad, 'height')).toBeUndefined();
      for (const img of images) expect(attribute(img, 'style')).toMatch(/max-width: ?100%/);
    });

    it('gives every item the look of a merged note, and the week and date in one form', () => {
      const items = selectAll('h3', tree());
      expect(items.map((h) => [hastToString(selectAll('a', h)[0]!), hastToString(selectAll('small', h)[0]!)])).toEqual([
        ['Go 1.25', 'go.dev'],
        ['fzf', 'github.com'],
      ]);
      expect(hastToString(tree())).toContain('2025-11-10 – 11-16 · 2025-11-16');
    });

    it('is valid HTML for the Nu HTML Checker', async () => {
      const file = path.join(root, 'email.html');
      writeFileSync(file, outputs['email']!);
      const messages = await vnuErrors([file]);
      expect(messages.map((m) => `${m.lastLine ?? '?'}: ${m.message} [${m.extract ?? ''}]`)).toEqual([]);
    }, 60_000);
  });

  it('writes the e-mail and its plain-text part with --out, the text part equal to --format text', async () => {
    const result = await digest('email', '7', 'mail/issue-7');
    expect(result.files).toEqual([path.join(root, 'mail/issue-7.html'), path.join(root, 'mail/issue-7.txt')]);
    expect(readFileSync(path.join(root, 'mail/issue-7.html'), 'utf8')).toBe(outputs['email']);
    expect(readFileSync(path.join(root, 'mail/issue-7.txt'), 'utf8')).toBe(outputs['text']);
    const named = await digest('email', '7', 'x.html');
    expect(named.files).toEqual([path.join(root, 'x.html'), path.join(root, 'x.txt')]);
    const markdown = await digest('markdown', '7', 'issue.md');
    expect(markdown.files).toEqual([path.join(root, 'issue.md')]);
    expect(readFileSync(path.join(root, 'issue.md'), 'utf8')).toBe(outputs['markdown']);
  });

  it('says which issues exist when asked for a missing one, and rejects an unknown format', async () => {
    await expect(digest('email', '9')).rejects.toThrow(QuireError);
    await digest('email', '9').catch((error: QuireError) =>
      expect(error.diagnostics[0]).toMatchObject({ code: 'WeeklyIssueNotFound', message: 'there is no published weekly issue 9', hint: expect.stringContaining('published issues: 7') }),
    );
    await digest('pdf').catch((error: QuireError) =>
      expect(error.diagnostics[0]).toMatchObject({ code: 'InvalidOption', message: '--format pdf: there is no such digest format', hint: 'use one of: email, text, markdown' }),
    );
    await expect(digest('pdf')).rejects.toThrow(QuireError);
  });
});
