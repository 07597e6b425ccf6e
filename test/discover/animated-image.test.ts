import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isAnimated } from '../../src/discover/animated-image.js';

const frame = (background: string) => sharp({ create: { width: 8, height: 8, channels: 3, background } }).png().toBuffer();

describe('isAnimated', () => {
  it('tells an animated WebP (two frames joined by sharp) from a still WebP and a PNG', async () => {
    const animated = await sharp([await frame('red'), await frame('blue')], { join: { animated: true } }).webp({ loop: 0 }).toBuffer();
    expect((await sharp(animated, { pages: -1 }).metadata()).pages).toBe(2);
    expect(isAnimated(animated)).toBe(true);
    expect(isAnimated(await sharp(await frame('red')).webp().toBuffer())).toBe(false);
    expect(isAnimated(await frame('red'))).toBe(false);
    expect(isAnimated(new Uint8Array([0x89, 0x50]))).toBe(false);
  });
});
