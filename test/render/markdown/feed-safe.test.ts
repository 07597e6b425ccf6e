import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { feedSafeTree } from '../../../src/render/markdown/feed-safe.js';

const PAGE = 'https://example.org/posts/x/';
const feedHtml = async (html: string) => toHtml(await feedSafeTree(fromHtml(html, { fragment: true }) as Root, PAGE, () => undefined));
/** Raw HTML as the Markdown pipeline hands it over: one `raw` node, parsed by feedSafeTree itself. */
const feedHtmlOfRaw = async (html: string) => toHtml(await feedSafeTree({ type: 'root', children: [{ type: 'raw', value: html }] }, PAGE, () => undefined));

describe('feedSafeTree', () => {
  it('drops event handlers, unsafe URLs, hiding styles and plugin elements, keeping the text', async () => {
    expect(await feedHtmlOfRaw('<img src="a.png" onerror="alert(1)" onLoad="alert(2)" alt="a">')).toBe(`<img src="${PAGE}a.png" alt="a">`);
    expect(await feedHtmlOfRaw('<a href="&#106;avascript:alert(1)" title="t">x</a>')).toBe('<a title="t">x</a>');
    expect(await feedHtmlOfRaw('<p style="display:none">shown</p><div hidden>also shown</div>')).toBe('<p>shown</p><div>also shown</div>');
    expect(await feedHtmlOfRaw('<object data="x.swf"></object><embed src="y.swf"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">text')).toBe('text');
    expect(await feedHtmlOfRaw('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a><set attributeName="href" to="javascript:alert(2)"></set></svg>')).toBe(
      '<svg><a><text>x</text></a><set attributeName="href"></set></svg>',
    );
    expect(await feedHtmlOfRaw('<img srcset="a.png 1x, javascript:alert(1) 2x" src="data:image/png;base64,AAAA">')).toBe('<img src="data:image/png;base64,AAAA">');
  });

  it('keeps a table column’s alignment and safe URLs (made absolute)', async () => {
    expect(await feedHtml('<table><tr><td style="text-align:right">1</td><td style="text-align:right;display:none">2</td></tr></table>')).toBe(
      '<table><tbody><tr><td style="text-align:right">1</td><td>2</td></tr></tbody></table>',
    );
    expect(await feedHtml('<a href="mailto:a@example.org">m</a><a href="tel:+1">t</a><a href="#fn-1">f</a><a href="../y/">y</a>')).toBe(
      `<a href="mailto:a@example.org">m</a><a href="tel:+1">t</a><a href="${PAGE}#fn-1">f</a><a href="https://example.org/posts/y/">y</a>`,
    );
  });
});
