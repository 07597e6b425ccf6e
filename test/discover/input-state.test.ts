import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputState, type InputFolders } from '../../src/discover/input-state.js';
import { readGuard } from '../../src/discover/read-guard.js';
import type { Discovery } from '../../src/types.js';
import { remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

describe('inputState', () => {
  let root: string;
  let discovery: Discovery;
  let folders: InputFolders;
  const later = (file: string, ms: number) => Math.max(statSync(file).mtimeMs, statSync(file).ctimeMs) + ms;
  beforeAll(() => {
    root = tempDir();
    writeFiles(root, {
      'content/posts/a.md': 'a',
      'content/posts/b/index.md': 'b',
      'content/posts/b/pic.png': 'png',
      'public/x.txt': 'x',
      'templates/home.liquid': 'home',
      'quire.config.json': '{}',
    });
    discovery = {
      sources: [
        { kind: 'post', path: path.join(root, 'content/posts/a.md'), rel: 'posts/a.md', assets: [] },
        { kind: 'post', path: path.join(root, 'content/posts/b/index.md'), rel: 'posts/b/index.md', assets: ['pic.png'] },
      ],
      diagnostics: [],
    };
    folders = { publicDir: path.join(root, 'public'), templateDirs: [path.join(root, 'templates')], configFile: path.join(root, 'quire.config.json'), guard: readGuard({ root }) };
  });
  afterAll(() => remove(root));

  it('is the same for the same files and settings, and settled once the files are older than the clock tick margin', () => {
    const at = later(path.join(root, 'quire.config.json'), 10_000);
    const one = inputState('s', discovery, folders, at);
    expect(inputState('s', discovery, folders, at)).toEqual(one);
    expect(one.settled).toBe(true);
    expect(inputState('other settings', discovery, folders, at).digest).not.toBe(one.digest);
    expect(inputState('s', { ...discovery, diagnostics: [{ code: 'ReadError', severity: 'warning', message: 'new warning' }] }, folders, at).digest).not.toBe(one.digest);
  });

  it('is not settled when a file changed just before the look (its stamp may not change again)', () => {
    writeFileSync(path.join(root, 'public/x.txt'), 'y');
    expect(inputState('s', discovery, folders, later(path.join(root, 'public/x.txt'), 20)).settled).toBe(false);
    expect(inputState('s', discovery, folders, later(path.join(root, 'public/x.txt'), 5000)).settled).toBe(true);
  });

  it.each([
    ['a source', 'content/posts/a.md'],
    ['a bundle file', 'content/posts/b/pic.png'],
    ['a public file', 'public/x.txt'],
    ['a template', 'templates/home.liquid'],
    ['the config file', 'quire.config.json'],
  ])('changes when %s is written, even with the same bytes', (_what, rel) => {
    const at = Date.now() + 60_000;
    const before = inputState('s', discovery, folders, at).digest;
    const file = path.join(root, rel);
    writeFileSync(file, readFileSync(file));
    expect(inputState('s', discovery, folders, at).digest).not.toBe(before);
  });

  it('changes when a file is added to public/ or templates/', () => {
    const at = Date.now() + 60_000;
    const before = inputState('s', discovery, folders, at).digest;
    writeFiles(root, { 'public/new.txt': 'n' });
    const afterPublic = inputState('s', discovery, folders, at).digest;
    expect(afterPublic).not.toBe(before);
    writeFiles(root, { 'templates/partials/p.liquid': 'p' });
    expect(inputState('s', discovery, folders, at).digest).not.toBe(afterPublic);
  });
});
