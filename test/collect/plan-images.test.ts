import { describe, expect, it } from 'vitest';
import { planImages } from '../../src/collect/plan-images.js';
import type { ImageDimensions } from '../../src/discover/read-image-sizes.js';

const OPTIONS = { widths: [960, 480, 1600], formats: ['webp'] as Array<'webp' | 'avif'>, quality: 80, feedWidth: 960, sizes: '100vw' };
const copy = (outputPath: string) => ({ from: `/src/${outputPath}`, outputPath });

function plan(files: Record<string, ImageDimensions>, options: Parameters<typeof planImages>[2] = OPTIONS) {
  const copies = Object.keys(files).map(copy);
  return planImages(copies, new Map(Object.entries(files)), options);
}

describe('planImages', () => {
  it('copies a large image at each width below its own, plus one in its own format at feedWidth, beside it', () => {
    const { jobs, sizes } = plan({ 'posts/a/shot.png': { width: 2880, height: 1800 } });
    expect(jobs.map((j) => [j.outputPath, j.width, j.format])).toEqual([
      ['posts/a/shot.480w.webp', 480, 'webp'],
      ['posts/a/shot.960w.webp', 960, 'webp'],
      ['posts/a/shot.1600w.webp', 1600, 'webp'],
      ['posts/a/shot.960w.png', 960, 'png'],
    ]);
    expect(jobs.every((j) => j.from === '/src/posts/a/shot.png' && j.quality === 80)).toBe(true);
    expect(sizes.get('posts/a/shot.png')?.responsive).toEqual({
      sources: [{ type: 'image/webp', files: [{ name: 'shot.480w.webp', width: 480 }, { name: 'shot.960w.webp', width: 960 }, { name: 'shot.1600w.webp', width: 1600 }] }],
      fallback: { name: 'shot.960w.png', width: 960, height: 600 },
      sizes: '100vw',
    });
  });

  it('never enlarges: a 700 px JPEG gets 480 and its own width, and is its own fallback', () => {
    const { jobs, sizes } = plan({ 'photo.JPG': { width: 700, height: 350 } });
    expect(jobs.map((j) => j.outputPath)).toEqual(['photo.480w.webp', 'photo.700w.webp']);
    expect(sizes.get('photo.JPG')?.responsive?.fallback).toEqual({ name: 'photo.JPG', width: 700, height: 350 });
  });

  it('keeps the extension of a JPEG fallback, and puts AVIF first when asked', () => {
    const { jobs, sizes } = plan({ 'p.jpeg': { width: 1000, height: 500 } }, { ...OPTIONS, formats: ['avif', 'webp'] });
    expect(jobs.map((j) => j.outputPath)).toEqual(['p.480w.avif', 'p.960w.avif', 'p.1000w.avif', 'p.480w.webp', 'p.960w.webp', 'p.1000w.webp', 'p.960w.jpeg']);
    expect(sizes.get('p.jpeg')?.responsive?.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
  });

  it('leaves small, animated, SVG and GIF images alone, and everything when images is false', () => {
    const files = { 'small.png': { width: 480, height: 100 }, 'anim.webp': { width: 2000, height: 1000, animated: true as const }, 'd.svg': { width: 3000, height: 100 }, 'a.gif': { width: 3000, height: 100 } };
    expect(plan(files).jobs).toEqual([]);
    expect(plan({ 'big.png': { width: 3000, height: 100 } }, false).jobs).toEqual([]);
    expect(plan({ 'big.png': { width: 3000, height: 100 } }, false).sizes.get('big.png')?.responsive).toBeUndefined();
  });

  it('skips an image when a name it needs is already a file of the site, or another image took it', () => {
    const { jobs, sizes } = plan({ 'x.png': { width: 2000, height: 1000 }, 'x.480w.webp': { width: 10, height: 10 }, 'y.jpg': { width: 2000, height: 1000 }, 'y.png': { width: 2000, height: 1000 } });
    expect(sizes.get('x.png')?.responsive).toBeUndefined();
    expect(jobs.some((j) => j.from === '/src/x.png')).toBe(false);
    // y.jpg comes first and gets y.480w.webp; y.png would need it too.
    expect(sizes.get('y.jpg')?.responsive).toBeDefined();
    expect(sizes.get('y.png')?.responsive).toBeUndefined();
  });
});
