import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchPaths, type PathWatcher } from '../../src/dev/watch-paths.js';
import { remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

// What `quire dev` is told about: every change under the watched folders, at any depth, folders
// made or deleted while it runs included, and the config files; not the editors' side files.
describe('watchPaths', () => {
  let watcher: PathWatcher | undefined;
  const roots: string[] = [];
  afterEach(() => {
    watcher?.close();
    watcher = undefined;
    for (const root of roots.splice(0)) remove(root);
  });

  const start = (root: string) => {
    roots.push(root);
    const seen: string[] = [];
    watcher = watchPaths({ dirs: [path.join(root, 'content'), path.join(root, 'public')], files: [path.join(root, 'quire.config.json')] }, (file) => seen.push(file), { rearmMs: 50 });
    const saw = (file: string) => vi.waitFor(() => expect(seen).toContain(path.join(root, file)), { timeout: 5000, interval: 10 });
    return { seen, saw };
  };

  it('reports a save in a folder of a folder, and the config, with their paths', async () => {
    const root = tempDir();
    writeFiles(root, { 'content/posts/trip/index.md': 'a', 'content/posts/a.md': 'a', 'quire.config.json': '{}', 'notes.txt': '' });
    const { seen, saw } = start(root);
    writeFileSync(path.join(root, 'content/posts/trip/index.md'), 'b');
    await saw('content/posts/trip/index.md');
    writeFileSync(path.join(root, 'content/posts/a.md'), 'b');
    await saw('content/posts/a.md');
    writeFileSync(path.join(root, 'notes.txt'), 'not watched');
    writeFileSync(path.join(root, 'content/posts/a.md~'), 'an editor backup');
    writeFileSync(path.join(root, 'quire.config.json'), '{ }');
    await saw('quire.config.json');
    expect(seen.some((file) => file.endsWith('notes.txt') || file.endsWith('~'))).toBe(false);
  });

  it('reports a file that `sed -i` or an editor replaces under its own name only, not the temporary files', async () => {
    const root = tempDir();
    writeFiles(root, { 'content/posts/a.md': 'draft', 'content/posts/b.md': 'b' });
    const { seen, saw } = start(root);
    const sed = spawnSync('sed', ['-i', 's/draft/final/', path.join(root, 'content/posts/a.md')]);
    expect(sed.status).toBe(0);
    await saw('content/posts/a.md');
    for (const side of ['b.md___jb_tmp___', '.goutputstream-X1Y2Z3', 'b.md.kate-swp', '.~lock.b.md#']) {
      writeFileSync(path.join(root, 'content/posts', side), 'x');
      rmSync(path.join(root, 'content/posts', side));
    }
    writeFileSync(path.join(root, 'content/posts/b.md'), 'b2');
    await saw('content/posts/b.md');
    expect(seen.map((file) => path.relative(root, file)).filter((file) => !/^content[/\\]posts[/\\][ab]\.md$/.test(file))).toEqual([]);
  });

  it('watches a folder made while it runs, and one deleted and made again', async () => {
    const root = tempDir();
    writeFiles(root, { 'content/posts/a.md': 'a', 'content/pages/about.md': 'a' });
    const { seen, saw } = start(root);
    mkdirSync(path.join(root, 'content/posts/new/img'), { recursive: true });
    await saw('content/posts/new');
    // Once the folder is reported it is watched, the folder inside it too.
    writeFileSync(path.join(root, 'content/posts/new/index.md'), 'x');
    await saw('content/posts/new/index.md');
    writeFileSync(path.join(root, 'content/posts/new/img/map.svg'), '<svg/>');
    await saw('content/posts/new/img/map.svg');

    rmSync(path.join(root, 'content/pages'), { recursive: true });
    await saw('content/pages');
    seen.length = 0;
    mkdirSync(path.join(root, 'content/pages'));
    await saw('content/pages');
    writeFileSync(path.join(root, 'content/pages/about.md'), 'made again');
    await saw('content/pages/about.md');
  });

  it('picks up a watched folder that did not exist when it started', async () => {
    const root = tempDir();
    writeFiles(root, { 'content/posts/a.md': 'a' });
    const { saw } = start(root);
    mkdirSync(path.join(root, 'public/img'), { recursive: true });
    await saw('public');
    writeFileSync(path.join(root, 'public/img/logo.png'), 'png');
    await saw('public/img/logo.png');
  });
});
