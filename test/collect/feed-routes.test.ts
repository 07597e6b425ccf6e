import { describe, expect, it } from 'vitest';
import { feedRoute } from '../../src/collect/feed-routes.js';

describe('feedRoute', () => {
  it('puts the three files of the site feed in the root', () => {
    expect(feedRoute('site', '/', ['posts/a.md'])).toEqual({
      kind: 'site',
      term: undefined,
      pageUrl: '/',
      entries: ['posts/a.md'],
      files: {
        rss: { url: '/feed.xml', outputPath: 'feed.xml' },
        atom: { url: '/atom.xml', outputPath: 'atom.xml' },
        json: { url: '/feed.json', outputPath: 'feed.json' },
      },
    });
  });

  it('puts a tag feed in the tag page’s folder, CJK kept', () => {
    const route = feedRoute('tag', '/tags/工具/', [], '工具');
    expect(route.term).toBe('工具');
    expect(route.files.rss).toEqual({ url: '/tags/工具/feed.xml', outputPath: 'tags/工具/feed.xml' });
    expect(route.files.json.outputPath).toBe('tags/工具/feed.json');
    expect(feedRoute('tag', '/tags/go', [], 'go').files.atom.url).toBe('/tags/go/atom.xml');
  });
});
