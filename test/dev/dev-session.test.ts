import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { QuireError, type Diagnostic } from '../../src/diagnostics.js';
import { openDevSession, type DevSession, type SessionUpdate, type UpdateScope } from '../../src/dev/dev-session.js';
import { hashTree, remove, sampleConfig, tempDir, writeFiles } from '../helpers/site-fixture.js';

// What `quire dev` serves after each edit must be what `quire build` writes from the same files:
// every output path, byte for byte, and the same problems when the build fails.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const NOW = new Date('2026-11-23T00:00:00Z');
const ORIGIN = 'http://127.0.0.1:4999';
/** The sample site's settings, as a JSON config. */
const SAMPLE_CONFIG = { ...(await sampleConfig()), url: 'https://example.org/blog/' };
const GENERATED = 12;

/** A generated post that links to the next one (so renaming or deleting a post changes another's HTML). */
function generated(i: number, title = `生成的文章 ${i}`, tags = `[gen, ${i % 2 === 0 ? '偶数' : 'odd'}]`): string {
  const next = `gen-${String((i + 1) % GENERATED).padStart(2, '0')}.md`;
  const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return ['---', `title: "${title}"`, `date: ${day} 09:30`, `tags: ${tags}`, '---', '', `第 ${i} 天。Body ${i}.`, '', '<!-- more -->', '', `See [the next one](./${next}).`, '', '```ts', `const v${i} = ${i};`, '```', ''].join('\n');
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const shown = (list: readonly Diagnostic[]) => list.map((d) => `${d.severity} ${d.code} ${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.message}`);

describe('quire dev session: the served site equals a fresh build after every edit', () => {
  let root: string;
  let out: string;
  let session: DevSession;
  let step = 0;
  const file = (rel: string) => path.join(root, rel);

  /** A full build of the files as they are now (cache off, one thread): its files, or its problems. */
  const reference = async (): Promise<{ files: Record<string, string>; diagnostics: readonly Diagnostic[] } | { failed: readonly Diagnostic[] }> => {
    const outDir = path.join(out, `build-${step++}`);
    try {
      const result = await build({ root, outDir, now: NOW, baseUrl: `${ORIGIN}/blog/`, drafts: false, future: false, cache: false, threads: 1 });
      // The marker a build leaves in its output folder is not part of the site the dev server serves.
      const { '.quire-output': _marker, ...files } = hashTree(outDir);
      return { files, diagnostics: result.diagnostics };
    } catch (error) {
      if (error instanceof QuireError) return { failed: error.diagnostics };
      throw error;
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  };

  const servedFiles = async (update: SessionUpdate & { ok: true }): Promise<Record<string, string>> => {
    const files: Record<string, string> = {};
    for (const outputPath of [...update.generation.outputPaths()].sort()) {
      const served = await update.generation.read(outputPath);
      expect(served?.ok, outputPath).toBe(true);
      if (served?.ok) files[outputPath] = sha(served.body);
    }
    return files;
  };

  /** Update the session with these changed files and check it against a fresh build. */
  const expectSameAsBuild = async (changed: readonly string[] | 'all', scope: UpdateScope): Promise<SessionUpdate> => {
    const before = session.fullBuilds;
    const update = await session.update(changed === 'all' ? changed : changed.map(file));
    expect(update.scope).toBe(scope);
    expect(session.fullBuilds - before).toBe(scope === 'full' && update.ok ? 1 : 0);
    const built = await reference();
    if ('failed' in built) {
      expect(update.ok).toBe(false);
      expect(shown(update.diagnostics)).toEqual(shown(built.failed));
    } else {
      expect(shown(update.diagnostics)).toEqual(shown(built.diagnostics));
      expect(update.ok).toBe(true);
      if (update.ok) {
        const served = await servedFiles(update);
        expect(Object.keys(served)).toEqual(Object.keys(built.files).sort());
        for (const [outputPath, hash] of Object.entries(built.files)) expect(served[outputPath], outputPath).toBe(hash);
      }
    }
    return update;
  };

  beforeAll(() => {
    root = tempDir('quire-dev-session-');
    out = tempDir('quire-dev-session-out-');
    cpSync(path.join(repo, 'content'), path.join(root, 'content'), { recursive: true });
    cpSync(path.join(repo, 'public'), path.join(root, 'public'), { recursive: true });
    const posts: Record<string, string> = {};
    for (let i = 0; i < GENERATED; i++) posts[`content/posts/gen-${String(i).padStart(2, '0')}.md`] = generated(i);
    writeFiles(root, { 'quire.config.json': JSON.stringify(SAMPLE_CONFIG), ...posts });
    session = openDevSession({ root, config: undefined, origin: ORIGIN, drafts: false, future: false, now: NOW, threads: 2 });
  });
  afterAll(async () => {
    await session.close();
    remove(root);
    remove(out);
  });

  it('starts with the site a build writes, under the base path', async () => {
    const update = await expectSameAsBuild('all', 'full');
    expect(update.ok && update.generation.basePath).toBe('/blog/');
  });

  it('edits of a body, of a title, tags and date, of a note and of a weekly issue touch only those files', async () => {
    appendFileSync(file('content/posts/go-loader.md'), '\n新加的一段。A new paragraph.\n');
    await expectSameAsBuild(['content/posts/go-loader.md'], 'entries');
    writeFileSync(file('content/posts/gen-03.md'), generated(3, '改过的标题 Renamed', '[gen, 新标签]').replace('2024-01-04', '2026-01-01'));
    await expectSameAsBuild(['content/posts/gen-03.md'], 'site');
    appendFileSync(file('content/notes/fzf.md'), '\n还有 `fzf --preview`。\n');
    await expectSameAsBuild(['content/notes/fzf.md'], 'site');
    writeFileSync(file('content/weekly/0002.md'), readFileSync(file('content/weekly/0002.md'), 'utf8').replace('工具箱', '工具箱（修订）'));
    await expectSameAsBuild(['content/weekly/0002.md'], 'site');
  });

  it('adds, renames and deletes posts (the post linking to a renamed one changes too)', async () => {
    writeFiles(root, { 'content/posts/brand-new.md': '---\ntitle: 新文章\ndate: 2026-02-02 10:00\ntags: [go]\n---\n\nHello [gen](./gen-01.md).\n' });
    await expectSameAsBuild(['content/posts/brand-new.md'], 'site');
    renameSync(file('content/posts/gen-05.md'), file('content/posts/gen-05-renamed.md'));
    // gen-04 links to ./gen-05.md, which is gone: the build fails, and so does the session.
    await expectSameAsBuild(['content/posts/gen-05.md', 'content/posts/gen-05-renamed.md'], 'site');
    writeFileSync(file('content/posts/gen-04.md'), generated(4).replace('./gen-05.md', './gen-05-renamed.md'));
    await expectSameAsBuild(['content/posts/gen-04.md'], 'site');
    rmSync(file('content/posts/brand-new.md'));
    await expectSameAsBuild(['content/posts/brand-new.md'], 'site');
  });

  it('an edit of the text only renders that entry again: its warnings, a broken link and the fix', async () => {
    const text = readFileSync(file('content/posts/gen-09.md'), 'utf8');
    // a code block in a language quire does not know: a warning with file:line, kept in order
    writeFileSync(file('content/posts/gen-09.md'), text.replace('```ts', '```klingon'));
    const warned = await expectSameAsBuild(['content/posts/gen-09.md'], 'entries');
    expect(warned.diagnostics.some((d) => d.severity === 'warning' && d.file === 'content/posts/gen-09.md')).toBe(true);
    writeFileSync(file('content/posts/gen-09.md'), text.replace('Body 9.', 'Body 9, see [nothing](./no-such-post.md).'));
    expect((await expectSameAsBuild(['content/posts/gen-09.md'], 'entries')).ok).toBe(false);
    writeFileSync(file('content/posts/gen-09.md'), text.replace('Body 9.', 'Body 9, fixed.'));
    expect((await expectSameAsBuild(['content/posts/gen-09.md'], 'site')).ok).toBe(true);
    // two posts saved at once
    appendFileSync(file('content/posts/gen-10.md'), '\nten\n');
    appendFileSync(file('content/pages/about.md'), '\n关于页的新段落。\n');
    await expectSameAsBuild(['content/posts/gen-10.md', 'content/pages/about.md'], 'entries');
  });

  it('keeps the last good site through half-typed YAML and recovers', async () => {
    const good = session.current;
    const text = readFileSync(file('content/posts/gen-07.md'), 'utf8');
    writeFileSync(file('content/posts/gen-07.md'), text.replace('title: "生成的文章 7"', 'title: "生成的文章 7\ntags: [oops'));
    const update = await expectSameAsBuild(['content/posts/gen-07.md'], 'site');
    expect(update.ok).toBe(false);
    expect(update.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ file: 'content/posts/gen-07.md', line: expect.any(Number) });
    expect(session.current).toBe(good);
    // Another edit while it is broken: still the same error.
    appendFileSync(file('content/posts/gen-08.md'), '\nmore\n');
    expect((await expectSameAsBuild(['content/posts/gen-08.md'], 'site')).ok).toBe(false);
    writeFileSync(file('content/posts/gen-07.md'), text);
    expect((await expectSameAsBuild(['content/posts/gen-07.md'], 'site')).ok).toBe(true);
  });

  it('public files and bundle assets are served from their source', async () => {
    writeFiles(root, { 'public/extra.txt': 'extra\n', 'content/posts/shiki-bundle/notes.txt': 'bundle asset\n' });
    await expectSameAsBuild(['public/extra.txt', 'content/posts/shiki-bundle/notes.txt'], 'site');
    writeFileSync(file('public/extra.txt'), 'changed\n');
    await expectSameAsBuild(['public/extra.txt'], 'site');
  });

  it('a template or config change builds everything again, in memory', async () => {
    const page = readFileSync(path.join(repo, 'templates/404.liquid'), 'utf8');
    writeFiles(root, { 'templates/404.liquid': page.replace('</', '<!-- custom 404 --></') });
    await expectSameAsBuild(['templates/404.liquid'], 'full');
    writeFileSync(file('quire.config.json'), JSON.stringify({ ...SAMPLE_CONFIG, paginate: 3 }));
    await expectSameAsBuild(['quire.config.json'], 'full');
    // and edits after it are small again
    appendFileSync(file('content/posts/gen-02.md'), '\nafter the config change\n');
    await expectSameAsBuild(['content/posts/gen-02.md'], 'entries');
  });
});

describe('quire dev session: a scheduled post', () => {
  it('is published by the first save after its time comes (everything is built again then)', async () => {
    const root = tempDir('quire-dev-session-due-');
    const due = new Date(Date.now() + 5000);
    writeFiles(root, {
      'quire.config.json': JSON.stringify({ title: 'Due', url: 'https://example.org/', timezone: 'UTC', language: 'en' }),
      'content/posts/now.md': '---\ntitle: Now\ndate: 2020-01-01\n---\nHere.\n',
      'content/posts/soon.md': `---\ntitle: Soon\ndate: ${due.toISOString()}\n---\nLater.\n`,
    });
    const session = openDevSession({ root, config: undefined, origin: ORIGIN, drafts: false, future: false, threads: 1 });
    try {
      const first = await session.update('all');
      expect(first.ok && first.generation.outputPaths()).not.toContain('posts/soon/index.html');
      appendFileSync(path.join(root, 'content/posts/now.md'), '\nmore\n');
      expect((await session.update([path.join(root, 'content/posts/now.md')])).scope).toBe('entries');
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due.getTime() - Date.now()) + 200));
      appendFileSync(path.join(root, 'content/posts/now.md'), '\nagain\n');
      const later = await session.update([path.join(root, 'content/posts/now.md')]);
      expect(later.scope).toBe('full');
      expect(later.ok && later.generation.outputPaths()).toContain('posts/soon/index.html');
    } finally {
      await session.close();
      remove(root);
    }
  });
});
