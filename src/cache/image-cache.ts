import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_READ_FLAGS } from './read-cache-file.js';
import { writeCacheFile } from './write-cache-file.js';

/** Encoded images by key (a hash of the source bytes and the encoding), in the cache's `images` folder. */
export interface ImageCache {
  get(key: string, ext: string): Promise<Uint8Array | undefined>;
  /** Keep an encoded file; rejects when it cannot be written (the build goes on: see `encodeImages`). */
  put(key: string, ext: string, bytes: Uint8Array): Promise<void>;
}

const KEY = /^[0-9a-f]{64}$/;
const EXT = /^[a-z]{3,4}$/;

/** The image cache of `cacheDir`, or one that keeps nothing when caching is off. */
export function openImageCache(cacheDir: string | undefined): ImageCache {
  if (cacheDir === undefined) return { get: async () => undefined, put: async () => undefined };
  const folder = path.join(cacheDir, 'images');
  const file = (key: string, ext: string) => {
    if (!KEY.test(key) || !EXT.test(ext)) throw new Error(`not an image cache key: ${key}.${ext}`);
    return path.join(folder, `${key}.${ext}`);
  };
  let made: Promise<unknown> | undefined;
  return {
    async get(key, ext) {
      let handle;
      try {
        handle = await open(file(key, ext), CACHE_READ_FLAGS);
      } catch {
        return undefined;
      }
      try {
        if (!(await handle.stat()).isFile()) return undefined;
        const bytes = await handle.readFile();
        return bytes.length > 0 ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
      } catch {
        return undefined;
      } finally {
        await handle.close().catch(() => undefined);
      }
    },
    async put(key, ext, bytes) {
      made ??= mkdir(folder, { recursive: true });
      await made;
      await writeCacheFile(file(key, ext), bytes);
    },
  };
}
