import { describe, expect, it } from 'vitest';
import { contentTypeOf } from '../../src/dev/content-type.js';
import { resolveOutputRequest } from '../../src/dev/resolve-request.js';

describe('resolveOutputRequest (a site in memory)', () => {
  const files = new Set(['index.html', 'posts/远程办公/index.html', 'tags/go/feed.xml', 'a b.txt']);
  const tree = { isFile: (p: string) => files.has(p), isFolder: (p: string) => ['posts', 'posts/远程办公', 'tags', 'tags/go'].includes(p) };

  it('maps a request to an output path as a static host would, under the base path', () => {
    expect(resolveOutputRequest(tree, '/blog/', '/blog/')).toEqual({ kind: 'output', outputPath: 'index.html' });
    expect(resolveOutputRequest(tree, '/blog/', `/blog/posts/${encodeURIComponent('远程办公')}/`)).toEqual({ kind: 'output', outputPath: 'posts/远程办公/index.html' });
    expect(resolveOutputRequest(tree, '/blog/', '/blog/a%20b.txt')).toEqual({ kind: 'output', outputPath: 'a b.txt' });
    expect(resolveOutputRequest(tree, '/blog/', '/blog/tags/go/feed.xml')).toEqual({ kind: 'output', outputPath: 'tags/go/feed.xml' });
  });

  it('redirects folders to their slash and the root to the base path; a folder without index.html is not found', () => {
    expect(resolveOutputRequest(tree, '/blog/', '/blog/tags/go', '?x=1')).toEqual({ kind: 'redirect', location: '/blog/tags/go/?x=1' });
    expect(resolveOutputRequest(tree, '/blog/', '/')).toEqual({ kind: 'redirect', location: '/blog/' });
    expect(resolveOutputRequest(tree, '/blog/', '/blog')).toEqual({ kind: 'redirect', location: '/blog/' });
    expect(resolveOutputRequest(tree, '/blog/', '/blog/tags/go/')).toEqual({ kind: 'not-found' });
    expect(resolveOutputRequest(tree, '/blog/', '/other/index.html')).toEqual({ kind: 'not-found' });
  });

  it('redirects with one leading slash: a path the URL parser made `//tags/go` never leaves the site', () => {
    expect(resolveOutputRequest(tree, '/', '//tags/go')).toEqual({ kind: 'redirect', location: '/tags/go/' });
    expect(resolveOutputRequest(tree, '/', '///tags', '?a=1')).toEqual({ kind: 'redirect', location: '/tags/?a=1' });
  });

  it('refuses `..`, encoded slashes and broken escapes', () => {
    expect(resolveOutputRequest(tree, '/', '/posts/../../etc/passwd').kind).toBe('bad-request');
    expect(resolveOutputRequest(tree, '/', '/posts%2F..%2Findex.html').kind).toBe('bad-request');
    expect(resolveOutputRequest(tree, '/', '/%E4%B8').kind).toBe('bad-request');
  });
});

describe('contentTypeOf', () => {
  it('gives text types with UTF-8', () => {
    expect(contentTypeOf('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('feed.xml')).toBe('application/xml; charset=utf-8');
    expect(contentTypeOf('feed.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeOf('assets/quire.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('x.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('cover.PNG')).toBe('image/png');
    expect(contentTypeOf('CNAME')).toBe('text/plain; charset=utf-8');
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});
