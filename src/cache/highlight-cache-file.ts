import { createRequire } from 'node:module';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HighlightCache } from '../render/highlight.js';
import type { DualLines } from '../render/code/tokenize.js';

const FILE = 'highlight.json';
/** Bumped when the stored token format or the way tokens are computed changes. */
/** 3: lines cut short by the tokenizer's time limit were stored by format 2; never trust them. */
const FORMAT = 3;

export interface HighlightCacheFile extends HighlightCache {
  readonly hits: number;
  readonly misses: number;
  /** The entries this build used or added so far. */
  used(): Record<string, DualLines>;
  /** Write what this build used (entries it did not use are dropped, so the file never grows stale). */
  save(): Promise<void>;
}

/**
 * The persistent cache of highlighted code in `<cacheDir>/highlight.json`, keyed by a hash of
 * (code, language, themes) and stamped with the shiki version and our format: a file from another
 * version, or one that does not parse, is ignored, never trusted. Safe to delete.
 */
export async function openHighlightCache(cacheDir: string | undefined): Promise<HighlightCacheFile> {
  const stamp = `${FORMAT}/${shikiVersion()}`;
  let stored: Record<string, DualLines> = {};
  if (cacheDir !== undefined) {
    try {
      const parsed: unknown = JSON.parse(await readFile(path.join(cacheDir, FILE), 'utf8'));
      if (isCache(parsed) && parsed.stamp === stamp) stored = parsed.entries;
    } catch {
      // missing or corrupt: start empty
    }
  }
  const used = new Map<string, DualLines>();
  /** Lines made or used this build, else well-formed stored ones. */
  const find = (key: string): DualLines | undefined => {
    const lines = used.get(key) ?? (Object.hasOwn(stored, key) ? stored[key] : undefined);
    return lines && isLines(lines) ? lines : undefined;
  };
  let hits = 0;
  let misses = 0;
  return {
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
    has(key) {
      return find(key) !== undefined;
    },
    get(key) {
      const lines = find(key);
      if (lines) {
        hits++;
        used.set(key, lines);
        return lines;
      }
      misses++;
      return undefined;
    },
    set(key, lines) {
      used.set(key, lines);
    },
    used() {
      return Object.fromEntries(used);
    },
    async save() {
      if (cacheDir === undefined) return;
      await mkdir(cacheDir, { recursive: true });
      const target = path.join(cacheDir, FILE);
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ stamp, entries: Object.fromEntries(used) }));
      await rename(temporary, target);
    },
  };
}

function shikiVersion(): string {
  return (createRequire(import.meta.url)('shiki/package.json') as { version: string }).version;
}

function isCache(value: unknown): value is { stamp: string; entries: Record<string, DualLines> } {
  return typeof value === 'object' && value !== null && typeof (value as { stamp?: unknown }).stamp === 'string' && typeof (value as { entries?: unknown }).entries === 'object' && (value as { entries?: unknown }).entries !== null;
}

/** A cheap shape check of one entry: lines of [text, colour, colour, style, style]. */
function isLines(value: unknown): value is DualLines {
  if (!Array.isArray(value)) return false;
  for (const line of value) {
    if (!Array.isArray(line)) return false;
    for (const t of line) {
      if (!Array.isArray(t) || t.length !== 5 || typeof t[0] !== 'string' || typeof t[1] !== 'string' || typeof t[2] !== 'string' || typeof t[3] !== 'number' || typeof t[4] !== 'number') return false;
    }
  }
  return true;
}
