import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { CACHE_FORMAT } from './build-fingerprint.js';
import type { ReadGuard } from '../discover/read-guard.js';
import { walkFolder } from '../discover/walk-folder.js';
import { PACKED_FORM, packedForm } from '../packed-text.js';
import { readCacheFile } from './read-cache-file.js';
import { writeCacheFile } from './write-cache-file.js';

const FILE = 'pages.json';

/** Which template context each page of the output folder was rendered from. */
export interface PageCache {
  /** The key of a page: its template, its context, and every template file. */
  keyOf(template: string, context: Readonly<Record<string, unknown>>, shared: Readonly<Record<string, unknown>>): string;
  /** The key of any other output made from plain data (a feed from its channel and items). */
  keyOfValue(kind: string, value: unknown): string;
  /** The previous build wrote this page from the same key and the file is still as it wrote it. */
  unchanged(outputPath: string, key: string): Promise<boolean>;
  /** `unchanged`, for a caller that cannot wait (the manifest has been read by then: call `ready` first). */
  unchangedSync(outputPath: string, key: string): boolean;
  /** Resolves once the previous manifest is read. */
  ready(): Promise<void>;
  /** This build's page (rendered or kept). */
  record(outputPath: string, key: string): void;
  /** Write the manifest of the pages of the output folder, once it is in place (`outputs`: the stats of its files, when known). */
  save(outputs?: ReadonlyMap<string, Stats>): Promise<void>;
}

type Manifest = { stamp: string; outDir: string; pages: Record<string, [key: string, size: number, mtimeMs: number, ino: number]> };

/**
 * `<cacheDir>/pages.json`: for each page of `outDir`, the key of the template context it was
 * rendered from, and the size, mtime and inode the file had. A page whose key is unchanged and
 * whose file is untouched is not rendered again: the writer links the previous file. Templates
 * are keyed by their bytes (all of them: partials and layouts included), the rest by `stamp`.
 * A manifest of another output folder, format or template set is ignored. Templates that read
 * the clock (`'now'`, `'today'`) turn the page cache off.
 */
export function openPageCache(cacheDir: string | undefined, outDir: string, templateDirs: readonly string[], stamp: string, guard: ReadGuard): PageCache | undefined {
  if (cacheDir === undefined) return undefined;
  const templates = templateFingerprint(templateDirs, guard);
  if (templates === undefined) return undefined;
  const fullStamp = `${CACHE_FORMAT}\u0000${stamp}\u0000${templates}`;
  let previous: Manifest['pages'] | undefined;
  const loading = readCacheFile(path.join(cacheDir, FILE)).then(
    (text) => {
      if (text === undefined) return;
      const parsed = JSON.parse(text) as Partial<Manifest>;
      if (parsed.stamp === fullStamp && parsed.outDir === outDir && typeof parsed.pages === 'object' && parsed.pages !== null) previous = parsed.pages;
    },
    () => undefined,
  ).catch(() => undefined);
  const current = new Map<string, string>();
  const recorded = (outputPath: string, key: string) => {
    const was = previous && Object.hasOwn(previous, outputPath) ? previous[outputPath] : undefined;
    return Array.isArray(was) && was[0] === key ? was : undefined;
  };
  const sharedJson = new WeakMap<object, string>();
  /** Digests of objects that many pages show (an entry's view on its page, in lists, in the archive): hashed once each. */
  const digests = new WeakMap<object, string>();
  // Inside a hashed object, an object hashed before, or one with a packed form (an entry view in
  // an archive year), is its digest: each is hashed once, and never with its text inflated.
  const inner = (key: string, value: unknown) => (key !== '' && isRecord(value) && (digests.has(value) || PACKED_FORM in value) ? digestOf(value) : value);
  const digestOf = (value: object): string => {
    let digest = digests.get(value);
    if (digest === undefined) digests.set(value, (digest = `#${createHash('sha256').update(JSON.stringify(packedForm(value), inner)).digest('hex')}`));
    return digest;
  };
  /** The objects of a context (`post`, `page`…) and those in its lists: candidates to hash once. */
  const remember = (context: Readonly<Record<string, unknown>>) => {
    for (const value of Object.values(context)) {
      if (Array.isArray(value)) for (const item of value) if (isRecord(item)) digestOf(item);
      if (!isRecord(value)) continue;
      digestOf(value);
      // The packed form's values: an entry view's own would inflate its text (a getter).
      const form = packedForm(value);
      for (const inner of Object.values(isRecord(form) ? form : value)) if (Array.isArray(inner)) for (const item of inner) if (isRecord(item)) digestOf(item);
    }
  };

  return {
    keyOf(template, context, shared) {
      let base = sharedJson.get(shared);
      if (base === undefined) sharedJson.set(shared, (base = JSON.stringify(shared)));
      // Values the page shares with every page are hashed once, above; objects in its lists
      // (entry views, which other pages list too) by their digest.
      remember(context);
      const own = JSON.stringify(context, function (this: unknown, key: string, value: unknown) {
        if (this === context && Object.hasOwn(shared, key) && shared[key] === value) return undefined;
        return inner(key, value);
      });
      return createHash('sha256').update(fullStamp).update('\u0000').update(base).update('\u0000').update(template).update('\u0000').update(own).digest('hex');
    },
    keyOfValue(kind, value) {
      return createHash('sha256').update(fullStamp).update('\u0000').update(kind).update('\u0000').update(JSON.stringify(value)).digest('hex');
    },
    async unchanged(outputPath, key) {
      await loading;
      const was = recorded(outputPath, key);
      return was !== undefined && sameFile(await stat(path.join(outDir, ...outputPath.split('/'))).catch(() => undefined), was);
    },
    unchangedSync(outputPath, key) {
      const was = recorded(outputPath, key);
      return was !== undefined && sameFile(statSync(path.join(outDir, ...outputPath.split('/')), { throwIfNoEntry: false }), was);
    },
    ready: () => loading,
    record(outputPath, key) {
      current.set(outputPath, key);
    },
    async save(outputs) {
      const limit = pLimit(64);
      const pages: Manifest['pages'] = {};
      await Promise.all(
        [...current].map(([outputPath, key]) =>
          limit(async () => {
            const s = outputs ? outputs.get(outputPath) : await stat(path.join(outDir, ...outputPath.split('/'))).catch(() => undefined);
            if (s) pages[outputPath] = [key, s.size, s.mtimeMs, s.ino];
          }),
        ),
      );
      await mkdir(cacheDir, { recursive: true });
      await writeCacheFile(path.join(cacheDir, FILE), JSON.stringify({ stamp: fullStamp, outDir, pages } satisfies Manifest));
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameFile(now: Stats | undefined, was: Manifest['pages'][string]): boolean {
  return now !== undefined && now.isFile() && now.size === was[1] && now.mtimeMs === was[2] && now.ino === was[3];
}

/**
 * A hash of every template file (path and bytes), or undefined when a template reads the clock.
 * The folders are walked as the build walks them: no refused link followed, no FIFO read.
 */
function templateFingerprint(dirs: readonly string[], guard: ReadGuard): string | undefined {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    for (const rel of walkFolder(dir, guard).files.filter((f) => f.endsWith('.liquid') && !f.startsWith('static/'))) {
      const bytes = readFileSync(path.join(dir, rel));
      if (/['"](now|today)['"]/.test(bytes.toString('utf8'))) return undefined;
      hash.update(`${dir}\u0000${rel}\u0000${bytes.length}\u0000`).update(bytes);
    }
  }
  return hash.digest('hex');
}
