import type { Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Raw } from 'mdast-util-to-hast';
import { describe, expect, it } from 'vitest';
import { excerptBeforeMore, summarize } from '../../../src/render/markdown/excerpt.js';

const html = (source: string): Root => fromHtml(source, { fragment: true });
const nodes = (source: string): RootContent[] => html(source).children;
const more = (value = '<!-- more -->'): Raw => ({ type: 'raw', value });

function summary(source: string, limit: number): { html: string; truncated: boolean } {
  const result = summarize(html(source), limit);
  return { html: toHtml(result.tree), truncated: result.truncated };
}

/** Serialise, parse again and serialise: a fragment with an unclosed or misnested tag would change. */
function expectWellFormed(fragment: string): void {
  expect(toHtml(html(fragment))).toBe(fragment);
}

describe('summarize', () => {
  it('cuts Latin text after N words and adds an ellipsis', () => {
    expect(summary('<p>one two three four five six</p>', 3)).toEqual({ html: '<p>one two three…</p>', truncated: true });
  });

  it('cuts between words, dropping the space before the ellipsis', () => {
    expect(summary('<p>one two, three</p>', 2)).toEqual({ html: '<p>one two,…</p>', truncated: true });
  });

  it('counts a CJK character as half a word (src/render/markdown/excerpt.ts contract)', () => {
    // 13 characters with a limit of 5 words: 10 characters are kept.
    expect(summary('<p>一二三四五六七八九十甲乙丙</p>', 5)).toEqual({ html: '<p>一二三四五六七八九十…</p>', truncated: true });
    expect(summary('<p>你好，世界今天天气很好非常好。</p>', 4)).toEqual({ html: '<p>你好，世界今天天气…</p>', truncated: true });
  });

  it('ends at the last sentence boundary before the limit, in Chinese and English', () => {
    expect(summary('<p>你好，世界！今天天气很好。</p>', 4)).toEqual({ html: '<p>你好，世界！</p>', truncated: true });
    expect(summary('<p>我们搬家了。新家离公司很近？是的。</p>', 6)).toEqual({ html: '<p>我们搬家了。新家离公司很近？</p>', truncated: true });
    expect(summary('<p>The move went well. The new place was the best we saw in years.</p>', 8)).toEqual({ html: '<p>The move went well.</p>', truncated: true });
  });

  it('finishes a sentence that ends a little past the limit, and cuts a long one between words', () => {
    expect(summary('<p>One two three four five six seven eight nine.</p><p>Next.</p>', 8)).toEqual({ html: '<p>One two three four five six seven eight nine.</p>', truncated: true });
    expect(summary(`<p>${'word '.repeat(20)}end.</p>`, 8)).toEqual({ html: `<p>${'word '.repeat(8).trimEnd()}…</p>`, truncated: true });
  });

  it('keeps CJK text that fits exactly, untruncated', () => {
    expect(summary('<p>一二三四五六七八九十</p>', 5)).toEqual({ html: '<p>一二三四五六七八九十</p>', truncated: false });
  });

  it('mixes both scripts', () => {
    // Go (1) + 语言很好 (4 × ½) = 3 words; "and" would be the fourth.
    expect(summary('<p>Go 语言很好 and fast</p>', 3)).toEqual({ html: '<p>Go 语言很好…</p>', truncated: true });
  });

  it('returns short text whole and not truncated', () => {
    expect(summary('<p>short <em>text</em></p>', 10)).toEqual({ html: '<p>short <em>text</em></p>', truncated: false });
    expect(summary('<p>one two</p>', 2)).toEqual({ html: '<p>one two</p>', truncated: false });
  });

  it('closes every element it cuts short', () => {
    const result = summary('<p>Hello <strong>big <em>wide</em> world</strong> again</p><p>Next</p>', 3);
    expect(result).toEqual({ html: '<p>Hello <strong>big <em>wide</em>…</strong></p>', truncated: true });
    expectWellFormed(result.html);

    const deep = summary('<blockquote><p>one <a href="/x"><strong>two three</strong> four</a></p></blockquote><p>after</p>', 2);
    expect(deep).toEqual({ html: '<blockquote><p>one <a href="/x"><strong>two…</strong></a></p></blockquote>', truncated: true });
    expectWellFormed(deep.html);
  });

  it('marks a cut after inline code with "…", not after a finished sentence', () => {
    expect(summary('<p>新增两个 <code>extended-keys</code> 选项，可以区分按键。</p>', 3).html).toBe('<p>新增两个 <code>extended-keys</code>…</p>');
    expect(summary('<p>Added <code>keys</code> option and more.</p>', 2).html).toBe('<p>Added <code>keys</code>…</p>');
    expect(summary('<p>One two.</p><p>Three</p>', 2).html).toBe('<p>One two.</p>');
    expect(summary('<p>See <code>x</code> now.<em> More</em> text</p>', 3).html).toBe('<p>See <code>x</code> now.</p>');
  });

  it('does not mark a cut between list items or quoted paragraphs, nor count the line breaks between them as content', () => {
    expect(summary('<ul>\n<li>one two three four five</li>\n<li>six seven eight nine ten</li>\n</ul>', 10)).toEqual({ html: '<ul>\n<li>one two three four five</li>\n<li>six seven eight nine ten</li></ul>', truncated: false });
    expect(summary('<ul>\n<li>one two</li>\n<li>three four</li>\n</ul>', 2)).toEqual({ html: '<ul>\n<li>one two</li></ul>', truncated: true });
    expect(summary('<blockquote>\n<p>one two three</p>\n</blockquote>', 3)).toEqual({ html: '<blockquote>\n<p>one two three</p></blockquote>', truncated: false });
  });

  it('marks a cut after a link also when a code block before it was left out', () => {
    expect(summary('<pre><code>x</code></pre><p>One two <a href="/x">three four</a> five six.</p>', 4).html).toBe('<p>One two <a href="/x">three four</a>…</p>');
  });

  it('cuts inside a list and keeps the list structure', () => {
    const result = summary('<ul><li>alpha beta</li><li>gamma delta</li></ul>', 3);
    expect(result).toEqual({ html: '<ul><li>alpha beta</li><li>gamma…</li></ul>', truncated: true });
    expectWellFormed(result.html);
  });

  it('continues across paragraphs and stops at the limit', () => {
    expect(summary('<p>one two</p><p>three four</p><p>five</p>', 3)).toEqual({ html: '<p>one two</p><p>three…</p>', truncated: true });
  });

  it('skips code blocks, tables and headings', () => {
    const result = summary('<h2>Title words here</h2><pre><code>code code code</code></pre><table><tr><td>cell cell</td></tr></table><p>Para text here</p>', 2);
    expect(result).toEqual({ html: '<p>Para text…</p>', truncated: true });
  });

  it('drops ids and footnote references', () => {
    const result = summary('<p id="p1"><a href="/x" id="q">link</a> text<sup><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup> end</p>', 50);
    expect(result.html).toBe('<p><a href="/x">link</a> text end</p>');
  });

  it('returns an empty tree for a page without prose, and says there is more', () => {
    expect(summary('<pre><code>only code</code></pre>', 10)).toEqual({ html: '', truncated: true });
  });

  it('says there is more when it leaves out code, a table or a figure, though the text fits', () => {
    expect(summary('<p>Short intro.</p><pre><code>code</code></pre>', 50)).toEqual({ html: '<p>Short intro.</p>', truncated: true });
    expect(summary('<p>Short intro.</p><table><tr><td>cell</td></tr></table>', 50).truncated).toBe(true);
    expect(summary('<p>Short intro.</p><figure><img src="a.png" alt=""></figure>', 50).truncated).toBe(true);
  });

  it('does not for headings, rules and footnotes alone', () => {
    expect(summary('<h2>Part</h2><p>Short intro.</p><hr><section data-footnotes><ol><li>note</li></ol></section>', 50)).toEqual({ html: '<p>Short intro.</p>', truncated: false });
  });
});

