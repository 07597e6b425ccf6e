import { describe, expect, it } from 'vitest';
import { diffMarks, stripNotation } from '../../../src/render/code/notation.js';

const marksOf = (m: ReadonlyMap<number, ReadonlySet<string>>) => Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]));

describe('stripNotation', () => {
  it('removes [!code ++/--/hl] comments in several comment styles and marks their lines', () => {
    const result = stripNotation(['const a = 1 // [!code --]', 'const a = 2 // [!code ++]', 'x = 3  # [!code hl]', 'SELECT 1; -- [!code highlight]', '<p>x</p> <!-- [!code ++] -->', 'int y; /* [!code --] */'].join('\n'));
    expect(result.code).toBe(['const a = 1', 'const a = 2', 'x = 3', 'SELECT 1;', '<p>x</p>', 'int y;'].join('\n'));
    expect(marksOf(result.marks)).toEqual({ 0: ['remove'], 1: ['add'], 2: ['highlight'], 3: ['highlight'], 4: ['add'], 5: ['remove'] });
  });

  it('moves the mark of a comment-only line to the next line and drops the comment line', () => {
    const result = stripNotation('a()\n// [!code ++]\nb()\nc()');
    expect(result.code).toBe('a()\nb()\nc()');
    expect(marksOf(result.marks)).toEqual({ 1: ['add'] });
  });

  it('leaves code without notation untouched, including look-alikes mid-line', () => {
    const code = 'const s = "[!code ++] in a string";\nx // [!code nope]';
    expect(stripNotation(code)).toEqual({ code, marks: new Map() });
  });
});

describe('diffMarks', () => {
  it('marks +/- lines but not the +++/--- file headers', () => {
    expect(marksOf(diffMarks('--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same'))).toEqual({ 3: ['remove'], 4: ['add'] });
  });
});
