import { describe, expect, it } from 'vitest';
import { pageTree, type PageNode } from '../../src/collect/page-tree.js';
import type { Entry } from '../../src/types.js';

/** Pages by source key: only the fields the tree reads. */
function pages(spec: Record<string, { title: string; weight?: number; menu?: boolean }>) {
  return Object.entries(spec).map(([key, fields]) => ({ key, entry: { title: fields.title, weight: fields.weight, menu: fields.menu } as Entry }));
}

/** The tree as nested [path, children] for comparisons. */
const shape = (nodes: readonly PageNode[]): unknown[] => nodes.map((n) => (n.children.length > 0 ? [n.path, shape(n.children)] : n.path));

describe('pageTree', () => {
  it('nests pages by folder, a folder’s index.md being its page', () => {
    const tree = pageTree(
      pages({
        'pages/about.md': { title: 'About' },
        'pages/guide/index.md': { title: 'Guide' },
        'pages/guide/install.md': { title: 'Install' },
        'pages/guide/deep/index.md': { title: 'Deep' },
        'pages/guide/deep/more.md': { title: 'More' },
      }),
      'en',
    );
    expect(shape(tree.roots)).toEqual(['about', ['guide', [['guide/deep', ['guide/deep/more']], 'guide/install']]]);
    const guide = tree.roots[1]!;
    expect(guide).toMatchObject({ key: 'pages/guide/index.md', title: 'Guide', folder: true });
    expect(guide.children[0]).toMatchObject({ key: 'pages/guide/deep/index.md', folder: true });
    expect(tree.roots[0]).toMatchObject({ key: 'pages/about.md', folder: false });
  });

  it('orders siblings by weight, pages without one last, then by title in the site language, then by path', () => {
    const tree = pageTree(
      pages({
        'pages/d/z.md': { title: 'Zebra' },
        'pages/d/e.md': { title: 'Éclair' },
        'pages/d/heavy.md': { title: 'Heavy', weight: 20 },
        'pages/d/light.md': { title: 'Light', weight: -5 },
        'pages/d/b.md': { title: 'Same' },
        'pages/d/a.md': { title: 'Same' },
        'pages/d/index.md': { title: 'D' },
      }),
      'en',
    );
    // Code-point order would put É after Z; the collator puts it with the Es.
    expect(tree.roots[0]!.children.map((n) => n.path)).toEqual(['d/light', 'd/heavy', 'd/e', 'd/a', 'd/b', 'd/z']);
  });

  it('sorts Chinese titles with the collator of a Chinese site (pinyin), not by code point', () => {
    const tree = pageTree(pages({ 'pages/x/index.md': { title: 'X' }, 'pages/x/a.md': { title: '中文' }, 'pages/x/b.md': { title: '安装' } }), 'zh-CN');
    // 安 (ān) before 中 (zhōng); by code point 中 (U+4E2D) would come first.
    expect(tree.roots[0]!.children.map((n) => n.title)).toEqual(['安装', '中文']);
  });

  it('weights a folder by its index page and names a folder without one after the folder', () => {
    const tree = pageTree(
      pages({
        'pages/zz/index.md': { title: 'Last by title, first by weight', weight: 1 },
        'pages/zz/a.md': { title: 'A' },
        'pages/aa/one.md': { title: 'One' },
        'pages/aa/two.md': { title: 'Two' },
      }),
      'en',
    );
    expect(tree.roots.map((n) => [n.path, n.key, n.title])).toEqual([
      ['zz', 'pages/zz/index.md', 'Last by title, first by weight'],
      ['aa', undefined, 'aa'],
    ]);
  });

  it('links each page of a top-level folder to the ones before and after it, depth first, and never across folders', () => {
    const tree = pageTree(
      pages({
        'pages/about.md': { title: 'About' },
        'pages/guide/index.md': { title: 'Guide' },
        'pages/guide/a.md': { title: 'A', weight: 1 },
        'pages/guide/b/index.md': { title: 'B', weight: 2 },
        'pages/guide/b/c.md': { title: 'C' },
        'pages/guide/d.md': { title: 'D', weight: 3 },
        'pages/ref/index.md': { title: 'Ref' },
        'pages/ref/x.md': { title: 'X' },
        'pages/solo/index.md': { title: 'Solo' },
      }),
      'en',
    );
    const chain = (key: string) => [tree.places[key]?.prev, tree.places[key]?.next];
    expect(chain('pages/guide/index.md')).toEqual([undefined, 'pages/guide/a.md']);
    expect(chain('pages/guide/a.md')).toEqual(['pages/guide/index.md', 'pages/guide/b/index.md']);
    expect(chain('pages/guide/b/index.md')).toEqual(['pages/guide/a.md', 'pages/guide/b/c.md']);
    expect(chain('pages/guide/b/c.md')).toEqual(['pages/guide/b/index.md', 'pages/guide/d.md']);
    expect(chain('pages/guide/d.md')).toEqual(['pages/guide/b/c.md', undefined]);
    expect(chain('pages/ref/index.md')).toEqual([undefined, 'pages/ref/x.md']);
    expect(tree.places['pages/guide/b/c.md']!.ancestors).toEqual(['guide', 'guide/b']);
    expect(tree.roots[tree.places['pages/ref/x.md']!.root]!.path).toBe('ref');
    // Lone pages (a top-level file, a folder of one page) have no place: no side navigation, no prev/next.
    expect(tree.places['pages/about.md']).toBeUndefined();
    expect(tree.places['pages/solo/index.md']).toBeUndefined();
  });

  it('keeps `menu: false` on the node', () => {
    const tree = pageTree(pages({ 'pages/a.md': { title: 'A', menu: false }, 'pages/b.md': { title: 'B' } }), 'en');
    expect(tree.roots.map((n) => n.menu)).toEqual([false, true]);
  });
});
