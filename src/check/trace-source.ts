import path from 'node:path';
import type { Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Entry, Placed, Site } from '../types.js';
import type { BuiltPage, PageLink } from './read-output.js';
import type { LinkTarget } from './resolve-link.js';
import { unpackText, type PackedText } from '../packed-text.js';

export interface SourcePlace {
  /** The page is a list page (home, tag, archive) showing the entry's excerpt, not the entry's own page. */
  readonly inExcerpt: boolean;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** The source text, for a code frame. */
  readonly source?: string | PackedText;
}

interface Occurrence {
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Trace a URL of a built page back to where it was written: the page's source file (a post or a
 * page) and, when the Markdown has a link, image, definition or raw-HTML attribute that resolves
 * to the same target, its line and column. On a list page, a URL written in some entry (shown
 * there in its excerpt) is traced to that entry. URLs that come from templates have no source:
 * undefined.
 */
export function createSourceTracer(
  site: Site,
  basePath: string,
  /** The entry's whole Markdown tree, with file positions. */
  parse: (entry: Entry) => Root,
  /** The notes gathered into a weekly issue (by its source key): a URL on its page may be written in one. */
  notesOf: (issueKey: string) => readonly Entry[] = () => [],
): (page: BuiltPage, link: PageLink, target: LinkTarget) => SourcePlace | undefined {
  const byOutput = new Map<string, Placed>();
  for (const placed of Object.values(site.entries)) byOutput.set(placed.outputPath, placed);
  const occurrences = new Map<Placed, Occurrence[]>();
  const notePlaces = new Map<Entry, Placed>();

  const listOf = (placed: Placed) => {
    let list = occurrences.get(placed);
    if (!list) {
      list = occurrencesIn(parse(placed.entry));
      occurrences.set(placed, list);
    }
    return list;
  };
  const matchIn = (placed: Placed, target: LinkTarget): Occurrence | undefined => {
    const wanted = describe(target);
    let pathOnly: Occurrence | undefined;
    for (const occurrence of listOf(placed)) {
      const got = describe(resolveSourceUrl(occurrence.value, placed, site, basePath));
      if (got.where === undefined || got.where !== wanted.where) continue;
      if (got.fragment === wanted.fragment) return occurrence;
      pathOnly ??= occurrence;
    }
    return pathOnly;
  };

  return (page, link, target) => {
    const placed = byOutput.get(page.outputPath);
    if (placed) {
      const hit = matchIn(placed, target) ?? literal(unpackText(placed.entry.text), link.value);
      if (!hit) {
        // On a weekly issue's page: the note that has it, at its own line (on the issue's page, so resolved against its URL).
        for (const note of placed.entry.kind === 'weekly' ? notesOf(placed.entry.source.rel) : []) {
          let inIssue = notePlaces.get(note);
          if (!inIssue) notePlaces.set(note, (inIssue = { ...placed, entry: note }));
          const found = matchIn(inIssue, target) ?? literal(unpackText(note.text), link.value);
          if (found) return { inExcerpt: false, file: note.displayPath, line: found.line, column: found.column, source: note.text };
        }
      }
      return { inExcerpt: false, file: placed.entry.displayPath, ...(hit && { line: hit.line, column: hit.column }), source: placed.entry.text };
    }
    // A list page: the entry whose excerpt carries the URL, written as is or resolving the same.
    for (const candidate of byOutput.values()) {
      const sameFragment = (o: Occurrence) => link.value.startsWith('#') && o.value.startsWith('#') && safeDecode(o.value) === safeDecode(link.value);
      const hit = listOf(candidate).find((o) => o.value === link.value || sameFragment(o)) ?? matchIn(candidate, target);
      if (hit) return { inExcerpt: true, file: candidate.entry.displayPath, line: hit.line, column: hit.column, source: candidate.entry.text };
    }
    return undefined;
  };
}

/** Where a source URL leads, in the terms of LinkTarget. */
function resolveSourceUrl(value: string, placed: Placed, site: Site, basePath: string): LinkTarget {
  if (/^https?:/i.test(value) || value.startsWith('//')) {
    try {
      const url = new URL(value.startsWith('//') ? `https:${value}` : value);
      url.hash = '';
      return { kind: 'external', url: url.href };
    } catch {
      return { kind: 'skip' };
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return { kind: 'skip' };
  const match = /^([^?#]*)(\?[^#]*)?(?:#(.*))?$/.exec(value);
  const rawPath = match?.[1] ?? '';
  const fragment = match?.[3] !== undefined ? safeDecode(match[3]) : undefined;
  if (rawPath === '') return { kind: 'internal', path: placed.url, fragment };
  let decoded = safeDecode(rawPath);
  if (decoded.startsWith('/')) {
    if (basePath !== '/' && `${decoded}/`.startsWith(basePath)) decoded = `/${decoded.slice(basePath.length)}`;
    return { kind: 'internal', path: decoded, fragment };
  }
  const sourceDir = path.posix.dirname(placed.entry.source.rel);
  const key = path.posix.normalize(path.posix.join(sourceDir, decoded));
  if (/\.(md|markdown)$/i.test(key)) {
    const target = site.entries[key];
    return target ? { kind: 'internal', path: target.url, fragment } : { kind: 'skip' };
  }
  const pageDir = placed.url.endsWith('/') ? placed.url : placed.url.replace(/[^/]*$/, '');
  return { kind: 'internal', path: path.posix.normalize(pageDir + decoded), fragment };
}

function describe(target: LinkTarget): { where: string | undefined; fragment: string | undefined } {
  switch (target.kind) {
    case 'external':
      return { where: `ext:${target.url}`, fragment: undefined };
    case 'internal':
      return { where: `int:${target.path.normalize('NFC').replace(/index\.html$/, '').replace(/\/$/, '')}`, fragment: target.fragment };
    default:
      return { where: undefined, fragment: undefined };
  }
}

function occurrencesIn(tree: Nodes): Occurrence[] {
  const out: Occurrence[] = [];
  visit(tree, (node) => {
    const start = node.position?.start;
    if (!start) return;
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && typeof node.url === 'string') {
      out.push({ value: node.url, line: start.line, column: start.column });
    } else if (node.type === 'html') {
      // Raw HTML: each href=/src= value, at its own line and column.
      const pattern = /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;
      for (let m = pattern.exec(node.value); m; m = pattern.exec(node.value)) {
        const before = node.value.slice(0, m.index);
        const lines = before.split('\n');
        const line = start.line + lines.length - 1;
        const column = lines.length === 1 ? start.column + before.length : lines.at(-1)!.length + 1;
        out.push({ value: m[1] ?? m[2] ?? m[3] ?? '', line, column });
      }
    }
  });
  return out;
}

/** The first place `value` is written in the file, as a last resort. */
function literal(text: string, value: string): Occurrence | undefined {
  if (value.length < 2) return undefined;
  const at = text.indexOf(value);
  if (at === -1) return undefined;
  const lines = text.slice(0, at).split('\n');
  return { value, line: lines.length, column: lines.at(-1)!.length + 1 };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
