import { describe, expect, it } from 'vitest';
import { composeEntry, type NewEntryRequest } from '../../src/new/compose-entry.js';
import { readFrontMatter, isFrontMatterError } from '../../src/load/read-front-matter.js';
import { frontMatterSchema } from '../../src/load/front-matter-schema.js';

const NOW = new Date('2025-12-21T22:48:05Z');
const base: NewEntryRequest = { kind: 'post', title: '远程办公 第四年', slug: undefined, link: undefined, section: undefined, issue: undefined, now: NOW, timezone: 'Asia/Shanghai' };

function fields(text: string): Record<string, unknown> {
  const fm = readFrontMatter(text);
  if (isFrontMatterError(fm)) throw new Error(fm.message);
  expect(frontMatterSchema.safeParse(fm.data).success).toBe(true);
  return fm.data;
}

describe('composeEntry', () => {
  it('writes a draft post named after its title (CJK kept), dated now in the site zone', () => {
    const made = composeEntry(base);
    if ('problems' in made) throw new Error('unexpected problems');
    expect(made.rel).toBe('posts/远程办公-第四年.md');
    // 22:48 UTC is 06:48 the next day in Shanghai
    expect(fields(made.text)).toEqual({ title: '远程办公 第四年', date: '2025-12-22 06:48:05', description: '', tags: [], draft: true });
  });

  it('quotes what YAML would misread and keeps a date-like slug', () => {
    const made = composeEntry({ ...base, title: '2025-01-01 回顾: 一年' });
    if ('problems' in made) throw new Error('unexpected problems');
    expect(made.rel).toBe('posts/2025-01-01-回顾-一年.md');
    expect(fields(made.text)).toMatchObject({ title: '2025-01-01 回顾: 一年', slug: '2025-01-01-回顾-一年' });
  });

  it('writes notes with link and section, and weekly issues with the number pinned and the ISO week', () => {
    const note = composeEntry({ ...base, kind: 'note', title: 'fzf', link: 'https://github.com/junegunn/fzf', section: '工具' });
    if ('problems' in note) throw new Error('unexpected problems');
    expect(note.rel).toBe('notes/fzf.md');
    expect(fields(note.text)).toEqual({ title: 'fzf', date: '2025-12-22 06:48:05', link: 'https://github.com/junegunn/fzf', section: '工具', tags: [] });
    const weekly = composeEntry({ ...base, kind: 'weekly', title: undefined, issue: 12 });
    if ('problems' in weekly) throw new Error('unexpected problems');
    expect(weekly.rel).toBe('weekly/0012.md');
    // Monday 2025-12-22 in Shanghai is in 2025-W52 (in UTC it is still Sunday of W51)
    expect(fields(weekly.text)).toEqual({ issue: 12, date: '2025-12-22 06:48:05', week: '2025-W52' });
  });

  it('refuses what cannot work, with hints', () => {
    const cases: Array<[Partial<NewEntryRequest>, string]> = [
      [{ title: undefined }, 'needs a title'],
      [{ title: '???' }, 'no characters usable'],
      [{ link: 'https://x.org' }, '--link is for notes only'],
      [{ kind: 'note', link: 'ftp://x.org' }, 'is not an http(s) URL'],
      [{ kind: 'weekly', issue: 1, slug: 'x' }, '--slug does not apply'],
    ];
    for (const [change, message] of cases) {
      const made = composeEntry({ ...base, ...change });
      expect('problems' in made && made.problems[0]!.message, message).toContain(message);
    }
  });
});
