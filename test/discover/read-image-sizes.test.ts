import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageSizes } from '../../src/discover/read-image-sizes.js';
import { remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const fixtures = fileURLToPath(new URL('../fixtures/images/', import.meta.url));
const photo = readFileSync(path.join(fixtures, 'photo.jpg')); // 64 × 48 JPEG
const tall = readFileSync(path.join(fixtures, 'tall.png')); // 30 × 90 PNG

/** A JPEG segment: marker, big-endian length (counting itself), data. */
function segment(marker: number, data: Uint8Array): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

/** The photo with segments inserted right after its start-of-image marker. */
function photoWith(...segments: Buffer[]): Buffer {
  return Buffer.concat([photo.subarray(0, 2), ...segments, photo.subarray(2)]);
}

/** EXIF (big-endian TIFF) with one tag: Orientation = `value`. */
function exifOrientation(value: number): Buffer {
  const tiff = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, value, 0, 0, 0, 0, 0, 0]);
  return segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]));
}

describe('readImageSizes', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFiles(dir, {
      'photo.jpg': photo,
      'tall.png': tall,
      // Two 64 KB comment segments first: the size is past the head quire reads at first.
      'late-size.jpg': photoWith(segment(0xfe, Buffer.alloc(65_000, 0x20)), segment(0xfe, Buffer.alloc(65_000, 0x20))),
      // EXIF orientation 6 (turned a quarter): shown 48 wide and 64 high.
      'rotated.jpg': photoWith(exifOrientation(6)),
      'upright.jpg': photoWith(exifOrientation(1)),
      'sized.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="120"><rect width="10" height="10"/></svg>',
      'viewbox.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"><rect width="10" height="10"/></svg>',
      'broken.png': 'this is not a PNG',
      'empty.gif': '',
      'notes.txt': 'not an image at all',
    });
  });
  afterAll(() => remove(dir));

  it('measures real PNG, JPEG and SVG files by their output path', async () => {
    const names = ['photo.jpg', 'tall.png', 'late-size.jpg', 'rotated.jpg', 'upright.jpg', 'sized.svg', 'viewbox.svg', 'broken.png', 'empty.gif', 'notes.txt'];
    const sizes = await readImageSizes(names.map((name) => ({ from: path.join(dir, name), outputPath: `posts/x/${name}` })));
    expect(Object.fromEntries(sizes)).toEqual({
      'posts/x/photo.jpg': { width: 64, height: 48 },
      'posts/x/tall.png': { width: 30, height: 90 },
      'posts/x/late-size.jpg': { width: 64, height: 48 },
      'posts/x/rotated.jpg': { width: 48, height: 64 },
      'posts/x/upright.jpg': { width: 64, height: 48 },
      'posts/x/sized.svg': { width: 640, height: 120 },
      'posts/x/viewbox.svg': { width: 300, height: 150 },
    });
  });

  it('leaves out a file that has gone missing instead of failing', async () => {
    const sizes = await readImageSizes([{ from: path.join(dir, 'gone.png'), outputPath: 'gone.png' }]);
    expect(sizes.size).toBe(0);
  });
});
