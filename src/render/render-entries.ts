import type { BuildFingerprint } from '../cache/build-fingerprint.js';
import { asRenderRecord, composedContentKey, renderKey, type RenderRecord } from '../cache/entry-records.js';
import type { RecordStore } from '../cache/record-store.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ImageSizes } from '../discover/read-image-sizes.js';
import type { Entry, Site } from '../types.js';
import type { EntryRunner } from '../work/entry-runner.js';
import type { RenderTask } from '../work/entry-tasks.js';
import { linkTable, linkTarget, type LinkTable } from './markdown/rewrite-links.js';
import type { RenderedEntry } from './render-entry.js';
import { uiStrings } from './ui-strings.js';

export interface RenderedEntries {
  readonly rendered: Record<string, RenderedEntry>;
  readonly diagnostics: Diagnostic[];
  /** Highlight-cache keys of the entries taken from the cache (their code was not highlighted again). */
  readonly keptHighlightKeys: ReadonlySet<string>;
  readonly hits: number;
  readonly misses: number;
}

export interface RenderEntriesContext {
  readonly config: ResolvedConfig;
  readonly fingerprint: BuildFingerprint;
  readonly store: RecordStore;
  readonly runner: EntryRunner;
  /** Source key → what its tree is made of (the load key); see `loadSources`. */
  readonly contentKeys: ReadonlyMap<string, string>;
  /** Dimensions of the site's images by output path (`<img width height>`). */
  readonly imageSizes?: ImageSizes;
  /** Only these published entries (default: all); links are still resolved against the whole site. */
  readonly keys?: readonly string[];
}

/**
 * The HTML (page, feed, excerpt), TOC and statistics of every published entry: from the build
 * cache when its record matches — same tree, URL and settings, and every page it links to still
 * at the URL it had — else rendered, on worker threads when there are many.
 */
export async function renderEntries(site: Site, ctx: RenderEntriesContext): Promise<RenderedEntries> {
  const { config } = ctx;
  const table = linkTable(site, ctx.imageSizes, config.basePath);
  const keys = ctx.keys ?? Object.keys(site.entries);
  const recordKeys = keys.map((key) => {
    const placed = site.entries[key]!;
    const { entry } = placed;
    const content = entry.mdast ? composedContentKey(entry) : ctx.contentKeys.get(entry.source.rel);
    const t = uiStrings(entry.lang ?? config.language);
    return content === undefined ? undefined : renderKey(ctx.fingerprint, placed, content, `${t.footnotes}\u0000${t.backToContent}`);
  });
  const records = await ctx.store.getMany(
    'render',
    recordKeys.filter((k): k is string => k !== undefined),
  );

  const results: Array<{ rendered: RenderedEntry | undefined; diagnostics: readonly Diagnostic[] }> = [];
  const keptHighlightKeys = new Set<string>();
  const misses: Array<{ index: number; task: RenderTask }> = [];
  let next = 0;
  keys.forEach((key, i) => {
    const record = recordKeys[i] === undefined ? undefined : asRenderRecord(records[next++]);
    if (record && linksUnchanged(record, table) && hasNoteParts(record, site.entries[key]!.entry)) {
      results[i] = record;
      for (const k of record.highlightKeys) keptHighlightKeys.add(k);
    } else misses.push({ index: i, task: { key, placed: site.entries[key]! } });
  });

  const outcomes = await ctx.runner.render(
    misses.map((m) => m.task),
    table,
  );
  outcomes.forEach((outcome, j) => {
    const { index } = misses[j]!;
    results[index] = outcome;
    const recordKey = recordKeys[index];
    if (outcome.rendered && recordKey !== undefined && !outcome.diagnostics.some((d) => d.severity === 'error')) {
      const { rendered, diagnostics, targets, highlightKeys } = outcome;
      ctx.store.put('render', recordKey, { rendered, diagnostics, targets, highlightKeys } satisfies RenderRecord);
    }
  });

  const rendered: Record<string, RenderedEntry> = {};
  const diagnostics: Diagnostic[] = [];
  keys.forEach((key, i) => {
    const result = results[i]!;
    diagnostics.push(...result.diagnostics);
    if (result.rendered) rendered[key] = result.rendered;
  });
  return { rendered, diagnostics, keptHighlightKeys, hits: keys.length - misses.length, misses: misses.length };
}

/** A weekly issue with notes has their parts for the notes stream (a record written before there was one lacks them). */
function hasNoteParts(record: RenderRecord, entry: Entry): boolean {
  return entry.kind !== 'weekly' || !entry.mdast?.data?.quireNotes?.length || record.rendered.notes !== undefined;
}

/** Every page the entry links to resolves as it did when the record was made. */
function linksUnchanged(record: RenderRecord, table: LinkTable): boolean {
  return Object.entries(record.targets).every(([key, target]) => linkTarget(table, key) === target);
}
