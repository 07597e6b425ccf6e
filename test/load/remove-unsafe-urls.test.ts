import { fromHtml } from 'hast-util-from-html';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { mayHoldUrlAttribute, removeUnsafeUrls } from '../../src/load/remove-unsafe-urls.js';

const parse = (markdown: string) => unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
const html = async (tree: Root) => String(unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true }).stringify(await unified().use(remarkRehype, { allowDangerousHtml: true }).run(tree)));

/** The page HTML of `markdown` after `removeUnsafeUrls`, and its warnings as `line:column message`. */
async function clean(markdown: string): Promise<{ html: string; warnings: string[] }> {
  const tree = parse(markdown);
  const diagnostics = removeUnsafeUrls(tree, { file: 'content/posts/x.md', source: markdown }, fromHtml);
  expect(diagnostics.every((d) => d.severity === 'warning' && d.code === 'UnsafeUrl' && d.file === 'content/posts/x.md')).toBe(true);
  return { html: await html(tree), warnings: diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`) };
}

describe('removeUnsafeUrls', () => {
  it('keeps safe links, images and raw HTML untouched', async () => {
    const markdown = '[a](https://a.example/) [b](/b/) [c](#c) [d](mailto:d@example.org) ![e](e.png) <a href="f.html" onclick="x()">f</a>\n\n[g]: https://g.example/\n';
    const before = await html(parse(markdown));
    const after = await clean(markdown);
    expect(after).toEqual({ html: before, warnings: [] });
  });

  it('replaces an unsafe link by its text and an unsafe image by its alt text', async () => {
    const { html: out, warnings } = await clean('Go [*here*](javascript:alert(1)) or ![a cat](data:text/html,x) now.');
    expect(out).toBe('<p>Go <em>here</em> or a cat now.</p>');
    expect(warnings).toEqual([
      '1:4 the link to "javascript:alert(1)" was removed (its text is kept): javascript: URLs run script in the reader\'s browser',
      '1:37 the image "data:text/html,x" was removed (its alt text is kept): a data: URL other than an inline PNG, JPEG, GIF, WebP or AVIF image can carry a script document',
    ]);
  });

  it('drops an unsafe definition, so a reference to it from this file or a merged one is text', async () => {
    const { html: out, warnings } = await clean('[one][evil] and ![two][evil]\n\n[evil]: <java\tscript:alert(1)>\n');
    expect(out).toBe('<p>one and two</p>');
    expect(warnings).toEqual([expect.stringMatching(/^3:1 the link definition \[evil\]: "java\\tscript:alert\(1\)" was removed/)]);
    // A file merged later (a weekly issue's note) cannot use the definition either.
    const tree = parse('[evil]: javascript:alert(1)\n');
    removeUnsafeUrls(tree, { file: 'n.md', source: '' }, undefined);
    const merged: Root = { type: 'root', children: [...parse('[x][evil]').children, ...tree.children] };
    expect(await html(merged)).toBe('<p>[x][evil]</p>');
  });

  it('cuts each unsafe URL attribute out of raw HTML, entities and all, and nothing else', async () => {
    const cases: Array<[string, string]> = [
      ['<a href="&#106;avascript:alert(1)" title="t">x</a>', '<a  title="t">x</a>'],
      ['<a href="java&#x09;script:alert(1)">x</a>', '<a >x</a>'],
      ['<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', '<iframe ></iframe>'],
      ['<form action="javascript:alert(1)"><button formaction=JAVASCRIPT:alert(2)>b</button></form>', '<form ><button >b</button></form>'],
      ['<object data="javascript:alert(1)"></object>', '<object ></object>'],
      ['<img srcset="a.png 1x, javascript:alert(1) 2x" src="a.png" onerror="alert(2)">', '<img  src="a.png" onerror="alert(2)">'],
      ['<video poster="javascript:alert(1)" src="v.mp4"></video>', '<video  src="v.mp4"></video>'],
      ['<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', '<svg><a ><text>x</text></a></svg>'],
      ['<svg><a href="vbscript:msgbox(1)">x</a></svg>', '<svg><a >x</a></svg>'],
      ['<svg><set attributeName="href" to="javascript:alert(1)"/></svg>', '<svg><set attributeName="href" /></svg>'],
      ['<svg><animate attributeName="href" values="https://a.example/;javascript:alert(1)"/></svg>', '<svg><animate attributeName="href" /></svg>'],
      ['<a ping="https://a.example/ javascript:alert(1)" href="/ok/">x</a>', '<a  href="/ok/">x</a>'],
    ];
    for (const [raw, expected] of cases) {
      const { html: out, warnings } = await clean(`${raw}\n`);
      // (inline HTML comes in a paragraph)
      expect(out.trim().replace(/^<p>([\s\S]*)<\/p>$/, '$1'), raw).toBe(expected);
      expect(warnings.length, raw).toBeGreaterThan(0);
    }
  });

  it('gives the line and column of the attribute inside a multi-line HTML block', async () => {
    const { warnings } = await clean('Text.\n\n<div>\n  <a\n     href="javascript:alert(1)">x</a>\n</div>\n');
    expect(warnings).toEqual([expect.stringMatching(/^5:6 the HTML attribute href="javascript:alert\(1\)" was removed/)]);
  });

  it('needs no HTML parser for a file whose raw HTML has no valued attribute', async () => {
    const markdown = 'A <br> and <!-- more --> and `a <= b`, <em>x</em>.\n\n<div>\n\n[ok](/ok/)\n\n</div>\n';
    expect(mayHoldUrlAttribute(markdown)).toBe(false);
    const tree = parse(markdown);
    expect(removeUnsafeUrls(tree, { file: 'x.md', source: markdown }, undefined)).toEqual([]);
    for (const tag of ['<a href=x>', '<IMG\n  SRC="x">', '<a <x href=y>', '<svg/onload=x>']) expect(mayHoldUrlAttribute(`text ${tag} text`), tag).toBe(true);
  });
});
