import { collectSite } from '../collect/collect-site.js';
import type { Diagnostic } from '../diagnostics.js';
import { walkFolder } from '../discover/walk-folder.js';
import { readImageSizes, type ImageSizes } from '../discover/read-image-sizes.js';
import { renderEntries } from '../render/render-entries.js';
import type { RenderedEntry } from '../render/render-entry.js';
import type { Entry, Site } from '../types.js';
import type { EntryRunner } from '../work/entry-runner.js';
import type { memoryRecordStore } from './memory-record-store.js';
import type { Base, Good, Timed } from './session-state.js';

/**
 * The edit changed only the text of published posts or pages (the fields collect looks at are
 * as they were, and collect said nothing about them): the site is the same but for those entry
 * objects, no URL moved (so no other page's links changed), and only they are rendered again.
 */
export function textOnly(good: Good, entry: Entry | undefined): boolean {
  if (!entry || (entry.kind !== 'post' && entry.kind !== 'page')) return false;
  const before = good.site.entries[entry.source.rel]?.entry;
  if (!before || metadataOf(before) !== metadataOf(entry)) return false;
  return good.renderDiagnostics !== undefined && !good.collectDiagnostics.some((d) => d.file === entry.displayPath || d.file === before.displayPath);
}

function metadataOf(entry: Entry): string {
  const { mdast: _tree, text: _text, fieldPositions: _positions, bodyLineOffset: _offset, ...fields } = entry;
  return JSON.stringify(fields);
}

export async function renderChanged(
  b: Base,
  good: Good,
  changed: readonly Entry[],
  contentKeys: ReadonlyMap<string, string>,
  store: ReturnType<typeof memoryRecordStore>,
  timed: Timed,
  stageDone: (found: readonly Diagnostic[]) => void,
): Promise<Omit<Good, 'generation'> | undefined> {
  const entries = { ...good.site.entries };
  for (const entry of changed) entries[entry.source.rel] = { ...entries[entry.source.rel]!, entry };
  const site: Site = { ...good.site, entries };
  const some = await renderSome(b, good, site, new Set(changed.map((entry) => entry.source.rel)), contentKeys, store, timed, good.imageSizes);
  if (!some) return undefined;
  stageDone(good.collectDiagnostics);
  stageDone(some.diagnostics);
  return { site, rendered: some.rendered, collectDiagnostics: good.collectDiagnostics, renderDiagnostics: some.byKey, imageSizes: good.imageSizes };
}

/**
 * Render only `keys` and take every other entry's HTML and diagnostics from the last good site:
 * right when no URL moved (no link leads elsewhere) and the other entries are the same objects at
 * the same place (their records would match). Undefined when a diagnostic names another file than
 * its entry's (then the order a build gives them is not known here).
 */
async function renderSome(
  b: Base,
  good: Good,
  site: Site,
  keys: ReadonlySet<string>,
  contentKeys: ReadonlyMap<string, string>,
  store: ReturnType<typeof memoryRecordStore>,
  timed: Timed,
  imageSizes: ImageSizes,
): Promise<{ rendered: Record<string, RenderedEntry>; byKey: Map<string, readonly Diagnostic[]>; diagnostics: Diagnostic[] } | undefined> {
  if (!good.renderDiagnostics) return undefined;
  const done = await timed('render', () => renderEntries(site, { config: b.config, fingerprint: b.fingerprint, store, runner: b.runner, contentKeys, keys: [...keys], imageSizes }));
  const fileOf = (key: string) => site.entries[key]!.entry.displayPath;
  if (!done.diagnostics.every((d) => [...keys].some((key) => d.file === fileOf(key)))) return undefined;
  const rendered: Record<string, RenderedEntry> = {};
  const byKey = new Map<string, readonly Diagnostic[]>();
  for (const key of Object.keys(site.entries)) {
    if (keys.has(key)) {
      if (done.rendered[key]) rendered[key] = done.rendered[key];
      byKey.set(key, done.diagnostics.filter((d) => d.file === fileOf(key)));
    } else {
      rendered[key] = good.rendered[key]!;
      byKey.set(key, good.renderDiagnostics.get(key) ?? []);
    }
  }
  return { rendered, byKey, diagnostics: [...byKey.values()].flat() };
}