describe('excerptBeforeMore', () => {
  it('keeps what is before a top-level <!-- more -->', () => {
    const tree: Root = { type: 'root', children: [...nodes('<p>Before</p><p>Also before</p>'), more(), ...nodes('<p>After</p>')] };
    const excerpt = excerptBeforeMore(tree);
    expect(excerpt).toBeDefined();
    expect(toHtml(excerpt!)).toBe('<p>Before</p><p>Also before</p>');
  });

  it('accepts the marker in other spellings', () => {
    for (const marker of ['<!--more-->', '<!-- MORE -->', '  <!--   more   -->\n']) {
      const excerpt = excerptBeforeMore({ type: 'root', children: [...nodes('<p>A</p>'), more(marker), ...nodes('<p>B</p>')] });
      expect(excerpt && toHtml(excerpt)).toBe('<p>A</p>');
    }
  });

  it('returns undefined without a marker', () => {
    expect(excerptBeforeMore(html('<p>no marker</p><!-- more -->'))).toBeUndefined();
    expect(excerptBeforeMore({ type: 'root', children: [...nodes('<p>x</p>'), more('<!-- less -->')] })).toBeUndefined();
  });

  it('ignores a marker nested inside an element', () => {
    const tree: Root = { type: 'root', children: [{ type: 'element', tagName: 'div', properties: {}, children: [more()] }] };
    expect(excerptBeforeMore(tree)).toBeUndefined();
  });

  it('splits at the first marker', () => {
    const tree: Root = { type: 'root', children: [...nodes('<p>One</p>'), more(), ...nodes('<p>Two</p>'), more(), ...nodes('<p>Three</p>')] };
    expect(toHtml(excerptBeforeMore(tree)!)).toBe('<p>One</p>');
  });

  it('shows headings as bold text and task-list checkboxes as ☑ and ☐', () => {
    const tree = { type: 'root' as const, children: [...nodes('<h2 id="a">Part <code>one</code></h2><ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" disabled> open</li><li class="task-list-item"><input type="checkbox" checked disabled> done</li></ul>'), more(), ...nodes('<p>rest</p>')] };
    expect(toHtml(excerptBeforeMore(tree)!)).toBe('<p><strong>Part <code>one</code></strong></p><ul class="contains-task-list"><li class="task-list-item">☐ open</li><li class="task-list-item">☑ done</li></ul>');
  });

  it('removes footnote references and ids', () => {
    const tree: Root = {
      type: 'root',
      children: [
        ...nodes('<h2 id="intro">Intro</h2><p>Claim<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref aria-describedby="footnote-label">1</a></sup> stands.</p>'),
        more(),
        ...nodes('<p>Rest</p>'),
      ],
    };
    expect(toHtml(excerptBeforeMore(tree)!)).toBe('<p><strong>Intro</strong></p><p>Claim stands.</p>');
  });

  it('leaves the original tree untouched', () => {
    const tree: Root = { type: 'root', children: [...nodes('<h2 id="intro">Intro</h2>'), more()] };
    excerptBeforeMore(tree);
    expect(toHtml(tree, { allowDangerousHtml: true })).toBe('<h2 id="intro">Intro</h2><!-- more -->');
  });
});

describe('excerpts: in-page links', () => {
  it('points #fragment links at the post, since the excerpt is shown on other pages', () => {
    const tree = fromHtml('<p>See <a href="#details">below</a> and <a href="https://x.org/#y">there</a>.</p><h2 id="details">Details</h2>', { fragment: true });
    const html = toHtml(summarize(tree, 50, '/blog/posts/a/').tree);
    expect(html).toContain('<a href="/blog/posts/a/#details">below</a>');
    expect(html).toContain('<a href="https://x.org/#y">there</a>');
  });
});
