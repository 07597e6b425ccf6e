import { describe, expect, it } from 'vitest';
import { heapGrowingPercent } from '../../src/work/heap-sizing.js';

describe('heapGrowingPercent', () => {
  it('keeps the heaps of a site under 1500 sources within twice what is live, and leaves larger sites to V8', () => {
    expect(heapGrowingPercent(1, [])).toBe(100);
    expect(heapGrowingPercent(1499, ['--enable-source-maps'])).toBe(100);
    expect(heapGrowingPercent(1500, [])).toBeUndefined();
    expect(heapGrowingPercent(4000, [])).toBeUndefined();
  });

  it('leaves a setting of the user’s own as it is, in either spelling', () => {
    expect(heapGrowingPercent(10, ['--heap-growing-percent=25'])).toBeUndefined();
    expect(heapGrowingPercent(10, ['--heap_growing_percent=0'])).toBeUndefined();
    expect(heapGrowingPercent(10, ['--heap-growing-percent', '50'])).toBeUndefined();
    expect(heapGrowingPercent(10, ['--heap-growing-percentage=1'])).toBe(100);
  });
});
