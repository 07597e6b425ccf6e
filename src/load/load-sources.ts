import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { BuildFingerprint } from '../cache/build-fingerprint.js';
import { entryFromRecord, loadKey, storedEntry, type LoadRecord } from '../cache/entry-records.js';
import type { RecordStore } from '../cache/record-store.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Entry, SourceFile } from '../types.js';
import type { EntryRunner } from '../work/entry-runner.js';
import type { LoadTask } from '../work/entry-tasks.js';
import { fileText } from '../packed-text.js';

const READ_CONCURRENCY = 64;

export interface LoadedSources {
  /** In the order of the sources. Entries from the cache have no tree (`mdast` undefined). */
  readonly entries: Entry[];
  readonly diagnostics: Diagnostic[];
  /** Source key → the key of its load record: what its tree is made from, for the render cache. */
  readonly contentKeys: ReadonlyMap<string, string>;
  /** Entries taken from the cache / parsed. */
  readonly hits: number;
  readonly misses: number;
}

export interface LoadSourcesContext {
  readonly root: string;
  readonly fingerprint: BuildFingerprint;
  readonly store: RecordStore;
  readonly runner: EntryRunner;
}

/**
 * Read every source and turn it into an Entry: from the build cache when a record of the same
 * bytes (and settings) exists, else parsed — on worker threads when there are many. Weekly issues
 * and notes are always parsed, on whatever thread, and keep their trees: the collect stage merges
 * them into issue pages. Diagnostics come in the order of the sources, as a plain load gives them.
 */
export async function loadSources(sources: readonly SourceFile[], ctx: LoadSourcesContext): Promise<LoadedSources> {
  const limit = pLimit(READ_CONCURRENCY);
  const read = await Promise.all(
    sources.map((source) =>
      limit(() =>
        readFile(source.path).then(
          (bytes): { bytes: Uint8Array } => ({ bytes }),
          (error: NodeJS.ErrnoException) => ({ error: error.code ?? error.message }),
        ),
      ),
    ),
  );
  const displayPaths = sources.map((source) => path.relative(ctx.root, source.path) || source.path);
  const keys = read.map((r, i) => ('bytes' in r ? loadKey(ctx.fingerprint, sources[i]!, displayPaths[i]!, r.bytes) : ''));
  const cacheable = (source: SourceFile) => source.kind !== 'weekly' && source.kind !== 'note';
  const records = await ctx.store.getMany(
    'load',
    keys.filter((key, i) => key !== '' && cacheable(sources[i]!)),
  );

  const perSource: Array<{ entry: Entry | undefined; diagnostics: readonly Diagnostic[] } | undefined> = [];
  const misses: Array<{ index: number; task: LoadTask }> = [];
  const contentKeys = new Map<string, string>();
  let next = 0;
  sources.forEach((source, i) => {
    const result = read[i]!;
    if ('error' in result) {
      perSource[i] = { entry: undefined, diagnostics: [diagnostic('ReadError', `cannot read the file: ${result.error}`, { file: displayPaths[i]! }, 'check that it exists and is readable')] };
      return;
    }
    contentKeys.set(source.rel, keys[i]!);
    const record = cacheable(source) ? records[next++] : undefined;
    const hit = record === undefined ? undefined : entryFromRecord(record, source, displayPaths[i]!, fileText(result.bytes));
    if (hit) perSource[i] = hit;
    else misses.push({ index: i, task: { source, bytes: result.bytes, withTree: !cacheable(source) } });
  });

  const outcomes = await ctx.runner.load(misses.map((m) => m.task));
  outcomes.forEach((outcome, j) => {
    const { index, task } = misses[j]!;
    perSource[index] = outcome;
    const stored = outcome.entry && cacheable(task.source) ? storedEntry(outcome.entry) : undefined;
    if (stored) ctx.store.put('load', keys[index]!, { entry: stored, diagnostics: outcome.diagnostics } satisfies LoadRecord);
  });

  const entries: Entry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const result of perSource) {
    if (!result) continue;
    diagnostics.push(...result.diagnostics);
    if (result.entry) entries.push(result.entry);
  }
  return { entries, diagnostics, contentKeys, hits: sources.length - misses.length - read.filter((r) => 'error' in r).length, misses: misses.length };
}
