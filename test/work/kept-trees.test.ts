import { describe, expect, it } from 'vitest';
import { compactTree } from '../../src/load/compact-tree.js';
import { createMarkdownProcessor } from '../../src/render/markdown/create-processor.js';
import { keptTrees } from '../../src/work/kept-trees.js';

const processor = createMarkdownProcessor({ remarkPlugins: [], rehypePlugins: [], footnoteLabel: 'Footnotes', footnoteBackLabel: 'Back' });
const markdown = [
  '# 标题 Heading',
  '',
  '远程办公的团队更依赖书面沟通 — with *emphasis*, `code`, a [link](https://example.org/ "t") and 😀.',
  '',
  '| a | b |',
  '|:--|--:|',
  '| 1 | 2 |',
  '',
  '- [x] done',
  '- item[^1]',
  '',
  '[^1]: A footnote.',
  '',
  '```ts title="a.ts" {1}',
  'const x: number = 1;',
  '```',
  '',
].join('\n');

describe('keptTrees', () => {
  it('gives back the compacted tree it was given, once', () => {
    const trees = keptTrees();
    trees.keep('posts/a.md', processor.parse(markdown));
    const taken = trees.take('posts/a.md');
    expect(taken).toEqual(compactTree(processor.parse(markdown)));
    // positions that diagnostics read are still there
    expect(taken?.children.find((n) => n.type === 'code')?.position?.start.line).toBe(14);
    expect(trees.take('posts/a.md')).toBeUndefined();
  });

  it('keeps a tree that cannot be serialized as it is', () => {
    const trees = keptTrees();
    const tree = processor.parse('text');
    const format = () => 'from a plugin';
    (tree as { data?: unknown }).data = { format };
    trees.keep('a', tree);
    expect((trees.take('a') as { data?: { format?: unknown } }).data?.format).toBe(format);
  });

  it('keeps trees apart by key and forgets them on clear', () => {
    const trees = keptTrees();
    trees.keep('a', processor.parse('one'));
    trees.keep('b', processor.parse('two'));
    expect(JSON.stringify(trees.take('b'))).toContain('"two"');
    trees.clear();
    expect(trees.take('a')).toBeUndefined();
  });
});
