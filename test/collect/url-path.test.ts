import { describe, expect, it } from 'vitest';
import { hrefOf, toUrlPath, type UrlPathResult } from '../../src/collect/url-path.js';

function ok(result: UrlPathResult): { url: string; outputPath: string } {
  if (!result.ok) throw new Error(`expected a URL path, got: ${result.reason}`);
  return { url: result.url, outputPath: result.outputPath };
}

function rejected(result: UrlPathResult): string {
  if (result.ok) throw new Error(`expected a rejection, got ${result.url} → ${result.outputPath}`);
  return result.reason;
}

describe('toUrlPath', () => {
  it('maps a folder URL to its index.html', () => {
    expect(ok(toUrlPath('/posts/hello/'))).toEqual({ url: '/posts/hello/', outputPath: 'posts/hello/index.html' });
  });

  it('keeps Unicode segments decoded', () => {
    expect(ok(toUrlPath('/posts/远程办公/'))).toEqual({ url: '/posts/远程办公/', outputPath: 'posts/远程办公/index.html' });
  });

  it('decodes percent-escapes', () => {
    expect(ok(toUrlPath('/posts/%E8%BF%9C%E7%A8%8B/'))).toEqual({ url: '/posts/远程/', outputPath: 'posts/远程/index.html' });
  });

  it('normalises to NFC', () => {
    expect(ok(toUrlPath('/cafe\u0301/')).url).toBe('/caf\u00e9/');
  });

  it('collapses repeated slashes and adds the trailing one', () => {
    expect(ok(toUrlPath('/a//b'))).toEqual({ url: '/a/b/', outputPath: 'a/b/index.html' });
    expect(ok(toUrlPath('posts/x'))).toEqual({ url: '/posts/x/', outputPath: 'posts/x/index.html' });
  });

  it('maps the root to index.html', () => {
    expect(ok(toUrlPath('/'))).toEqual({ url: '/', outputPath: 'index.html' });
  });

  it('keeps a path ending in a known file extension as a file', () => {
    expect(ok(toUrlPath('/feed.xml'))).toEqual({ url: '/feed.xml', outputPath: 'feed.xml' });
    expect(ok(toUrlPath('/404.html'))).toEqual({ url: '/404.html', outputPath: '404.html' });
    expect(ok(toUrlPath('/data/x.json'))).toEqual({ url: '/data/x.json', outputPath: 'data/x.json' });
  });

  it('treats a trailing slash or an unknown extension as a folder', () => {
    expect(ok(toUrlPath('/data.json/'))).toEqual({ url: '/data.json/', outputPath: 'data.json/index.html' });
    expect(ok(toUrlPath('/v1.2'))).toEqual({ url: '/v1.2/', outputPath: 'v1.2/index.html' });
  });

  it.each(['/../x/', '/a/../b/', '/a/./b/', '/..', '/%2e%2e/etc/', '/../../etc/passwd'])('rejects the dot segment in %j', (raw) => {
    expect(rejected(toUrlPath(raw))).toContain('`..`');
  });

  it('rejects a backslash', () => {
    expect(rejected(toUrlPath('/a\\b/'))).toContain('backslash');
    expect(rejected(toUrlPath('/..\\..\\etc/'))).toContain('backslash');
  });

  it('rejects a percent-encoded backslash like a literal one', () => {
    // `%5C` decodes to `\`, which is a path separator on Windows: `..\..\etc` would climb out.
    const result = toUrlPath('/..%5C..%5Cetc/');
    expect(result.ok && result.outputPath.includes('\\')).toBe(false);
    expect(result.ok).toBe(false);
  });

  it('rejects an encoded slash, which decodeURI keeps (%2e%2e%2f would be a folder named ..%2f)', () => {
    expect(rejected(toUrlPath('/%2e%2e%2f%2e%2e%2fx/'))).toContain('%2F');
    expect(rejected(toUrlPath('/a%2Fb/'))).toContain('%2F');
    expect(rejected(toUrlPath('/%2e%2e/x/'))).toContain('..');
  });

  it('rejects NUL, raw or encoded', () => {
    expect(rejected(toUrlPath('/a\u0000b/'))).toContain('NUL');
    expect(rejected(toUrlPath('/a%00b/'))).toContain('control character');
  });

  it.each(['http://evil.example/x', 'https://example.org/', '//evil.example/x', 'javascript:alert(1)', 'file:///etc/passwd'])(
    'rejects the non-site URL %j',
    (raw) => {
      expect(rejected(toUrlPath(raw))).toContain('not a path on this site');
    },
  );

  it('rejects ? and # in a segment and a broken escape', () => {
    expect(rejected(toUrlPath('/x?y/'))).toContain('?');
    expect(rejected(toUrlPath('/a%/'))).toContain('%-escape');
  });

  it('rejects a segment over 240 bytes', () => {
    expect(ok(toUrlPath(`/${'x'.repeat(240)}/`)).outputPath).toBe(`${'x'.repeat(240)}/index.html`);
    expect(rejected(toUrlPath(`/${'x'.repeat(241)}/`))).toContain('240 bytes');
    expect(rejected(toUrlPath(`/${'中'.repeat(81)}/`))).toContain('240 bytes');
  });
});

describe('hrefOf', () => {
  it('percent-encodes CJK segments at the site root', () => {
    expect(hrefOf('/posts/远程办公/', '/')).toBe('/posts/%E8%BF%9C%E7%A8%8B%E5%8A%9E%E5%85%AC/');
  });

  it('prefixes the base path once', () => {
    expect(hrefOf('/posts/远程办公/', '/blog/')).toBe('/blog/posts/%E8%BF%9C%E7%A8%8B%E5%8A%9E%E5%85%AC/');
    expect(hrefOf('/feed.xml', '/blog/')).toBe('/blog/feed.xml');
    expect(hrefOf('/', '/blog/')).toBe('/blog/');
  });

  it('encodes characters that would change the URL meaning', () => {
    expect(hrefOf('/a b/c#d/e?f/', '/')).toBe('/a%20b/c%23d/e%3Ff/');
    expect(hrefOf('/100%/', '/')).toBe('/100%25/');
  });

  it('encodes + and leaves plain ASCII slugs alone', () => {
    expect(hrefOf('/posts/c++/', '/')).toBe('/posts/c%2B%2B/');
    expect(hrefOf('/posts/hello-world/', '/')).toBe('/posts/hello-world/');
  });
});
