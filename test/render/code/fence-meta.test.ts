import { describe, expect, it } from 'vitest';
import { parseFenceMeta } from '../../../src/render/code/fence-meta.js';

describe('parseFenceMeta', () => {
  it('reads line ranges, a quoted title and line numbers', () => {
    const meta = parseFenceMeta('{1,3-5} title="pkg/loader.go" showLineNumbers');
    expect([...meta.highlight].sort((a, b) => a - b)).toEqual([1, 3, 4, 5]);
    expect(meta.title).toBe('pkg/loader.go');
    expect(meta.lineNumbers).toBe(true);
    expect(meta.startLine).toBe(1);
  });

  it('reads a title with spaces and CJK in single quotes, and a start line', () => {
    const meta = parseFenceMeta("title='配置 文件.yaml' showLineNumbers{12}");
    expect(meta.title).toBe('配置 文件.yaml');
    expect(meta.startLine).toBe(12);
  });

  it('turns line numbers off, and leaves them to the site when not said', () => {
    expect(parseFenceMeta('noLineNumbers').lineNumbers).toBe(false);
    expect(parseFenceMeta('showLineNumbers=false').lineNumbers).toBe(false);
    expect(parseFenceMeta('').lineNumbers).toBeUndefined();
    expect(parseFenceMeta(undefined).highlight.size).toBe(0);
  });

  it('ignores garbage and bounds huge ranges', () => {
    const meta = parseFenceMeta('{x,2-1,7} {1-999999999} what=ever');
    expect(meta.highlight.has(7)).toBe(true);
    expect(meta.highlight.size).toBeLessThanOrEqual(100_002);
  });
});
