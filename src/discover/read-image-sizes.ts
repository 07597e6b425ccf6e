import { open } from 'node:fs/promises';
import { imageSize } from 'image-size';
import pLimit from 'p-limit';
import type { ResponsiveImage } from '../collect/plan-images.js';
import type { CopiedFile } from '../types.js';
import { isAnimated } from './animated-image.js';

/** Width and height in CSS pixels, as the browser will lay the image out (EXIF rotation applied). */
export interface ImageDimensions {
  readonly width: number;
  readonly height: number;
  /** An animated PNG or WebP (never resized). */
  readonly animated?: true;
  /** The smaller copies quire makes of it (see `planImages`), when it makes any. */
  readonly responsive?: ResponsiveImage;
}

/** Output path (`posts/x/cover.png`) → dimensions, for every copied image that could be read. */
export type ImageSizes = ReadonlyMap<string, ImageDimensions>;

const IMAGE_FILE = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico)$/i;
/** Most formats state their size in the first bytes; JPEG after its EXIF block, which may be long. */
const HEAD_BYTES = 64 * 1024;
const CONCURRENCY = 16;

/**
 * Read the dimensions of every image among the copied files (page-bundle files, public/, theme
 * static files) with image-size, reading only the head of each file unless it needs more.
 * A file that is not a readable image is left out: its `<img>` simply gets no width/height.
 */
export async function readImageSizes(copies: readonly CopiedFile[]): Promise<ImageSizes> {
  const limit = pLimit(CONCURRENCY);
  const found = await Promise.all(
    copies.filter((copy) => IMAGE_FILE.test(copy.outputPath)).map((copy) => limit(async () => [copy.outputPath, await dimensionsOf(copy.from)] as const)),
  );
  const sizes = new Map<string, ImageDimensions>();
  for (const [outputPath, size] of found) if (size) sizes.set(outputPath.normalize('NFC'), size);
  return sizes;
}

async function dimensionsOf(file: string): Promise<ImageDimensions | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    const read = async (length: number) => {
      const bytes = new Uint8Array(length);
      const { bytesRead } = await handle!.read(bytes, 0, length, 0);
      return bytes.subarray(0, bytesRead);
    };
    const head = await read(Math.min(size, HEAD_BYTES));
    const measured = measure(head) ?? (size > HEAD_BYTES ? measure(await read(size)) : undefined);
    return measured && isAnimated(head) ? { ...measured, animated: true } : measured;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

function measure(bytes: Uint8Array): ImageDimensions | undefined {
  try {
    const result = imageSize(bytes);
    if (!(result.width > 0 && result.height > 0)) return undefined;
    // EXIF orientations 5–8 turn the picture a quarter: the browser shows it height × width.
    const turned = result.orientation !== undefined && result.orientation >= 5 && result.orientation <= 8;
    return turned ? { width: result.height, height: result.width } : { width: result.width, height: result.height };
  } catch {
    return undefined;
  }
}
