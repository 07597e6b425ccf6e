import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import type { ImageJob } from '../../collect/plan-images.js';
import { openImageCache } from '../../cache/image-cache.js';
import { warning, type Diagnostic } from '../../diagnostics.js';
import type { OutputFile } from '../write-site.js';
import { loadSharpEncoder, type LoadedEncoder } from './sharp-encoder.js';

/** Bump when the way copies are encoded changes, so cached copies are made again. */
const ENCODING = 1;

export interface EncodedImages {
  readonly files: readonly OutputFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Copies encoded in this build / taken from the build cache. */
  readonly encoded: number;
  readonly cached: number;
}

export interface EncodeOptions {
  readonly root: string;
  readonly cacheDir: string | undefined;
  /** The encoder (default: sharp, loaded when there is a copy to encode). */
  readonly encoder?: () => Promise<LoadedEncoder>;
}

/**
 * The files of the planned copies: each from the build cache when it holds one for the same
 * source bytes, size, format, quality and encoder, else encoded (and kept in the cache). A warm
 * build therefore reads each image once (to hash it) and encodes nothing. An image that cannot be
 * decoded is a warning, and its copies are the original's bytes, so no page points at a missing
 * file. Never throws.
 */
export async function encodeImages(jobs: readonly ImageJob[], options: EncodeOptions): Promise<EncodedImages> {
  const bySource = new Map<string, ImageJob[]>();
  for (const job of jobs) bySource.set(job.from, [...(bySource.get(job.from) ?? []), job]);
  const cache = openImageCache(options.cacheDir);
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  let encoded = 0;
  let cached = 0;
  let encoder: Promise<LoadedEncoder> | undefined;
  const loadEncoder = () => (encoder ??= (options.encoder ?? loadSharpEncoder)());
  let cacheWritable = true;
  // Encoding runs beside the page rendering: leave the other cores to it.
  const limit = pLimit(Math.max(1, Math.min(2, os.availableParallelism() - 1)));
  await Promise.all(
    [...bySource].map(([from, own]) =>
      limit(async () => {
        let input: Uint8Array;
        try {
          input = await readFile(from);
        } catch (error) {
          diagnostics.push(problem(from, options.root, error));
          return;
        }
        const sourceHash = createHash('sha256').update(input).digest('hex');
        for (const job of own) {
          const ext = job.format;
          try {
            const { encode, version } = await loadEncoder();
            const key = createHash('sha256').update(JSON.stringify([ENCODING, version, sourceHash, job.width, job.format, job.quality])).digest('hex');
            let bytes = await cache.get(key, ext);
            if (bytes) cached++;
            else {
              bytes = await encode(input, job);
              encoded++;
              if (cacheWritable) await cache.put(key, ext, bytes).catch(() => void (cacheWritable = false));
            }
            files.push({ outputPath: job.outputPath, contents: bytes });
          } catch (error) {
            if (!diagnostics.some((d) => d.file === shown(from, options.root))) diagnostics.push(problem(from, options.root, error));
            files.push({ outputPath: job.outputPath, contents: input });
          }
        }
      }),
    ),
  );
  files.sort((a, b) => (a.outputPath < b.outputPath ? -1 : a.outputPath > b.outputPath ? 1 : 0));
  return { files, diagnostics, encoded, cached };
}

const shown = (file: string, root: string) => (path.relative(root, file).startsWith('..') ? file : path.relative(root, file));

function problem(file: string, root: string, error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return warning('ImageEncode', `cannot make smaller copies of this image (${reason}); it is served at its full size`, { file: shown(file, root) }, 'open and save it again in an image editor, or set `images: false` in the config');
}