function sameImages(before: ImageSizes, now: ImageSizes): boolean {
  if (before.size !== now.size) return false;
  for (const [key, size] of now) {
    const was = before.get(key);
    if (!was || was.width !== size.width || was.height !== size.height) return false;
  }
  return true;
}

/** Every published entry has the URL it had and the same entries are unpublished: every link leads where it did. */
function sameLinks(before: Site, now: Site): boolean {
  const keys = Object.keys(now.entries);
  if (keys.length !== Object.keys(before.entries).length) return false;
  if (!keys.every((key) => before.entries[key]?.url === now.entries[key]!.url)) return false;
  const unpublished = Object.entries(now.unpublished);
  return unpublished.length === Object.keys(before.unpublished).length && unpublished.every(([key, why]) => before.unpublished[key] === why);
}

export async function collectAndRender(
  b: Base,
  entries: readonly Entry[],
  contentKeys: ReadonlyMap<string, string>,
  store: ReturnType<typeof memoryRecordStore>,
  runner: EntryRunner,
  timed: Timed,
  stageDone: (found: readonly Diagnostic[]) => void,
  good?: Good,
): Promise<Omit<Good, 'generation'> & { readonly misses: number; readonly keptHighlightKeys: ReadonlySet<string> }> {
  const { config } = b;
  const publicFiles = walkFolder(config.publicDir, b.guard);
  const collected = await timed('collect', () => collectSite({ entries, publicFiles: publicFiles.files, themeFiles: b.themeFiles }, config, b.collectMemo));
  stageDone([...publicFiles.diagnostics, ...collected.diagnostics]);
  const { site } = collected;
  const imageSizes = await timed('images', () => readImageSizes(site.copies));
  // Every link leads where it did and every image has its size: only new or moved entries change.
  if (good && sameLinks(good.site, site) && sameImages(good.imageSizes, imageSizes)) {
    // Only entries that are new objects (read again, or a weekly issue merged again) or moved.
    const changed = Object.keys(site.entries).filter((key) => {
      const before = good.site.entries[key];
      const now = site.entries[key]!;
      return !before || before.entry !== now.entry || before.outputPath !== now.outputPath;
    });
    const some = await renderSome(b, good, site, new Set(changed), contentKeys, store, timed, imageSizes);
    if (some) {
      stageDone(some.diagnostics);
      return { site, rendered: some.rendered, collectDiagnostics: collected.diagnostics, renderDiagnostics: some.byKey, imageSizes, misses: changed.length, keptHighlightKeys: new Set() };
    }
  }
  const entriesDone = await timed('render', () => renderEntries(site, { config, fingerprint: b.fingerprint, store, runner, contentKeys, imageSizes }));
  stageDone(entriesDone.diagnostics);
  return { site, rendered: entriesDone.rendered, collectDiagnostics: collected.diagnostics, renderDiagnostics: byEntry(site, entriesDone.diagnostics), imageSizes, misses: entriesDone.misses, keptHighlightKeys: entriesDone.keptHighlightKeys };
}

/** Render diagnostics by the entry whose file they name, if each names one and they come grouped in the order of the entries. */
function byEntry(site: Site, diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> | undefined {
  const keyOf = new Map(Object.entries(site.entries).map(([key, placed]) => [placed.entry.displayPath, key]));
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = d.file === undefined ? undefined : keyOf.get(d.file);
    if (key === undefined) return undefined;
    out.set(key, [...(out.get(key) ?? []), d]);
  }
  const again = Object.keys(site.entries).flatMap((key) => out.get(key) ?? []);
  return again.every((d, i) => d === diagnostics[i]) ? out : undefined;
}
