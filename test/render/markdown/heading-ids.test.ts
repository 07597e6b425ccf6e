import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { addHeadingIds } from '../../../src/render/markdown/heading-ids.js';

const html = (source: string) => fromHtml(source, { fragment: true });

function ids(source: string): string {
  const tree = html(source);
  addHeadingIds(tree);
  return toHtml(tree);
}

describe('addHeadingIds', () => {
  it('makes GitHub-style ids and keeps CJK', () => {
    expect(ids('<h2>为什么 Go 的 Loader 很慢？</h2>')).toBe('<h2 id="为什么-go-的-loader-很慢">为什么 Go 的 Loader 很慢？</h2>');
    expect(ids('<h2>Hello, World!</h2>')).toBe('<h2 id="hello-world">Hello, World!</h2>');
    expect(ids('<h3>Use <code>fmt.Println</code> now</h3>')).toBe('<h3 id="use-fmtprintln-now">Use <code>fmt.Println</code> now</h3>');
  });

  it('makes ids unique within a page', () => {
    expect(ids('<h2>x</h2><h3>x</h3><h2>X</h2>')).toBe('<h2 id="x">x</h2><h3 id="x-1">x</h3><h2 id="x-2">X</h2>');
  });

  it('does not share state between two calls', () => {
    expect(ids('<h2>x</h2>')).toBe('<h2 id="x">x</h2>');
    expect(ids('<h2>x</h2>')).toBe('<h2 id="x">x</h2>');
  });

  it('keeps an id set by the author and reserves it', () => {
    expect(ids('<h2 id="custom">Title</h2><h2>custom</h2>')).toBe('<h2 id="custom">Title</h2><h2 id="custom-1">custom</h2>');
  });

  it('numbers an id across all heading levels, h1 and h5 included', () => {
    expect(ids('<h1>Top</h1><h5>Top</h5>')).toBe('<h1 id="top">Top</h1><h5 id="top-1">Top</h5>');
  });

  it('returns an h2–h4 outline, nested by level', () => {
    const tree = html('<h1>Page</h1><h2>A</h2><h3>A.1</h3><h4>A.1.a</h4><h3>A.2</h3><h2>B</h2><h5>deep</h5><h4>B.x</h4><h2></h2>');
    expect(addHeadingIds(tree)).toEqual([
      {
        depth: 2,
        id: 'a',
        text: 'A',
        children: [
          { depth: 3, id: 'a1', text: 'A.1', children: [{ depth: 4, id: 'a1a', text: 'A.1.a', children: [] }] },
          { depth: 3, id: 'a2', text: 'A.2', children: [] },
        ],
      },
      { depth: 2, id: 'b', text: 'B', children: [{ depth: 4, id: 'bx', text: 'B.x', children: [] }] },
    ]);
  });

  it('puts an outline that starts at h3 at the top level', () => {
    const tree = html('<h3>Start</h3><h2>Then</h2>');
    expect(addHeadingIds(tree).map((t) => [t.depth, t.id])).toEqual([
      [3, 'start'],
      [2, 'then'],
    ]);
  });
});

describe('addHeadingIds: ids set later in the page', () => {
  it('never generates an id that an author-set id further down already uses', () => {
    const tree = fromHtml('<h2>x</h2><h2 id="x">Other</h2>', { fragment: true });
    addHeadingIds(tree);
    const ids = tree.children.flatMap((n) => (n.type === 'element' ? [n.properties['id']] : []));
    expect(ids).toEqual(['x-1', 'x']);
  });
});

describe('addHeadingIds: side labels', () => {
  it('leaves a .domain label out of the TOC text', () => {
    const tree = fromHtml('<h3>fzf <small class="domain">github.com</small></h3>', { fragment: true });
    expect(addHeadingIds(tree)).toEqual([{ depth: 3, id: 'fzf', text: 'fzf', children: [] }]);
  });
});
