import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../src/config/load-config.js';
import { resolveConfig, type BuildFlags, type ResolvedConfig } from '../../src/config/resolve-config.js';
import { userConfigSchema } from '../../src/config/schema.js';
import { QuireError, type Diagnostic } from '../../src/diagnostics.js';

const ROOT = path.resolve(path.sep, 'srv', 'blog');

function loaded(user: Record<string, unknown> = {}, file?: string): LoadedConfig {
  return { root: ROOT, file, config: userConfigSchema.parse(user) };
}

function resolveErrors(config: LoadedConfig, flags: BuildFlags = {}, cwd?: string): readonly Diagnostic[] {
  try {
    resolveConfig(config, flags, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(QuireError);
    return (error as QuireError).diagnostics;
  }
  throw new Error('expected resolveConfig to fail');
}

describe('resolveConfig', () => {
  it('resolves folders against the root and keeps flags', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const config: ResolvedConfig = resolveConfig(loaded({ timezone: 'Asia/Shanghai' }), { drafts: true, now });
    expect(config).toMatchObject({
      root: ROOT,
      contentDir: path.join(ROOT, 'content'),
      publicDir: path.join(ROOT, 'public'),
      outDir: path.join(ROOT, 'dist'),
      timezone: 'Asia/Shanghai',
      url: 'http://localhost:4321/',
      basePath: '/',
      drafts: true,
      future: false,
    });
    expect(config.now).toBe(now);
    expect(config.templateDirs[0]).toBe(path.join(ROOT, 'templates'));
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('rejects a time zone that does not exist', () => {
    const diagnostics = resolveErrors(loaded({ timezone: 'Mars/Olympus_Mons' }, path.join(ROOT, 'quire.config.yaml')));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'ConfigInvalid', file: 'quire.config.yaml' });
    expect(diagnostics[0]!.message).toContain('Mars/Olympus_Mons');
  });

  it('adds the trailing slash to the site URL and derives the base path', () => {
    const config = resolveConfig(loaded({ url: 'https://example.org/blog' }));
    expect(config.url).toBe('https://example.org/blog/');
    expect(config.basePath).toBe('/blog/');
  });

  it('drops query and fragment from the site URL', () => {
    const config = resolveConfig(loaded({ url: 'https://example.org/a/b/?x=1#top' }));
    expect(config.url).toBe('https://example.org/a/b/');
    expect(config.basePath).toBe('/a/b/');
  });

  it('lets --base-url override the configured URL', () => {
    const config = resolveConfig(loaded({ url: 'https://example.org/' }), { baseUrl: 'https://preview.example.org/pr-7' });
    expect(config.url).toBe('https://preview.example.org/pr-7/');
    expect(config.basePath).toBe('/pr-7/');
  });

  it('rejects a relative --base-url', () => {
    const diagnostics = resolveErrors(loaded(), { baseUrl: '/blog/' });
    expect(diagnostics.map((d) => d.code)).toEqual(['ConfigInvalid']);
  });

  it('canonicalises the language tag and rejects a malformed one', () => {
    expect(resolveConfig(loaded({ language: 'zh-cn' })).language).toBe('zh-CN');
    expect(resolveErrors(loaded({ language: 'en_US' })).map((d) => d.code)).toEqual(['ConfigInvalid']);
  });

  it('rejects a permalink without :slug or :title', () => {
    const diagnostics = resolveErrors(loaded({ permalink: '/posts/:year/' }));
    expect(diagnostics.map((d) => d.code)).toEqual(['ConfigInvalid']);
    expect(resolveConfig(loaded({ permalink: '/:year/:title/' })).permalink).toBe('/:year/:title/');
  });

  it.each([
    ['.', 'the project root'],
    ['content', 'the content folder'],
    ['public', 'the public folder'],
    ['templates', 'the templates folder'],
    ['..', 'the project root'],
    ['content/out', 'inside the content folder'],
  ])('refuses outDir %j', (outDir, why) => {
    const diagnostics = resolveErrors(loaded({ outDir }));
    expect(diagnostics.map((d) => d.code)).toEqual(['OutDirUnsafe']);
    expect(diagnostics[0]!.message).toContain(why);
  });

  it('refuses the file-system root as outDir, from the config or from a flag', () => {
    expect(resolveErrors(loaded({ outDir: path.parse(ROOT).root })).map((d) => d.code)).toEqual(['OutDirUnsafe']);
    expect(resolveErrors(loaded(), { outDir: path.parse(ROOT).root }).map((d) => d.code)).toEqual(['OutDirUnsafe']);
  });

  it('resolves an --out-dir flag against the working directory', () => {
    const cwd = path.resolve(path.sep, 'work');
    expect(resolveConfig(loaded(), { outDir: 'build' }, cwd).outDir).toBe(path.join(cwd, 'build'));
  });

  it('collects every problem before failing', () => {
    const diagnostics = resolveErrors(loaded({ timezone: 'Nowhere/Land', permalink: '/x/', outDir: '.' }));
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['ConfigInvalid', 'ConfigInvalid', 'OutDirUnsafe']);
  });
});
