import { describe, expect, it } from 'vitest';
import { diagnostic } from '../src/diagnostics.js';

describe('diagnostic code frames', () => {
  it('puts the caret under the column as a terminal shows the line: CJK characters are two columns wide', () => {
    const source = ['---', 'title: 旧文章', '---', '', '旧文章。{{< figure src="a.png" >}}', ''].join('\n');
    const { frame } = diagnostic('MigrationSyntax', 'a Hugo shortcode', { file: 'a.md', line: 5, column: 5, source });
    const lines = frame!.split('\n');
    const shown = lines.findIndex((l) => l.startsWith('>'));
    expect(lines[shown]).toBe('> 5 | 旧文章。{{< figure src="a.png" >}}');
    // "旧文章。" is 8 columns wide: the caret is in the 9th column after the gutter, under "{{".
    expect(lines[shown + 1]).toBe(`    | ${' '.repeat(8)}^`);
  });

  it('keeps tabs and plain text as @babel/code-frame lays them out', () => {
    const { frame } = diagnostic('BrokenLink', 'x', { file: 'a.md', line: 1, column: 3, source: '\tab' });
    expect(frame!.split('\n')[1]).toBe('    | \t ^');
  });
});
