import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf } from '../../src/dev/content-type.js';
import { resolveOutputRequest, resolveRequest } from '../../src/dev/resolve-request.js';
import { remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

describe('resolveRequest', () => {
  let root: string;
  let site: string;
  beforeAll(() => {
    root = tempDir();
    site = path.join(root, 'site');
    writeFiles(root, {
      'site/index.html': 'home',
      'site/posts/远程办公/index.html': 'zh',
      'site/feed.xml': '<rss/>',
      'site/a b.txt': 'space',
      'secret.txt': 'outside',
    });
    symlinkSync(path.join(root, 'secret.txt'), path.join(site, 'link.txt'));
  });
  afterAll(() => remove(root));

  const file = (rel: string) => ({ kind: 'file', file: path.join(site, ...rel.split('/')) });

  it('serves index.html for folders and percent-decodes Chinese slugs', () => {
    expect(resolveRequest(site, '/', '/')).toEqual(file('index.html'));
    expect(resolveRequest(site, '/', `/posts/${encodeURIComponent('远程办公')}/`)).toEqual(file('posts/远程办公/index.html'));
    expect(resolveRequest(site, '/', '/a%20b.txt')).toEqual(file('a b.txt'));
    expect(resolveRequest(site, '/', '/feed.xml')).toEqual(file('feed.xml'));
  });

  it('redirects a folder without its slash, keeping the query', () => {
    expect(resolveRequest(site, '/', `/posts/${encodeURIComponent('远程办公')}`, '?x=1')).toEqual({ kind: 'redirect', location: `/posts/${encodeURIComponent('远程办公')}/?x=1` });
  });

  it('honours the base path: / and /blog go to /blog/, other paths are not found', () => {
    expect(resolveRequest(site, '/blog/', '/')).toEqual({ kind: 'redirect', location: '/blog/' });
    expect(resolveRequest(site, '/blog/', '/blog')).toEqual({ kind: 'redirect', location: '/blog/' });
    expect(resolveRequest(site, '/blog/', '/blog/')).toEqual(file('index.html'));
    expect(resolveRequest(site, '/blog/', '/feed.xml')).toEqual({ kind: 'not-found' });
  });

  it('never leaves the folder', () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/posts/..%5c..%5csecret.txt', '/%00', '/%E4%BD']) {
      expect(resolveRequest(site, '/', attempt).kind, attempt).toBe('bad-request');
    }
    // a symlink that points out of the site
    expect(resolveRequest(site, '/', '/link.txt')).toEqual({ kind: 'not-found' });
    expect(resolveRequest(site, '/', '/nope/')).toEqual({ kind: 'not-found' });
  });
});

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
