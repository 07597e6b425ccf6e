import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readCacheFile } from './read-cache-file.js';
import { writeCacheFile } from './write-cache-file.js';
import type { HighlightCache } from '../render/highlight.js';
import type { DualLines } from '../render/code/tokenize.js';

const FILE = 'highlight.json';
/** Bumped when the stored token format or the way tokens are computed changes. */
/** 3: lines cut short by the tokenizer's time limit were stored by format 2; never trust them. */
/** 4: the entries carry a SHA-256 checksum, as the entry records do. */
const FORMAT = 4;
/** `{"stamp":…,"sum":"<sha256 of the entries' JSON text>","entries":` — then that text, then `}`. */
const HEAD = /^\{"stamp":("(?:[^"\\]|\\.)*"),"sum":"([0-9a-f]{64})","entries":/;

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
 * (code, language, themes) and stamped with the shiki version and our format, its entries carrying
 * their checksum: a file from another version, one that does not parse, whose entries do not match
 * their checksum (edited), or that is not a regular file, is ignored, never trusted (the code is
 * highlighted again). Safe to delete.
 */
export async function openHighlightCache(cacheDir: string | undefined): Promise<HighlightCacheFile> {
  const stamp = `${FORMAT}/${shikiVersion()}`;
  let stored: Record<string, DualLines> = {};
  if (cacheDir !== undefined) {
    stored = decodeHighlightFile((await readCacheFile(path.join(cacheDir, FILE))) ?? '', stamp) ?? {};
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
      await writeCacheFile(path.join(cacheDir, FILE), encodeHighlightFile(stamp, Object.fromEntries(used)));
    },
  };
}

function shikiVersion(): string {
  return (createRequire(import.meta.url)('shiki/package.json') as { version: string }).version;
}

/** The file's text: JSON whose `entries` are preceded by the checksum of their own text. */
export function encodeHighlightFile(stamp: string, entries: Record<string, DualLines>): string {
  const body = JSON.stringify(entries);
  return `{"stamp":${JSON.stringify(stamp)},"sum":"${sha256(body)}","entries":${body}}`;
}

/** The entries of a file of this `stamp` whose checksum holds, else undefined. */
export function decodeHighlightFile(text: string, stamp: string): Record<string, DualLines> | undefined {
  const head = HEAD.exec(text);
  if (!head || !text.endsWith('}')) return undefined;
  const body = text.slice(head[0].length, -1);
  if (sha256(body) !== head[2]) return undefined;
  try {
    if (JSON.parse(head[1]!) !== stamp) return undefined;
    const entries: unknown = JSON.parse(body);
    return typeof entries === 'object' && entries !== null && !Array.isArray(entries) ? (entries as Record<string, DualLines>) : undefined;
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
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
