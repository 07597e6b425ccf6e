import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { imageSize } from 'image-size';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../../src/build.js';
import { parseLikeFluentReader, parseWithFeedparser } from '../../helpers/feed-readers.js';
import { vnuErrors } from '../../helpers/nu-checker.js';
import { plainPng, screenshotPng } from '../../helpers/screenshot-png.js';
import { configJson, remove, tempDir, writeFiles } from '../../helpers/site-fixture.js';

/** A PNG with an `acTL` chunk after its header: what makes it an animated PNG. */
function withAnimationChunk(png: Uint8Array): Uint8Array {
  const data = Buffer.from([0, 0, 0, 2, 0, 0, 0, 0]);
  const type = Buffer.from('acTL');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + data.length);
  const afterHeader = 8 + 25; // signature + IHDR (13 bytes of data)
  return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)]);
}

const POST = ['---', 'title: Shots', 'date: 2025-01-01', '---', '', '![The editor](shot.png)', '', '![small](small.png)', '', '![moving](moving.png)', '', '![](/images/wide.png)', '', '[![linked](shot.png)](https://example.com/)', ''].join('\n');
const NOW = new Date('2026-01-01T00:00:00Z');

describe('responsive images', () => {
  let root: string;
  let out: string;
  let shot: Uint8Array;
  let first: BuildResult;
  const page = () => fromHtml(readFileSync(path.join(out, 'posts/shots/index.html'), 'utf8'));
  const cacheFiles = () => Object.fromEntries(readdirSync(path.join(root, '.quire-cache/images')).map((name) => [name, statSync(path.join(root, '.quire-cache/images', name)).mtimeMs]));

  beforeAll(async () => {
    root = tempDir();
    out = path.join(root, 'dist');
    shot = await screenshotPng();
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/', language: 'en' }),
      'content/posts/shots/index.md': POST,
      'content/posts/shots/shot.png': shot,
      'content/posts/shots/small.png': await plainPng(400, 300),
      'content/posts/shots/moving.png': withAnimationChunk(await plainPng(1200, 800)),
      'public/images/wide.png': await plainPng(1200, 600),
      'content/posts/cover/index.md': '---\ntitle: Cover\ndate: 2025-01-02\nimage: /images/wide.png\n---\n\nText.\n',
      'content/posts/cover-shown/index.md': '---\ntitle: Cover shown\ndate: 2025-01-03\nimage: /images/wide.png\n---\n\n![Wide](/images/wide.png)\n',
      'content/posts/figure/index.md': '---\ntitle: Figure\ndate: 2025-01-04\n---\n\n![Wide view](/images/wide.png "图 1：宽图")\n',
    });
    first = await build({ root, outDir: out, now: NOW });
  }, 120_000);
  afterAll(() => remove(root));

  it('the test screenshot is a real 4 MB PNG', () => {
    expect(shot.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(imageSize(shot)).toMatchObject({ width: 2880, height: 1800, type: 'png' });
  });

  it('serves a large image as a <picture> of WebP copies, the <img> a copy in its own format, linked to the original', () => {
    const link = select('.content a.image-full', page())!;
    expect(link.properties['href']).toBe('/blog/posts/shots/shot.png');
    const source = select('picture > source', link)!;
    expect(source.properties['type']).toBe('image/webp');
    expect(source.properties['srcSet']).toBe('/blog/posts/shots/shot.480w.webp 480w, /blog/posts/shots/shot.960w.webp 960w, /blog/posts/shots/shot.1600w.webp 1600w');
    expect(source.properties['sizes']).toBe('(max-width: 42rem) calc(100vw - 2rem), 40rem');
    const img = select('picture > img', link)!;
    expect(img.properties).toMatchObject({ src: '/blog/posts/shots/shot.960w.png', alt: 'The editor', width: 960, height: 600, loading: 'lazy', decoding: 'async' });
  });

  it('writes each copy at its width, never larger than the original, and keeps the original byte for byte', () => {
    for (const [name, width, type] of [['shot.480w.webp', 480, 'webp'], ['shot.960w.webp', 960, 'webp'], ['shot.1600w.webp', 1600, 'webp'], ['shot.960w.png', 960, 'png']] as const) {
      const bytes = readFileSync(path.join(out, 'posts/shots', name));
      expect(imageSize(bytes), name).toMatchObject({ width, height: (width * 1800) / 2880, type });
      expect(bytes.length, name).toBeLessThan(shot.length / 4);
    }
    expect(readFileSync(path.join(out, 'posts/shots/shot.png')).equals(Buffer.from(shot))).toBe(true);
    // public/images/wide.png is 1200 wide: copies at 480 and 960, and one at its own width (below 1600), none larger.
    expect(readdirSync(path.join(out, 'images')).sort()).toEqual(['wide.1200w.webp', 'wide.480w.webp', 'wide.960w.png', 'wide.960w.webp', 'wide.png']);
    expect(imageSize(readFileSync(path.join(out, 'images/wide.1200w.webp')))).toMatchObject({ width: 1200, height: 600 });
  });

  it('leaves small and animated images as they are; an image in a link gets no second link; no alt, no link', () => {
    const tree = page();
    const plain = (alt: string) => selectAll('.content img', tree).find((img) => img.properties['alt'] === alt)!;
    expect(plain('small').properties).toMatchObject({ src: '/blog/posts/shots/small.png', width: 400, height: 300 });
    expect(plain('moving').properties).toMatchObject({ src: '/blog/posts/shots/moving.png', width: 1200, height: 800 });
    for (const alt of ['small', 'moving']) expect(selectAll('picture img', tree).some((img) => img.properties['alt'] === alt)).toBe(false);
    expect(readdirSync(path.join(out, 'posts/shots')).filter((name) => name.startsWith('small.') || name.startsWith('moving.'))).toEqual(['moving.png', 'small.png']);
    const linked = selectAll('.content a', tree).find((a) => a.properties['href'] === 'https://example.com/')!;
    expect(select('picture > img', linked)?.properties['alt']).toBe('linked');
    expect(selectAll('a a', tree)).toHaveLength(0);
    const bare = selectAll('picture > img', tree).find((img) => img.properties['alt'] === '')!;
    expect(bare.properties['src']).toBe('/blog/images/wide.960w.png');
    expect((bare as unknown as { parent?: Element }).parent).toBeUndefined();
    expect(selectAll('.content a.image-full', tree).map((a) => a.properties['href'])).toEqual(['/blog/posts/shots/shot.png']);
  });

  it('makes a resized image with a title a figure: the linked <picture>, then the title as its caption', () => {
    const figure = select('.content figure.figure', fromHtml(readFileSync(path.join(out, 'posts/figure/index.html'), 'utf8')))!;
    expect(figure).toBeDefined();
    const children = figure.children.filter((c): c is Element => c.type === 'element');
    expect(children.map((c) => c.tagName)).toEqual(['a', 'figcaption']);
    expect(children[0]!.properties).toMatchObject({ href: '/blog/images/wide.png', className: ['image-full'] });
    const img = select('picture > img', children[0]!)!;
    expect(img.properties).toMatchObject({ alt: 'Wide view' });
    expect(img.properties['title']).toBeUndefined();
    expect(select('figcaption', figure)!.children).toMatchObject([{ type: 'text', value: '图 1：宽图' }]);
  });

  it('shows a large front-matter cover as its smaller copy, and not at all when the text shows that image', () => {
    const cover = (slug: string) => select('img.post-cover', fromHtml(readFileSync(path.join(out, `posts/${slug}/index.html`), 'utf8')));
    expect(cover('cover')?.properties).toMatchObject({ src: '/blog/images/wide.960w.png', width: 960, height: 480 });
    expect(cover('cover-shown')).toBeUndefined();
  });

  it('is valid HTML (Nu HTML Checker)', async () => {
    expect(await vnuErrors([path.join(out, 'posts/shots/index.html')])).toEqual([]);
  }, 120_000);

  it('gives feeds one absolute URL of the copy in the original format: no <picture>, no srcset, no link to the original', async () => {
    const atom = readFileSync(path.join(out, 'feed.xml'), 'utf8');
    const [parsed] = parseWithFeedparser([path.join(out, 'feed.xml')]);
    expect(parsed!.bozo).toBeFalsy();
    const reader = await parseLikeFluentReader(atom);
    const content = reader.items.find((item) => item.title === 'Shots')!.content;
    const html = fromHtml(content, { fragment: true });
    expect(selectAll('picture, source', html)).toHaveLength(0);
    const srcs = selectAll('img', html).map((img) => [img.properties['src'], img.properties['srcSet']]);
    expect(srcs).toContainEqual(['https://example.org/blog/posts/shots/shot.960w.png', undefined]);
    expect(srcs).toContainEqual(['https://example.org/blog/images/wide.960w.png', undefined]);
    expect(content).not.toMatch(/\.webp|shot\.png"|wide\.png"/);
  });

  it('a warm build takes every copy from the build cache and encodes nothing', async () => {
    expect(first.stats.images).toEqual({ encoded: 8, cached: 0 });
    const before = cacheFiles();
    expect(Object.keys(before)).toHaveLength(8);
    const copy = readFileSync(path.join(out, 'posts/shots/shot.960w.webp'));
    writeFileSync(path.join(root, 'content/posts/shots/index.md'), `${POST}\nOne more line.\n`);
    const warm = await build({ root, outDir: out, now: NOW });
    expect(warm.upToDate).toBe(false);
    expect(warm.stats.images).toEqual({ encoded: 0, cached: 8 });
    expect(cacheFiles()).toEqual(before);
    expect(readFileSync(path.join(out, 'posts/shots/shot.960w.webp')).equals(copy)).toBe(true);
    expect(readFileSync(path.join(out, 'posts/shots/index.html'), 'utf8')).toContain('One more line.');
  }, 120_000);

  it('`images: false` copies images as they are', async () => {
    writeFileSync(path.join(root, 'quire.config.json'), configJson({ url: 'https://example.org/blog/', language: 'en', images: false }));
    const result = await build({ root, outDir: out, now: NOW });
    expect(result.stats.images).toEqual({ encoded: 0, cached: 0 });
    expect(selectAll('picture', page())).toHaveLength(0);
    expect(select('.content img', page())?.properties).toMatchObject({ src: '/blog/posts/shots/shot.png', width: 2880, height: 1800 });
    expect(readdirSync(path.join(out, 'posts/shots')).sort()).toEqual(['index.html', 'moving.png', 'shot.png', 'small.png']);
  }, 120_000);
});
