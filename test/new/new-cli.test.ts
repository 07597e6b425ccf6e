import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const bin = fileURLToPath(new URL('../../bin/quire.js', import.meta.url));

function quire(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('quire new', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir('quire-new-cli-');
    writeFiles(root, {
      'quire.config.json': configJson({ timezone: 'Pacific/Kiritimati' }),
      'content/weekly/0001.md': '---\nissue: 1\ndate: 2025-11-09 20:00:00\n---\nOne.\n',
      'content/weekly/second.md': '---\nissue: 2\ndate: 2025-11-16 20:00:00\n---\nTwo.\n',
      'content/weekly/0005.md': '---\ndraft: true\ndate: 2025-11-23 20:00:00\n---\nA draft holds its number.\n',
    });
  });
  afterAll(() => remove(root));

  it('creates a draft post, prints its path alone on stdout, dated now in the site zone', () => {
    const before = Date.now();
    const run = quire(['new', 'post', '远程办公', '第四年'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${path.join('content', 'posts', '远程办公-第四年.md')}\n`);
    expect(run.stderr).toContain('draft');
    const text = readFileSync(path.join(root, 'content/posts/远程办公-第四年.md'), 'utf8');
    expect(text).toMatch(/^---\ntitle: 远程办公 第四年\ndate: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\ndescription: ""\ntags: \[\]\ndraft: true\n---\n\n$/);
    const date = /^date: (.+)$/m.exec(text)![1]!;
    // UTC+14
    const asUtc = Date.parse(`${date.replace(' ', 'T')}Z`) - 14 * 3600_000;
    expect(asUtc).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(asUtc).toBeLessThanOrEqual(Date.now());
  });

  it('refuses to overwrite, with exit 1 and a clear message', () => {
    const run = quire(['new', 'post', '远程办公 第四年'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error[FileExists] content/posts/远程办公-第四年.md: the file already exists');
    expect(run.stderr).toContain('hint:');
  });

  it('takes --slug as typed (digits too) and creates pages', () => {
    const run = quire(['new', 'page', '关于', '--slug', '007'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${path.join('content', 'pages', '007.md')}\n`);
    expect(readFileSync(path.join(root, 'content/pages/007.md'), 'utf8')).toContain('title: 关于\n');
  });

  it('numbers a new weekly issue after the highest one in use, drafts included, and pins it', () => {
    const run = quire(['new', 'weekly', '--quiet'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${path.join('content', 'weekly', '0006.md')}\n`);
    expect(run.stderr).toBe('');
    expect(readFileSync(path.join(root, 'content/weekly/0006.md'), 'utf8')).toMatch(/^---\nissue: 6\ndate: .+\nweek: \d{4}-W\d\d\n---\n/);
  });

  it('creates a note with link and section', () => {
    const run = quire(['new', 'note', 'fzf', '--link', 'https://github.com/junegunn/fzf', '--section', '工具'], root);
    expect(run.code).toBe(0);
    const text = readFileSync(path.join(root, 'content/notes/fzf.md'), 'utf8');
    expect(text).toContain('link: https://github.com/junegunn/fzf\nsection: 工具\n');
    // the note is in this week, which has issue 6 now: the next issue is 7
    expect(quire(['new', 'weekly', 'Seven'], root).stdout).toBe(`${path.join('content', 'weekly', '0007.md')}\n`);
    expect(readFileSync(path.join(root, 'content/weekly/0007.md'), 'utf8')).toContain('issue: 7\ntitle: Seven\n');
  });

  it('explains a wrong kind, a missing title and a bad link', () => {
    for (const [args, message] of [
      [['new', 'blog', 'x'], 'unknown kind "blog"'],
      [['new', 'post'], '`quire new post` needs a title'],
      [['new', 'note', 'x', '--link', 'github.com'], '--link "github.com" is not an http(s) URL'],
      [['new', 'post', 'x', '--slug', 'a', '--slug', 'b'], '--slug is given more than once'],
    ] as const) {
      const run = quire([...args], root);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toContain(`error[InvalidOption] ${message}`);
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    }
  });

  it('reports a flag without its value as an InvalidOption', () => {
    const run = quire(['new', 'note', 'x', '--link'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error[InvalidOption] option --link <url> value is missing\n  hint: `quire new --help` lists the options\n');
  });

  it('refuses to guess an issue number while a weekly file is broken', () => {
    writeFiles(root, { 'content/weekly/0007.md': '---\nissue: [7\n---\n' });
    const run = quire(['new', 'weekly'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error[FrontMatterSyntax] content/weekly/0007.md:2:');
  });
});

describe('quire new weekly, when this week already has notes', () => {
  it('gives the new file the number the notes-only issue of this week already shows, so no number moves', () => {
    const root = tempDir('quire-new-weekly-');
    try {
      writeFiles(root, {
        'quire.config.json': configJson({ timezone: 'UTC' }),
        'content/weekly/0001.md': '---\nissue: 1\ndate: 2025-11-09 20:00:00\n---\nOne.\n',
        // an old week of notes only, pinned to issue 2 (as `quire new note` writes it)
        'content/notes/old.md': '---\ntitle: Old\ndate: 2025-11-12 09:00:00\nlink: https://example.org/old\nissue: 2\n---\n',
      });
      const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
      writeFiles(root, { 'content/notes/new.md': `---\ntitle: New\ndate: ${now}\nlink: https://example.org/new\n---\n` });
      // this week's notes are issue 3 on the site now; the new file takes 3 over
      const run = quire(['new', 'weekly'], root);
      expect(run.stdout).toBe(`${path.join('content', 'weekly', '0003.md')}\n`);
      expect(run.stderr).toContain('it takes over the issue its notes made so far');
    } finally {
      remove(root);
    }
  });
});

