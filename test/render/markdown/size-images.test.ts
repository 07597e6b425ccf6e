import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { imageSizeLookup } from '../../../src/render/markdown/size-images.js';
import { configJson, remove, tempDir, writeFiles } from '../../helpers/site-fixture.js';

const photo = readFileSync(new URL('../../fixtures/images/photo.jpg', import.meta.url)); // 64 × 48
const tall = readFileSync(new URL('../../fixtures/images/tall.png', import.meta.url)); // 30 × 90
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="120"><rect width="10" height="10"/></svg>';

function images(tree: Root): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const img of selectAll('.content img', tree)) {
    const { src, width, height, loading, decoding } = img.properties;
    out[String(img.properties['alt'])] = { src, width, height, loading, decoding };
  }
  return out;
}

describe('local images get their width and height, and load lazily', () => {
  let root: string;
  let out: string;
  const page = (rel: string) => fromHtml(readFileSync(path.join(out, rel), 'utf8'));

  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/' }),
      'content/posts/pics/index.md': [
        '---',
        'title: Pictures',
        'date: 2025-01-01',
        'image: photo.jpg',
        '---',
        '',
        '![jpeg](photo.jpg)',
        '',
        '![png](/images/tall.png)',
        '',
        '![svg](图/diagram.svg)',
        '',
        '![query](photo.jpg?v=2)',
        '',
        '![missing](gone.png)',
        '',
        '![external](https://cdn.example.com/x.png)',
        '',
      ].join('\n'),
      'content/posts/pics/photo.jpg': photo,
      'content/posts/pics/图/diagram.svg': SVG,
      'content/posts/cover/index.md': '---\ntitle: Cover\ndate: 2025-01-02\nimage: /images/tall.png\n---\n\nText.\n',
      'public/images/tall.png': tall,
    });
    await build({ root, outDir: out, now: new Date('2026-01-01T00:00:00Z') });
  });
  afterAll(() => remove(root));

  it('sizes bundle, public and percent-encoded paths; leaves missing and external images unsized', () => {
    expect(images(page('posts/pics/index.html'))).toEqual({
      jpeg: { src: '/blog/posts/pics/photo.jpg', width: 64, height: 48, loading: 'lazy', decoding: 'async' },
      png: { src: '/blog/images/tall.png', width: 30, height: 90, loading: 'lazy', decoding: 'async' },
      svg: { src: '/blog/posts/pics/%E5%9B%BE/diagram.svg', width: 640, height: 120, loading: 'lazy', decoding: 'async' },
      query: { src: '/blog/posts/pics/photo.jpg?v=2', width: 64, height: 48, loading: 'lazy', decoding: 'async' },
      missing: { src: '/blog/posts/pics/gone.png', width: undefined, height: undefined, loading: 'lazy', decoding: 'async' },
      external: { src: 'https://cdn.example.com/x.png', width: undefined, height: undefined, loading: 'lazy', decoding: 'async' },
    });
  });

  it('shows a front-matter cover with its size, eagerly, unless the text already shows that image', () => {
    const cover = select('img.post-cover', page('posts/cover/index.html'));
    expect(cover?.properties).toMatchObject({ src: '/blog/images/tall.png', width: 30, height: 90, alt: '' });
    expect(cover?.properties['loading']).toBeUndefined();
    expect(select('img.post-cover', page('posts/pics/index.html'))).toBeUndefined();
  });
});

describe('imageSizeLookup', () => {
  const sizes = new Map([
    ['posts/a/图.png', { width: 1, height: 2 }],
    ['x.svg', { width: 3, height: 4 }],
  ]);

  it('finds a file by its href under the base path, decoded, without query or fragment', () => {
    const lookup = imageSizeLookup(sizes, '/blog/');
    expect(lookup('/blog/posts/a/%E5%9B%BE.png')).toEqual({ width: 1, height: 2 });
    expect(lookup('/blog/x.svg?v=1#top')).toEqual({ width: 3, height: 4 });
    expect(lookup('/x.svg')).toBeUndefined();
    expect(lookup('https://example.org/blog/x.svg')).toBeUndefined();
    expect(lookup('/blog/%E0%A4%A.png')).toBeUndefined();
    expect(imageSizeLookup(sizes, '/')('/x.svg')).toEqual({ width: 3, height: 4 });
  });
});
