import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unsafeOutDir } from '../../src/config/project-dirs.js';

const ROOT = path.resolve(path.sep, 'srv', 'blog');

describe('unsafeOutDir', () => {
  const dirs = {
    root: ROOT,
    contentDir: path.join(ROOT, 'content'),
    publicDir: path.join(ROOT, 'public'),
    templatesDir: path.join(ROOT, 'templates'),
  };

  it('accepts a folder of its own', () => {
    expect(unsafeOutDir(path.join(ROOT, 'dist'), dirs)).toBeUndefined();
    expect(unsafeOutDir(path.resolve(path.sep, 'tmp', 'site-out'), dirs)).toBeUndefined();
    expect(unsafeOutDir(path.join(ROOT, 'content-out'), dirs)).toBeUndefined();
  });

  it('refuses the file-system root', () => {
    expect(unsafeOutDir(path.parse(ROOT).root, dirs)).toBe('it is the file-system root');
  });

  it('refuses the root, the content folder and the public folder', () => {
    expect(unsafeOutDir(ROOT, dirs)).toBe('it is the project root');
    expect(unsafeOutDir(dirs.contentDir, dirs)).toBe('it is the content folder');
    expect(unsafeOutDir(dirs.publicDir, dirs)).toBe('it is the public folder');
  });

  it('refuses a parent of them', () => {
    expect(unsafeOutDir(path.dirname(ROOT), dirs)).toBe('it contains the project root');
    const nested = { ...dirs, contentDir: path.join(ROOT, 'src', 'content') };
    expect(unsafeOutDir(path.join(ROOT, 'src'), nested)).toBe('it contains the content folder');
  });

  it('refuses a folder inside the content or public folder', () => {
    expect(unsafeOutDir(path.join(dirs.contentDir, 'posts', 'out'), dirs)).toBe('it is inside the content folder');
    expect(unsafeOutDir(path.join(dirs.publicDir, 'out'), dirs)).toBe('it is inside the public folder');
  });

  it('refuses a folder inside the content folder whose name starts with two dots', () => {
    // `..build` is an ordinary name, not a parent reference.
    expect(unsafeOutDir(path.join(dirs.contentDir, '..build'), dirs)).toBe('it is inside the content folder');
  });
});