describe('quire new weekly and quire new note never move a number', () => {
  const thisWeek = () => {
    const now = new Date();
    return { now: now.toISOString().slice(0, 19).replace('T', ' ') };
  };

  it('creates next week\'s issue when this week has one, and says which issue gathers this week\'s notes', () => {
    const root = tempDir('quire-new-weekly-');
    try {
      writeFiles(root, {
        'quire.config.json': configJson({ timezone: 'UTC' }),
        'content/weekly/0001.md': `---\nissue: 1\ndate: ${thisWeek().now}\n---\nOne.\n`,
      });
      const run = quire(['new', 'weekly'], root);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${path.join('content', 'weekly', '0002.md')}\n`);
      expect(run.stderr).toContain("this week's notes already go into issue 1 (content/weekly/0001.md)");
      const text = readFileSync(path.join(root, 'content/weekly/0002.md'), 'utf8');
      // dated at the start of next week (Monday 00:00 in the site zone), so not published before it
      const week = /^week: (.+)$/m.exec(text)![1]!;
      const date = /^date: (.+)$/m.exec(text)![1]!;
      expect(date).toMatch(/ 00:00:00$/);
      expect(new Date(`${date.replace(' ', 'T')}Z`).getUTCDay()).toBe(1);
      expect(Date.parse(`${date.replace(' ', 'T')}Z`)).toBeGreaterThan(Date.now());
      expect(week).not.toBe(/^week: (.+)$/m.exec(readFileSync(path.join(root, 'content/weekly/0001.md'), 'utf8'))?.[1]);
      // a note written now is pinned to this week's issue
      const note = quire(['new', 'note', 'fzf'], root);
      expect(note.code).toBe(0);
      expect(readFileSync(path.join(root, 'content/notes/fzf.md'), 'utf8')).toMatch(/\nissue: 1\n/);
      // issue 1 is out already: the note changes it after the fact, and says so
      expect(note.stderr).toMatch(/issue 1 was published \d{4}-\d{2}-\d{2} \d{2}:\d{2}: the note joins its page and feed item from the next build, not an e-mail already sent/);
    } finally {
      remove(root);
    }
  });

  it('refuses while an issue without a pinned number could move, and says what to pin', () => {
    const root = tempDir('quire-new-weekly-');
    try {
      writeFiles(root, {
        'quire.config.json': configJson({ timezone: 'UTC' }),
        'content/weekly/a.md': '---\ndate: 2025-11-09 20:00:00\n---\nOne.\n',
        'content/weekly/b.md': '---\ndate: 2025-11-16 20:00:00\n---\nTwo.\n',
      });
      const run = quire(['new', 'weekly'], root);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('error[WeeklyNumber] content/weekly/a.md:1:1: this issue (week 2025-W45) is issue 1 only because of the issues before it');
      expect(run.stderr).toContain('pin its number: add `issue: 1` to content/weekly/a.md');
    } finally {
      remove(root);
    }
  });
});
