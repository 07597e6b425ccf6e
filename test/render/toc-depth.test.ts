import { describe, expect, it } from 'vitest';
import type { TocItem } from '../../src/render/markdown/heading-ids.js';
import { tocToDepth } from '../../src/render/toc-depth.js';

const item = (depth: number, text: string, children: TocItem[] = []): TocItem => ({ depth, id: text, text, children });
const OUTLINE = [item(2, 'a', [item(3, 'a1', [item(4, 'a1x')])]), item(2, 'b')];
const texts = (items: readonly TocItem[]): string[] => items.flatMap((i) => [i.text, ...texts(i.children)]);

describe('tocToDepth', () => {
  it('cuts the outline to the site depth unless the entry sets its own', () => {
    expect(texts(tocToDepth(OUTLINE, undefined, 4))).toEqual(['a', 'a1', 'a1x', 'b']);
    expect(texts(tocToDepth(OUTLINE, undefined, 3))).toEqual(['a', 'a1', 'b']);
    expect(texts(tocToDepth(OUTLINE, true, 2))).toEqual(['a', 'b']);
    expect(texts(tocToDepth(OUTLINE, 4, 2))).toEqual(['a', 'a1', 'a1x', 'b']);
  });

  it('shows none for `toc: false` or a site depth of false', () => {
    expect(tocToDepth(OUTLINE, false, 4)).toEqual([]);
    expect(tocToDepth(OUTLINE, undefined, false)).toEqual([]);
    expect(texts(tocToDepth(OUTLINE, 3, false))).toEqual(['a', 'a1', 'b']);
  });
});
