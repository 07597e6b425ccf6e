import { readdirSync, statSync, type Stats } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { SiteClock } from '../types.js';
import { CACHE_FORMAT } from './build-fingerprint.js';
import { readCacheFileSync } from './read-cache-file.js';
import { writeCacheFile } from './write-cache-file.js';

const FILE = 'site.json';

/** Size, mtime, ctime and inode: a file or folder that still has them was not touched. */
export type FileStamp = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** What `quire build` reports, kept to report it again when nothing changed. */
export interface SiteSummary {
  readonly pages: number;
  readonly posts: number;
  readonly files: number;
  readonly diagnostics: readonly Diagnostic[];
  /** When an entry dated in the future is next due (epoch ms), if any: the site changes by itself then. */
  readonly nextDue?: number | undefined;
}

/**
 * `<cacheDir>/site.json`, written after each successful build: the digest of every input (see
 * `inputState`), the clock window the site was collected for, the stamp of every file and folder
 * of the output folder as the build left it, and the build's summary. The next build compares;
 * when all is the same, the output folder already is what it would write.
 */
interface SiteManifest {
  readonly format: number;
  readonly inputs: string;
  readonly outDir: string;
  readonly clock: SiteClock;
  /** Paths relative to the output folder (`/`-separated; '' is the folder itself). */
  readonly outputs: Readonly<Record<string, FileStamp>>;
  readonly summary: SiteSummary;
}

export function stampOf(stats: Stats): FileStamp {
  return [stats.isDirectory() ? 0 : stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino];
}

/**
 * The summary of the previous build when its output is still current: the same inputs, a clock
 * inside the window it was built for, and every file and folder of `outDir` untouched (none added,
 * changed or removed: any of those changes a folder's stamp or a file's). Otherwise undefined.
 */
export function currentSite(cacheDir: string, outDir: string, inputs: string, now: number): SiteSummary | undefined {
  let manifest: SiteManifest;
  try {
    manifest = JSON.parse(readCacheFileSync(path.join(cacheDir, FILE)) ?? 'null') as SiteManifest;
  } catch {
    return undefined;
  }
  if (manifest?.format !== CACHE_FORMAT || manifest.inputs !== inputs || manifest.outDir !== outDir) return undefined;
  if (!(now >= manifest.clock?.from && now < manifest.clock?.until)) return undefined;
  if (typeof manifest.outputs !== 'object' || manifest.outputs === null || !Object.hasOwn(manifest.outputs, '')) return undefined;
  for (const [rel, was] of Object.entries(manifest.outputs)) {
    const now = statSync(path.join(outDir, ...rel.split('/').filter(Boolean)), { throwIfNoEntry: false });
    if (!now || !sameStamp(stampOf(now), was)) return undefined;
  }
  return manifest.summary;
}

/** Every file and folder of the output folder (relative, `/`-separated; '' is the folder itself) with its stats; undefined if it cannot be read. */
export function outputStats(outDir: string): Map<string, Stats> | undefined {
  try {
    const stats = new Map<string, Stats>([['', statSync(outDir)]]);
    for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
      const full = path.join(entry.parentPath, entry.name);
      stats.set(path.relative(outDir, full).split(path.sep).join('/'), statSync(full));
    }
    return stats;
  } catch {
    // changed under our feet (another build swapped it in): nothing is recorded
    return undefined;
  }
}

/** Record the output folder as a build just left it (`outputs`: see `outputStats`), with what it was built from. */
export async function saveSiteManifest(cacheDir: string, outDir: string, inputs: string, clock: SiteClock, summary: SiteSummary, outputs: ReadonlyMap<string, Stats>): Promise<void> {
  const stamps: Record<string, FileStamp> = {};
  for (const [rel, stats] of outputs) stamps[rel] = stampOf(stats);
  const manifest: SiteManifest = { format: CACHE_FORMAT, inputs, outDir, clock, outputs: stamps, summary };
  await mkdir(cacheDir, { recursive: true });
  await writeCacheFile(path.join(cacheDir, FILE), JSON.stringify(manifest));
}

function sameStamp(a: FileStamp, b: unknown): boolean {
  return Array.isArray(b) && b.length === 4 && a.every((x, i) => x === b[i]);
}
