import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { QuireError, type Diagnostic } from '../../src/diagnostics.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const NOW = new Date('2026-11-23T00:00:00Z');
const BILINGUAL = configJson({ languages: { en: {} } });

let root: string | undefined;
afterEach(() => {
  if (root) remove(root);
  root = undefined;
});

/** Build a site of these files; every diagnostic, errors and warnings. */
async function diagnosticsOf(files: Record<string, string>, config = BILINGUAL): Promise<readonly Diagnostic[]> {
  root = tempDir('quire-translations-');
  writeFiles(root, { 'quire.config.json': config, ...files });
  try {
    return (await build({ root, outDir: path.join(root, 'dist'), now: NOW })).diagnostics;
  } catch (error) {
    if (error instanceof QuireError) return error.diagnostics;
    throw error;
  }
}

describe('translations: the problems quire reports', () => {
  it('two translations of one language for one key: an error at the second’s translationKey, naming both files with their lines', async () => {
    const found = await diagnosticsOf({
      'content/posts/hello.md': '---\ntitle: 你好\ndate: 2025-01-01\ntranslationKey: hello\n---\n正文。\n',
      'content/posts/hello-en.md': '---\ntitle: Hello\ndate: 2025-01-02\nlang: en\ntranslationKey: hello\n---\nText.\n',
      'content/posts/hello-en-2.md': '---\ntitle: Hello again\ndate: 2025-01-03\nlang: en\n\ntranslationKey: hello\n---\nText.\n',
    });
    const errors = found.filter((d) => d.code === 'TranslationConflict');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ severity: 'error', file: 'content/posts/hello-en.md', line: 5, column: 17 });
    expect(errors[0]!.message).toBe('content/posts/hello-en.md:5 and content/posts/hello-en-2.md:6 are both the en version of translationKey "hello"');
    expect(errors[0]!.hint).toContain('`translationKey`');
  });

  it('a translation whose original is missing: a warning at its translationKey, with a did-you-mean', async () => {
    const found = await diagnosticsOf({
      'content/posts/hello.md': '---\ntitle: 你好\ndate: 2025-01-01\ntranslationKey: hello-world\n---\n正文。\n',
      'content/posts/hello-en.md': '---\ntitle: Hello\ndate: 2025-01-02\nlang: en\ntranslationKey: hello-wrold\n---\nText.\n',
    });
    expect(found.map((d) => [d.code, d.severity, d.file, d.line])).toEqual([['TranslationWithoutOriginal', 'warning', 'content/posts/hello-en.md', 5]]);
    expect(found[0]!.message).toBe('content/posts/hello-en.md is the en translation of "hello-wrold", but no zh-CN post or page has `translationKey: hello-wrold`');
    expect(found[0]!.hint).toBe('did you mean "hello-world"?');
  });

  it('a file named about.en.md beside about.md: an error saying to use translationKey', async () => {
    const found = await diagnosticsOf({
      'content/pages/about.md': '---\ntitle: 关于\n---\n关于。\n',
      'content/pages/about.en.md': '---\ntitle: About\n---\nAbout.\n',
    });
    const errors = found.filter((d) => d.code === 'TranslationFileName');
    expect(errors.map((d) => [d.severity, d.file, d.line])).toEqual([['error', 'content/pages/about.en.md', 1]]);
    expect(errors[0]!.hint).toContain('`translationKey:`');
    expect(errors[0]!.hint).toContain('about-en.md');
  });

  it('a name with a dot that is no language (node.js.md) is a post like any other', async () => {
    const found = await diagnosticsOf({ 'content/posts/node.js.md': '---\ntitle: Node\ndate: 2025-01-01\n---\nText.\n' });
    expect(found).toEqual([]);
  });

  it('`languages` naming the default language, or two languages on one prefix, is a config error', async () => {
    const same = await diagnosticsOf({}, configJson({ languages: { 'zh-CN': {} } }));
    expect(same.map((d) => [d.code, d.message])).toEqual([['ConfigInvalid', '`languages`: "zh-CN" is the site\'s own `language`']]);
    remove(root!);
    const clash = await diagnosticsOf({}, configJson({ languages: { en: { prefix: '/intl/' }, fr: { prefix: '/intl/' } } }));
    expect(clash.map((d) => [d.code, d.message])).toEqual([['ConfigInvalid', '`languages`: "fr" and "en" both have the prefix /intl/']]);
  });

  it('without `languages`, a post with `lang: en` stays where it was and in the site’s lists', async () => {
    root = tempDir('quire-translations-');
    writeFiles(root, { 'quire.config.json': configJson(), 'content/posts/hello.md': '---\ntitle: Hello\ndate: 2025-01-01\nlang: en\ntranslationKey: hello\n---\nText.\n' });
    const result = await build({ root, outDir: path.join(root, 'dist'), now: NOW });
    expect(result.diagnostics).toEqual([]);
    expect(readFileSync(path.join(root, 'dist/index.html'), 'utf8')).toContain('href="/posts/hello/"');
  });
});
