import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/collect/paginate.js';

describe('paginate', () => {
  it('makes one empty page for no items', () => {
    expect(paginate([], '/', 10)).toEqual([
      { url: '/', outputPath: 'index.html', page: 1, totalPages: 1, posts: [], prevUrl: undefined, nextUrl: undefined },
    ]);
  });

  it('splits items and links the pages', () => {
    const pages = paginate(['a', 'b', 'c', 'd', 'e'], '/tags/go/', 2);
    expect(pages.map((p) => [p.url, p.outputPath, p.posts, p.prevUrl, p.nextUrl])).toEqual([
      ['/tags/go/', 'tags/go/index.html', ['a', 'b'], undefined, '/tags/go/page/2/'],
      ['/tags/go/page/2/', 'tags/go/page/2/index.html', ['c', 'd'], '/tags/go/', '/tags/go/page/3/'],
      ['/tags/go/page/3/', 'tags/go/page/3/index.html', ['e'], '/tags/go/page/2/', undefined],
    ]);
    expect(pages.every((p) => p.totalPages === 3)).toBe(true);
  });

  it('does not add an empty last page when items fill the pages exactly', () => {
    expect(paginate(['a', 'b', 'c', 'd'], '/', 2)).toHaveLength(2);
  });
});
