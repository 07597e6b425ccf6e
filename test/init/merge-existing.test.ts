import { describe, expect, it } from 'vitest';
import { mergeGitignore, mergePackageJson } from '../../src/init/merge-existing.js';

const wish = { name: 'blog', scripts: { build: 'quire build' }, devDependencies: { quire: '^1.0.0' } };

describe('mergePackageJson', () => {
  it('adds what is missing and leaves the text alone when nothing is', () => {
    const merged = mergePackageJson('{\n\t"name": "x"\n}\n', wish);
    expect(merged.added).toEqual(['scripts.build', 'devDependencies.quire']);
    expect(merged.text).toBe('{\n\t"name": "x",\n\t"scripts": {\n\t\t"build": "quire build"\n\t},\n\t"devDependencies": {\n\t\t"quire": "^1.0.0"\n\t}\n}\n');
    const again = mergePackageJson(merged.text, wish);
    expect(again).toEqual({ text: merged.text, added: [], kept: [] });
  });

  it('counts quire in dependencies as present', () => {
    expect(mergePackageJson('{"dependencies":{"quire":"git+https://example.org/quire.git"},"scripts":{"build":"quire build"}}', wish).added).toEqual([]);
  });

  it('throws on text that is not a JSON object', () => {
    expect(() => mergePackageJson('[1]', wish)).toThrow('not a JSON object');
    expect(() => mergePackageJson('{', wish)).toThrow(SyntaxError);
  });
});

describe('mergeGitignore', () => {
  const wanted = '# ignored\nnode_modules/\ndist/\n';
  it('appends only the missing lines, whatever the slashes', () => {
    expect(mergeGitignore('/node_modules\n', wanted)).toMatchObject({ text: '/node_modules\n\n# quire\ndist/\n', added: ['dist/'] });
    expect(mergeGitignore('dist\nnode_modules', wanted)).toMatchObject({ text: 'dist\nnode_modules', added: [] });
    expect(mergeGitignore('', wanted).text).toBe('# quire\nnode_modules/\ndist/\n');
  });
});
