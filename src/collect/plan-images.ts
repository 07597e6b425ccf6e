import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { ImageDimensions, ImageSizes } from '../discover/read-image-sizes.js';
import type { CopiedFile } from '../types.js';

/** The smaller copies of one image, as the page markup names them (file names beside the original). */
export interface ResponsiveImage {
  /** One `<source>` per format, best first: its MIME type and its files by width. */
  readonly sources: ReadonlyArray<{ readonly type: string; readonly files: ReadonlyArray<{ readonly name: string; readonly width: number }> }>;
  /** The `<img src>`, and the image of feeds and e-mail: a copy in the original format (or the original itself). */
  readonly fallback: { readonly name: string; readonly width: number; readonly height: number };
  /** The `sizes` attribute. */
  readonly sizes: string;
}

export type ImageFormat = 'avif' | 'webp' | 'png' | 'jpeg';

/** One file to encode: `from` resized to `width` (never wider than it is) in `format`, written at `outputPath`. */
export interface ImageJob {
  readonly from: string;
  readonly outputPath: string;
  readonly width: number;
  readonly format: ImageFormat;
  readonly quality: number;
}

export interface ImagePlan {
  /** The measured images, those that get copies with their `responsive` field. */
  readonly sizes: ImageSizes;
  readonly jobs: readonly ImageJob[];
}

const RESIZED: Readonly<Record<string, ImageFormat>> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp' };
const MIME: Readonly<Record<ImageFormat, string>> = { avif: 'image/avif', webp: 'image/webp', png: 'image/png', jpeg: 'image/jpeg' };

/**
 * Which images get smaller copies, and under what names: a PNG, JPEG or WebP (not animated) wider
 * than the smallest configured width gets, per format, a copy at each width below its own (and
 * one at its own width when it is narrower than the largest), plus one in its own format at
 * `feedWidth` when it is wider than that. Copies sit beside the original (`shot.png` →
 * `shot.480w.webp`); an image one of whose names is already taken by another file keeps only its
 * original. SVG, GIF and small images are left as they are. Pure: the files are made by `encodeImages`.
 */
export function planImages(copies: readonly CopiedFile[], sizes: ImageSizes, options: ResolvedConfig['images']): ImagePlan {
  if (options === false) return { sizes, jobs: [] };
  const widths = [...new Set(options.widths)].sort((a, b) => a - b);
  const formats = [...new Set(options.formats)];
  const taken = new Set(copies.map((copy) => copy.outputPath.normalize('NFC')));
  const planned = new Map<string, ImageDimensions>(sizes);
  const jobs: ImageJob[] = [];
  const ordered = [...copies].sort((a, b) => (a.outputPath < b.outputPath ? -1 : a.outputPath > b.outputPath ? 1 : 0));
  for (const copy of ordered) {
    const outputPath = copy.outputPath.normalize('NFC');
    const size = sizes.get(outputPath);
    const ext = path.posix.extname(outputPath).toLowerCase();
    const own = RESIZED[ext];
    if (!size || !own || size.animated || size.width <= widths[0]!) continue;
    const dir = path.posix.dirname(outputPath);
    const stem = path.posix.basename(outputPath, path.posix.extname(outputPath));
    const at = (name: string) => (dir === '.' ? name : `${dir}/${name}`);
    const named = (width: number, format: ImageFormat) => `${stem}.${width}w.${format === 'jpeg' ? ext.slice(1) : format}`;
    const sourceWidths = [...widths.filter((w) => w < size.width), ...(size.width < widths[widths.length - 1]! ? [size.width] : [])];
    const mine: ImageJob[] = [];
    const sources = formats.map((format) => ({
      type: MIME[format],
      files: sourceWidths.map((width) => {
        const name = named(width, format);
        mine.push({ from: copy.from, outputPath: at(name), width, format, quality: options.quality });
        return { name, width };
      }),
    }));
    let fallback = { name: path.posix.basename(outputPath), width: size.width, height: size.height };
    if (size.width > options.feedWidth) {
      const name = named(options.feedWidth, own);
      fallback = { name, width: options.feedWidth, height: Math.max(1, Math.round((size.height * options.feedWidth) / size.width)) };
      if (!mine.some((job) => job.outputPath === at(name))) mine.push({ from: copy.from, outputPath: at(name), width: options.feedWidth, format: own, quality: options.quality });
    }
    const names = new Set(mine.map((job) => job.outputPath));
    if ([...names].some((name) => taken.has(name))) continue;
    for (const name of names) taken.add(name);
    jobs.push(...mine.filter((job, i) => mine.findIndex((other) => other.outputPath === job.outputPath) === i));
    planned.set(outputPath, { ...size, responsive: { sources, fallback, sizes: options.sizes } });
  }
  return { sizes: planned, jobs };
}
