import { describe, expect, it } from 'vitest';
import { feedId } from '../../../src/emit/feeds/feed-id.js';

describe('feedId', () => {
  const permalink = 'https://example.org/blog/posts/a/';

  it('is the permalink when no id is pinned', () => {
    expect(feedId(undefined, permalink)).toBe(permalink);
    expect(feedId('  ', permalink)).toBe(permalink);
  });

  it('keeps a pinned URI as it is (an old URL, a tag: URI)', () => {
    expect(feedId('https://old.example.org/2019/a.html', permalink)).toBe('https://old.example.org/2019/a.html');
    expect(feedId('tag:example.org,2024:some-stable-id', permalink)).toBe('tag:example.org,2024:some-stable-id');
    expect(feedId('urn:uuid:0b7a3c4e-6b9e-4c1e-9f0a-2d1b6a4f5e3c', permalink)).toBe('urn:uuid:0b7a3c4e-6b9e-4c1e-9f0a-2d1b6a4f5e3c');
  });

  it('turns other pinned text into a stable name-based urn:uuid, independent of the permalink', () => {
    const id = feedId('my post 1', permalink);
    expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(feedId('my post 1', 'https://elsewhere.example/x/')).toBe(id);
    expect(feedId('my post 2', permalink)).not.toBe(id);
    expect(feedId('周报 12', permalink)).toMatch(/^urn:uuid:/);
  });
});
