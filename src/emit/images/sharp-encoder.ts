import type { ImageJob } from '../../collect/plan-images.js';

/** Encode one job's copy of an image from the original's bytes. */
export type ImageEncoder = (input: Uint8Array, job: ImageJob) => Promise<Uint8Array>;

export interface LoadedEncoder {
  readonly encode: ImageEncoder;
  /** Part of every cache key: another encoder version may make other bytes. */
  readonly version: string;
}

/**
 * sharp (libvips), loaded on first use (a site without images to resize never loads it), one
 * libvips thread per image: images are encoded while the pages render, so they share the cores.
 * The copy is turned upright by its EXIF orientation, never enlarged, and carries no metadata.
 * AVIF is encoded at `quality − 20`, where it looks about like WebP and JPEG at `quality`.
 */
export async function loadSharpEncoder(): Promise<LoadedEncoder> {
  const { default: sharp } = await import('sharp');
  sharp.concurrency(1);
  sharp.cache(false);
  const encode: ImageEncoder = async (input, job) => {
    const image = sharp(input).rotate().resize({ width: job.width, withoutEnlargement: true });
    const quality = job.quality;
    const formatted =
      job.format === 'avif'
        ? image.avif({ quality: Math.max(1, quality - 20), effort: 4 })
        : job.format === 'webp'
          ? image.webp({ quality, effort: 4 })
          : job.format === 'jpeg'
            ? image.jpeg({ quality, mozjpeg: true })
            : image.png({ compressionLevel: 9 });
    const buffer = await formatted.toBuffer();
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  };
  return { encode, version: `sharp ${sharp.versions.sharp} vips ${sharp.versions.vips}` };
}
