import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import { isPackedText, type PackedText } from '../packed-text.js';
import type { RenderedEntry } from '../render/render-entry.js';
import type { Entry, Placed, SourceFile } from '../types.js';
import type { BuildFingerprint } from './build-fingerprint.js';

/** An entry as the cache keeps it: everything but its file, text and tree (those come from the source). */
export type StoredEntry = Omit<Entry, 'source' | 'displayPath' | 'text' | 'mdast'>;

export interface LoadRecord {
  readonly entry: StoredEntry;
  readonly diagnostics: readonly Diagnostic[];
}

export interface RenderRecord {
  readonly rendered: RenderedEntry;
  readonly diagnostics: readonly Diagnostic[];
  /** Every other source the page links to, and what it resolved to (`LinkContext.target`). */
  readonly targets: Readonly<Record<string, string>>;
  /** Keys of the highlight cache its code blocks used (kept in that cache while the page is). */
  readonly highlightKeys: readonly string[];
}

/** The key of an entry's load record: its bytes, where it is, and what parsing depends on. */
export function loadKey(fingerprint: BuildFingerprint, source: SourceFile, displayPath: string, bytes: Uint8Array): string {
  return hashParts([fingerprint.load, source.kind, source.rel, displayPath], bytes);
}

/**
 * The key of an entry's render record: what its tree came from (`contentKey`: the load key, or a
 * hash of a weekly issue's merged tree), where it is published, the render settings and the
 * words of its language (footnote labels). The URLs
 * of the pages it links to are not in the key: they are stored in the record and compared.
 */
export function renderKey(fingerprint: BuildFingerprint, placed: Placed, contentKey: string, labels: string): string {
  const { entry } = placed;
  return hashParts([fingerprint.render, contentKey, labels, placed.url, placed.outputPath, entry.source.rel, entry.displayPath, JSON.stringify(entry.source.assets)]);
}

/** The content key of an entry built in memory (a weekly issue with its notes): everything in it. */
export function composedContentKey(entry: Entry): string {
  return hashParts(['composed', JSON.stringify(entry)]);
}

/** The fields of an entry to store, or undefined when they would not come back the same from JSON. */
export function storedEntry(entry: Entry): StoredEntry | undefined {
  const { source: _source, displayPath: _displayPath, text: _text, mdast: _mdast, ...stored } = entry;
  return isPlainJson(stored) ? stored : undefined;
}

/** An entry from a load record and its source; undefined when the record does not have the right shape. */
export function entryFromRecord(record: unknown, source: SourceFile, displayPath: string, text: PackedText): { entry: Entry; diagnostics: readonly Diagnostic[] } | undefined {
  if (!isObject(record) || !isObject(record['entry']) || !Array.isArray(record['diagnostics'])) return undefined;
  const e = record['entry'];
  const str = (key: string) => typeof e[key] === 'string';
  const optional = (key: string, type: string) => e[key] === undefined || typeof e[key] === type;
  if (!str('kind') || !str('title') || !str('titleFrom') || !str('slug') || typeof e['draft'] !== 'boolean' || typeof e['bodyLineOffset'] !== 'number') return undefined;
  if (!Array.isArray(e['tags']) || !Array.isArray(e['categories']) || !Array.isArray(e['aliases']) || !Array.isArray(e['categoryPaths']) || !(e['series'] === undefined || isObject(e['series'])) || !isObject(e['extra']) || !isObject(e['fieldPositions'])) return undefined;
  if (!['permalink', 'description', 'summary', 'image', 'id', 'lang', 'translationKey', 'week', 'link', 'section'].every((k) => optional(k, 'string')) || !optional('issue', 'number')) return undefined;
  if (!optional('weight', 'number') || !optional('menu', 'boolean') || !optional('sidebar', 'boolean')) return undefined;
  if (!(e['toc'] === undefined || typeof e['toc'] === 'boolean' || typeof e['toc'] === 'number')) return undefined;
  if (![e['date'], e['updated']].every((d) => d === undefined || (isObject(d) && typeof d['iso'] === 'string' && typeof d['epochMs'] === 'number'))) return undefined;
  const stored = e as unknown as StoredEntry;
  const entry: Entry = {
    kind: source.kind,
    source,
    displayPath,
    title: stored.title,
    titleFrom: stored.titleFrom,
    date: stored.date,
    updated: stored.updated,
    tags: stored.tags,
    categories: stored.categories,
    categoryPaths: stored.categoryPaths,
    series: stored.series,
    draft: stored.draft,
    slug: stored.slug,
    permalink: stored.permalink,
    aliases: stored.aliases,
    description: stored.description,
    summary: stored.summary,
    image: stored.image,
    id: stored.id,
    lang: stored.lang,
    translationKey: stored.translationKey,
    issue: stored.issue,
    week: stored.week,
    link: stored.link,
    section: stored.section,
    weight: stored.weight,
    menu: stored.menu,
    sidebar: stored.sidebar,
    toc: stored.toc,
    extra: stored.extra,
    mdast: undefined,
    bodyLineOffset: stored.bodyLineOffset,
    fieldPositions: stored.fieldPositions,
    text,
  };
  return { entry, diagnostics: record['diagnostics'] as Diagnostic[] };
}

/** A render record, if it has the right shape. */
export function asRenderRecord(value: unknown): RenderRecord | undefined {
  if (!isObject(value) || !isObject(value['rendered']) || !Array.isArray(value['diagnostics']) || !isObject(value['targets']) || !Array.isArray(value['highlightKeys'])) return undefined;
  const r = value['rendered'];
  const strings = ['excerptHtml', 'feedExcerptHtml', 'descriptionText', 'searchTerms'].every((k) => typeof r[k] === 'string');
  if (!strings || !isPackedText(r['html']) || !isPackedText(r['feedHtml']) || typeof r['hasMore'] !== 'boolean' || !Array.isArray(r['toc']) || typeof r['wordCount'] !== 'number' || typeof r['readingMinutes'] !== 'number') return undefined;
  return value as unknown as RenderRecord;
}

/** Values that JSON gives back unchanged: no Date, Map, class instance, undefined in a list, or non-finite number. */
export function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => item !== undefined && isPlainJson(item));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((item) => item === undefined || isPlainJson(item));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hashParts(parts: readonly string[], bytes?: Uint8Array): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}\u0000`);
  if (bytes) hash.update(bytes);
  return hash.digest('hex');
}
