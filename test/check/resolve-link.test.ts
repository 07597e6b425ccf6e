import { describe, expect, it } from 'vitest';
import { fileForPath, resolveLink } from '../../src/check/resolve-link.js';

const site = { url: 'https://me.github.io/blog/', basePath: '/blog/' };

describe('resolveLink', () => {
  it('resolves relative, root-relative and absolute links of the site as a browser would', () => {
    expect(resolveLink('/blog/posts/%E8%BF%9C%E7%A8%8B/#%E7%AC%AC%E4%B8%80', '/', site)).toEqual({ kind: 'internal', path: '/posts/远程/', fragment: '第一' });
    expect(resolveLink('../../about/', '/posts/a/', site)).toEqual({ kind: 'internal', path: '/about/', fragment: undefined });
    expect(resolveLink('cover.png', '/posts/a/', site)).toEqual({ kind: 'internal', path: '/posts/a/cover.png', fragment: undefined });
    expect(resolveLink('#x', '/posts/a/', site)).toEqual({ kind: 'internal', path: '/posts/a/', fragment: 'x' });
    expect(resolveLink('https://me.github.io/blog/feed.xml', '/', site)).toEqual({ kind: 'internal', path: '/feed.xml', fragment: undefined });
    expect(resolveLink('/blog', '/', site)).toEqual({ kind: 'internal', path: '/', fragment: undefined });
  });

  it('tells a link outside the base path from an external one', () => {
    expect(resolveLink('/images/a.png', '/', site)).toEqual({ kind: 'outside-base', pathname: '/images/a.png' });
    expect(resolveLink('/blog/../x', '/', site)).toEqual({ kind: 'outside-base', pathname: '/x' });
    expect(resolveLink('https://example.org/a#b', '/', site)).toEqual({ kind: 'external', url: 'https://example.org/a' });
    expect(resolveLink('//cdn.example.org/x.js', '/', site)).toEqual({ kind: 'external', url: 'https://cdn.example.org/x.js' });
  });

  it('skips what is not a page of a site', () => {
    for (const value of ['mailto:me@example.org', 'tel:123', 'javascript:void(0)', 'data:image/png;base64,AAA', '', '#']) {
      expect(resolveLink(value, '/', site), value).toEqual({ kind: 'skip' });
    }
    expect(resolveLink('/blog/%E4%BD', '/', site).kind).toBe('malformed');
  });
});

describe('fileForPath', () => {
  const files = new Set(['index.html', 'posts/a/index.html', 'feed.xml']);
  it('maps folders to index.html and accepts a folder without its slash', () => {
    expect(fileForPath('/', files)).toBe('index.html');
    expect(fileForPath('/posts/a/', files)).toBe('posts/a/index.html');
    expect(fileForPath('/posts/a', files)).toBe('posts/a/index.html');
    expect(fileForPath('/feed.xml', files)).toBe('feed.xml');
    expect(fileForPath('/posts/b/', files)).toBeUndefined();
  });
});
