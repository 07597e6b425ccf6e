import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/load/slug.js';

describe('slugify', () => {
  it.each([
    ['Hello World', 'hello-world'],
    ['Hello World!', 'hello-world'],
    ['远程办公 三年', '远程办公-三年'],
    ['为什么 Go 的 Loader 很慢', '为什么-go-的-loader-很慢'],
    ['snake_case_name', 'snake-case-name'],
    ['  spaced   out  ', 'spaced-out'],
    ['tabs\tand\nnewlines', 'tabs-and-newlines'],
    ['a -- b', 'a-b'],
    ['Ünïcode Wörds', 'ünïcode-wörds'],
    ['what? #1: "quotes" <tags> | pipes * stars', 'what-1-quotes-tags-pipes-stars'],
  ])('%j → %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('composes decomposed accents (NFC)', () => {
    expect(slugify('Cafe\u0301')).toBe('caf\u00e9');
  });

  it('turns path separators into dashes', () => {
    expect(slugify('a/b')).toBe('a-b');
    expect(slugify('a\\b')).toBe('a-b');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('..\\..\\windows')).toBe('windows');
  });

  it('drops NUL and other control characters', () => {
    expect(slugify('a\u0000b')).toBe('ab');
    expect(slugify('x\u0007y\u007f')).toBe('xy');
  });

  it('never returns a dot segment', () => {
    expect(slugify('.')).toBe('');
    expect(slugify('..')).toBe('');
    expect(slugify('...')).toBe('');
    expect(slugify('-.-')).toBe('');
    expect(slugify('.hidden.')).toBe('hidden');
  });

  it.each(['/', '\\', '..', '.', '/..', '../', '..\\..', 'a/../b', '\u0000..\u0000', ' . ', '%2e%2e', '/./', 'a\\..\\b', '..'.repeat(100)])(
    'never contains / or \\ nor is . or .. (%j)',
    (input) => {
      const slug = slugify(input);
      expect(slug).not.toMatch(/[/\\\u0000]/);
      expect(slug).not.toBe('.');
      expect(slug).not.toBe('..');
      expect(slug).not.toMatch(/^[-.]|[-.]$/);
    },
  );

  it('keeps C++ readable and different from C#, with no # in the URL', () => {
    expect(slugify('C++')).toBe('c++');
    expect(slugify('C#')).not.toContain('#');
    expect(slugify('C#')).not.toBe(slugify('C++'));
  });

  it('truncates long ASCII input to 180 bytes', () => {
    const slug = slugify('x'.repeat(300));
    expect(slug).toBe('x'.repeat(180));
  });

  it('truncates long CJK input to at most 180 UTF-8 bytes without splitting a character', () => {
    expect(slugify('中'.repeat(100))).toBe('中'.repeat(60));
    const mixed = slugify('a' + '中'.repeat(100));
    expect(mixed).toBe('a' + '中'.repeat(59));
    expect(Buffer.byteLength(mixed)).toBe(178);
  });

  it('does not end with a dash after truncation', () => {
    expect(slugify('x'.repeat(179) + ' yy')).toBe('x'.repeat(179));
  });

  it('keeps astral characters whole when truncating', () => {
    const slug = slugify('😀'.repeat(50));
    expect(Buffer.byteLength(slug)).toBe(180);
    expect(slug).toBe('😀'.repeat(45));
  });

  it('returns an empty string for text without usable characters', () => {
    expect(slugify('')).toBe('');
    expect(slugify('???')).toBe('');
    expect(slugify('   ')).toBe('');
  });
});
