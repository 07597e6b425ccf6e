import path from 'node:path';
import { Liquid } from 'liquidjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateDiagnostic } from '../../src/render/template-error.js';
import { remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

describe('templateDiagnostic', () => {
  let root: string;
  let liquid: Liquid;
  beforeAll(() => {
    root = tempDir();
    writeFiles(root, {
      'templates/syntax.liquid': '<p>\n{% if %}\n</p>\n',
      'templates/filter.liquid': '<p>\n  {{ x | nope }}\n</p>\n',
      'templates/include.liquid': '<p>x</p>\n{% include "partials/missing" %}\n',
    });
    liquid = new Liquid({ root: [path.join(root, 'templates')], extname: '.liquid', strictFilters: true });
  });
  afterAll(() => remove(root));

  const failure = async (name: string): Promise<unknown> => {
    try {
      await liquid.renderFile(name, { x: 1 });
    } catch (error) {
      return error;
    }
    throw new Error(`${name} was expected to fail`);
  };

  it('puts the template file, line and column in their fields, with a frame, and not in the message', async () => {
    for (const [name, line, column, words] of [
      ['syntax', 2, 6, 'invalid value expression'],
      ['filter', 2, 3, 'undefined filter: nope'],
      ['include', 2, 1, 'partials/missing'],
    ] as const) {
      const d = templateDiagnostic(await failure(name), name, '/posts/a/', root);
      expect(d).toMatchObject({ code: 'TemplateError', file: path.join('templates', `${name}.liquid`), line, column });
      expect(d.message).toContain(`template ${name}.liquid failed for /posts/a/: `);
      expect(d.message).toContain(words);
      expect(d.message).not.toMatch(/file:|line:\d/);
      expect(d.frame).toContain(`> ${line} |`);
      expect(d.hint).toBeTruthy();
    }
  });

  it('reports an error without a LiquidJS token by its message alone', () => {
    const d = templateDiagnostic(new Error('EISDIR: illegal operation on a directory, read'), 'post', '/posts/a/', root);
    expect(d).toMatchObject({ code: 'TemplateError', message: 'template post.liquid failed for /posts/a/: EISDIR: illegal operation on a directory, read' });
    expect(d.file).toBeUndefined();
  });
});
