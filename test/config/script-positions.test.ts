import { describe, expect, it } from 'vitest';
import { scriptPositions } from '../../src/config/script-positions.js';

/** The position of `path` in `text`, as `line:column`. */
function at(text: string, path: readonly PropertyKey[], where: 'key' | 'value' = 'key', typescript = true): string | undefined {
  const position = scriptPositions(text, typescript)?.(path, where);
  return position && `${position.line}:${position.column}`;
}

describe('scriptPositions', () => {
  const config = [
    "import { defineConfig } from 'quire-ssg';",
    '',
    'export default defineConfig({',
    "  title: 'Half Full',",
    "  'feed': { limit: 20, content: 'full' },",
    '  markdown: { rehypePlugins: [first, second] },',
    '});',
  ].join('\n');

  it('follows defineConfig and object literals to a key, or to its value', () => {
    expect(at(config, ['title'])).toBe('4:3');
    expect(at(config, ['title'], 'value')).toBe('4:10');
    expect(at(config, ['feed', 'content'])).toBe('5:24');
    expect(at(config, ['feed', 'content'], 'value')).toBe('5:33');
  });

  it('follows array literals by index', () => {
    expect(at(config, ['markdown', 'rehypePlugins', 1], 'value')).toBe('6:38');
  });

  it('gives the closest enclosing place for a key the text does not have', () => {
    expect(at(config, ['feed', 'limt'])).toBe('5:3');
    expect(at(config, ['nothing'])).toBe('3:29');
  });

  it('follows satisfies, as, parentheses and a top-level const the export names', () => {
    const text = ['const base = { paginate: 5 };', 'export const config = ({ ...base, title: "x" } as const) satisfies object;', 'export default config;'].join('\n');
    expect(at(text, ['title'])).toBe('2:35');
  });

  it('takes the last property of a name, and none that a later spread may override', () => {
    expect(at('export default { title: "a", title: "b" };', ['title'])).toBe('1:30');
    expect(at('export default { title: "a", ...more };', ['title'])).toBe('1:16');
    expect(at('export default { ...more, title: "a" };', ['title'])).toBe('1:27');
    expect(at('export default { ["title"]: "a" };', ['title'])).toBe('1:16');
    expect(at('export default { title: "a", ["title"]: 5 };', ['title'])).toBe('1:16');
  });

  it('reads module.exports in a CommonJS file', () => {
    expect(at('module.exports = {\n  paginate: "five",\n};\n', ['paginate'], 'value', false)).toBe('2:13');
    expect(at('module.exports = { title: "a" };\nmodule.exports = { titel: 1 };\n', ['titel'], 'key', false)).toBe('2:20');
  });

  it('gives nothing for text that does not parse, or an export that is not an object', () => {
    expect(at('export default {{{', ['title'])).toBeUndefined();
    expect(at('export default makeConfig(a, b);', ['title'])).toBe('1:16');
    expect(at('const x = 1;', ['title'])).toBeUndefined();
  });
});
