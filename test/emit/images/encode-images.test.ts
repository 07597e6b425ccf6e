import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageJob } from '../../../src/collect/plan-images.js';
import { encodeImages } from '../../../src/emit/images/encode-images.js';
import { plainPng } from '../../helpers/screenshot-png.js';
import { remove, tempDir } from '../../helpers/site-fixture.js';

let dirs: string[] = [];
afterEach(() => {
  dirs.forEach(remove);
  dirs = [];
});

function project() {
  const root = tempDir();
  dirs.push(root);
  return { root, cacheDir: path.join(root, '.quire-cache') };
}

const job = (from: string, width: number, format: ImageJob['format'] = 'webp'): ImageJob => ({ from, outputPath: `a.${width}w.${format}`, width, format, quality: 80 });

describe('encodeImages', () => {
  it('encodes once; the next run with the same bytes and options takes the copies from the cache, a changed image is encoded again', async () => {
    const { root, cacheDir } = project();
    const source = path.join(root, 'a.png');
    writeFileSync(source, await plainPng(1200, 600));
    const calls: string[] = [];
    const encoder = async () => ({ version: 'test 1', encode: async (_input: Uint8Array, j: ImageJob) => (calls.push(j.outputPath), new TextEncoder().encode(`${j.width} ${j.format}`)) });
    const jobs = [job(source, 480), job(source, 960)];
    const first = await encodeImages(jobs, { root, cacheDir, encoder });
    expect(first).toMatchObject({ encoded: 2, cached: 0, diagnostics: [] });
    expect(calls).toEqual(['a.480w.webp', 'a.960w.webp']);
    const second = await encodeImages(jobs, { root, cacheDir, encoder });
    expect(second).toMatchObject({ encoded: 0, cached: 2 });
    expect(calls).toHaveLength(2);
    expect(second.files.map((f) => [f.outputPath, new TextDecoder().decode(f.contents as Uint8Array)])).toEqual([
      ['a.480w.webp', '480 webp'],
      ['a.960w.webp', '960 webp'],
    ]);
    // Another quality is another copy; so are other bytes.
    await encodeImages([{ ...job(source, 480), quality: 50 }], { root, cacheDir, encoder });
    writeFileSync(source, await plainPng(1200, 601));
    await encodeImages(jobs, { root, cacheDir, encoder });
    expect(calls).toHaveLength(5);
    // Without a cache folder, nothing is kept.
    expect((await encodeImages(jobs, { root, cacheDir: undefined, encoder })).encoded).toBe(2);
  });

  it('encodes with sharp: the right width and format, never wider than the original', async () => {
    const { root, cacheDir } = project();
    const source = path.join(root, 'a.png');
    writeFileSync(source, await plainPng(700, 350));
    const result = await encodeImages([job(source, 480), job(source, 1600), job(source, 480, 'png'), job(source, 480, 'avif')], { root, cacheDir });
    expect(result.diagnostics).toEqual([]);
    const sizes = Object.fromEntries(result.files.map((f) => [f.outputPath, imageSize(f.contents as Uint8Array)]));
    expect(sizes['a.480w.webp']).toMatchObject({ width: 480, height: 240, type: 'webp' });
    expect(sizes['a.1600w.webp']).toMatchObject({ width: 700, height: 350, type: 'webp' });
    expect(sizes['a.480w.png']).toMatchObject({ width: 480, height: 240, type: 'png' });
    expect(sizes['a.480w.avif']).toMatchObject({ width: 480, height: 240 });
  });

  it('an image sharp cannot decode is one warning naming it, and its copies are its own bytes', async () => {
    const { root, cacheDir } = project();
    const source = path.join(root, 'content', 'broken.png');
    mkdirSync(path.dirname(source));
    const whole = await plainPng(1200, 600);
    writeFileSync(source, whole.subarray(0, 60));
    const result = await encodeImages([job(source, 480), job(source, 960)], { root, cacheDir });
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'ImageEncode', severity: 'warning', file: 'content/broken.png' });
    expect(result.diagnostics[0]!.message).toMatch(/^cannot make smaller copies of this image \(.+\); it is served at its full size$/);
    expect(result.diagnostics[0]!.hint).toContain('images: false');
    expect(result.files.map((f) => Buffer.from(f.contents as Uint8Array).equals(whole.subarray(0, 60)))).toEqual([true, true]);
  });

  it('a link planted in the cache under a copy\'s name is not read through, and is replaced, not written through', async () => {
    const { root, cacheDir } = project();
    const source = path.join(root, 'a.png');
    writeFileSync(source, await plainPng(1200, 600));
    const encoder = async () => ({ version: 'test 1', encode: async () => new TextEncoder().encode('encoded') });
    await encodeImages([job(source, 480)], { root, cacheDir, encoder });
    const [name] = readdirSync(path.join(cacheDir, 'images'));
    const secret = path.join(root, 'secret.txt');
    writeFileSync(secret, 'secret');
    remove(path.join(cacheDir, 'images', name!));
    symlinkSync(secret, path.join(cacheDir, 'images', name!));
    const result = await encodeImages([job(source, 480)], { root, cacheDir, encoder });
    expect(result).toMatchObject({ encoded: 1, cached: 0 });
    expect(new TextDecoder().decode(result.files[0]!.contents as Uint8Array)).toBe('encoded');
    expect(readFileSync(secret, 'utf8')).toBe('secret');
    expect(existsSync(path.join(cacheDir, 'images', name!))).toBe(true);
  });
});
