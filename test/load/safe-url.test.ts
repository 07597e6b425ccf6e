import { describe, expect, it } from 'vitest';
import { unsafeScheme, unsafeSrcsetScheme } from '../../src/load/safe-url.js';

describe('unsafeScheme', () => {
  it.each([
    // [value, use, the scheme that is refused (undefined: published)]
    ['https://example.com/a?b#c', 'link', undefined],
    ['http://example.com/', 'link', undefined],
    ['mailto:a@example.org', 'link', undefined],
    ['tel:+861012345678', 'link', undefined],
    ['/posts/x/', 'link', undefined],
    ['../x.md#y', 'link', undefined],
    ['#fn-1', 'link', undefined],
    ['//cdn.example.com/a.js', 'link', undefined],
    ['', 'link', undefined],
    ['javascript:alert(1)', 'link', 'javascript:'],
    ['  JaVaScRiPt:alert(1)  ', 'link', 'javascript:'],
    ['\u0001\u001fjavascript:alert(1)', 'link', 'javascript:'],
    ['java\tscript:alert(1)', 'link', 'javascript:'],
    ['java\nscr\ript:alert(1)', 'link', 'javascript:'],
    ['vbscript:msgbox(1)', 'link', 'vbscript:'],
    ['data:text/html,<script>alert(1)</script>', 'link', 'data:'],
    ['data:image/png;base64,AAAA', 'link', 'data:'],
    ['file:///etc/passwd', 'link', 'file:'],
    ['ftp://example.com/', 'link', 'ftp:'],
    ['https://example.com/a.png', 'image', undefined],
    ['cover.png', 'image', undefined],
    ['data:image/png;base64,AAAA', 'image', undefined],
    ['DATA:Image/JPEG,AAAA', 'image', 'data:'],
    ['data:image/webp;base64,AAAA', 'image', undefined],
    ['data:image/svg+xml,<svg onload=alert(1)>', 'image', 'data:'],
    ['data:text/html,x', 'image', 'data:'],
    ['mailto:a@example.org', 'image', 'mailto:'],
    ['javascript:alert(1)', 'image', 'javascript:'],
  ] as const)('%j as %s → %s', (value, use, expected) => {
    expect(unsafeScheme(value, use)).toBe(expected);
  });

  it('reads every candidate of a srcset, data URLs with their commas included', () => {
    expect(unsafeSrcsetScheme('a.png 1x, /b.png 2x, https://c.example/c.png 600w')).toBeUndefined();
    expect(unsafeSrcsetScheme('data:image/png;base64,AAAA 1x, b.png 2x')).toBeUndefined();
    expect(unsafeSrcsetScheme('a.png 1x,javascript:alert(1) 2x')).toBe('javascript:');
    expect(unsafeSrcsetScheme(' data:image/svg+xml,<svg> 1x')).toBe('data:');
  });
});
