import type { Link, PhrasingContent, Root } from 'mdast';
import picomatch from 'picomatch';
import { visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import type { PackedText } from '../../packed-text.js';
import type { Entry } from '../../types.js';

/** The link of one item of a weekly issue, and where it was written. */
export interface ItemLink {
  readonly url: string;
  /** What two links are compared by (see `sameLinkKey`). */
  readonly key: string;
  readonly place: { readonly file: string; readonly line?: number; readonly column?: number; readonly source?: PackedText };
  /** `repeat: true` on the note: it may repeat a link of an earlier issue. */
  readonly repeat: boolean;
}

export interface IssueLinks {
  readonly number: number;
  readonly title: string;
  readonly links: readonly ItemLink[];
}

/** A predicate over parameter names from glob patterns (`utm_*`), case-insensitive. */
export function trackingParamMatcher(patterns: readonly string[]): (name: string) => boolean {
  if (patterns.length === 0) return () => false;
  const match = picomatch([...patterns], { nocase: true });
  return (name) => match(name);
}

/** The URL without tracking parameters; anything that is not an http(s) URL with such a parameter comes back as it was. */
export function withoutTracking(url: string, isTracking: (name: string) => boolean): string {
  if (!/^https?:\/\//i.test(url) || !url.includes('?')) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const names = [...new Set(parsed.searchParams.keys())].filter(isTracking);
  if (names.length === 0) return url;
  for (const name of names) parsed.searchParams.delete(name);
  return parsed.href;
}

/**
 * Strip tracking parameters from every link and image of a weekly issue's tree. The tree's
 * notes are shared with their entries, so the tree is copied before anything changes, and only
 * when something does.
 */
export function stripTracking(tree: Root, isTracking: (name: string) => boolean): Root {
  let found = false;
  visit(tree, ['link', 'definition'], (node) => {
    const { url } = node as Link;
    if (withoutTracking(url, isTracking) !== url) found = true;
  });
  if (!found) return tree;
  const copy = structuredClone(tree);
  visit(copy, ['link', 'definition'], (node) => {
    (node as Link).url = withoutTracking((node as Link).url, isTracking);
  });
  return copy;
}

/**
 * Two links are the same item when they differ only in scheme (http/https), `www.`, case of the
 * host, a trailing slash, the order of parameters, tracking parameters or the #fragment.
 */
export function sameLinkKey(url: string, isTracking: (name: string) => boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(withoutTracking(url, isTracking));
  } catch {
    return url.trim();
  }
  parsed.searchParams.sort();
  const search = parsed.searchParams.toString();
  return `${parsed.hostname.replace(/^www\./, '')}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname.replace(/\/+$/, '')}${search ? `?${search}` : ''}`;
}

/**
 * The item links of one issue: each note's `link:` (at that field of the note's own file) and, in
 * the issue file's `##` sections, each list item or `###` heading that starts with a link.
 */
export function issueItemLinks(issue: Entry | undefined, notes: readonly Entry[], isTracking: (name: string) => boolean): ItemLink[] {
  const links: ItemLink[] = [];
  const add = (url: string, place: ItemLink['place'], repeat: boolean) => links.push({ url, key: sameLinkKey(url, isTracking), place, repeat });
  if (issue?.mdast) {
    let inSection = false;
    for (const node of issue.mdast.children) {
      if (node.type === 'heading' && node.depth <= 2) inSection = node.depth === 2;
      if (!inSection) continue;
      const starts: Array<readonly PhrasingContent[]> = [];
      if (node.type === 'heading' && node.depth === 3) starts.push(node.children);
      if (node.type === 'list') for (const item of node.children) if (item.children[0]?.type === 'paragraph') starts.push(item.children[0].children);
      for (const inline of starts) {
        const first = inline.find((n) => !(n.type === 'text' && n.value.trim() === ''));
        if (first?.type === 'link') add(first.url, { file: issue.displayPath, line: first.position?.start.line, column: first.position?.start.column, source: issue.text }, false);
      }
    }
  }
  for (const note of notes) {
    if (note.link === undefined) continue;
    const position = note.fieldPositions['link'];
    add(note.link, { file: note.displayPath, ...(position && { ...position, source: note.text }) }, note.extra['repeat'] === true);
  }
  return links;
}

/**
 * A link twice in one issue is an error at the second place, naming the first; a link of an
 * earlier issue is a warning (or error, or nothing: `repeated`) naming that issue, unless the note
 * says `repeat: true`. `issues` in any order; earlier means a lower number.
 */
export function linkHygiene(issues: readonly IssueLinks[], repeated: 'warning' | 'error' | 'ignore'): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const earlier = new Map<string, IssueLinks>();
  const where = (place: ItemLink['place']) => `${place.file}${place.line !== undefined ? `:${place.line}` : ''}`;
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const here = new Map<string, ItemLink>();
    for (const link of issue.links) {
      const first = here.get(link.key);
      if (first) {
        diagnostics.push(diagnostic('DuplicateLink', `${link.url} is in weekly issue ${issue.number} twice: it is also at ${where(first.place)}`, link.place, 'keep one of the two items, or merge their commentary'));
        continue;
      }
      here.set(link.key, link);
      const before = earlier.get(link.key);
      if (before && !link.repeat && repeated !== 'ignore') {
        diagnostics.push(
          diagnostic(
            'RepeatedLink',
            `${link.url} was already in weekly issue ${before.number} (${before.title})`,
            link.place,
            'drop the item, or add `repeat: true` to the note if it is worth a second mention (`weekly.repeatedLinks` sets how this is reported)',
            repeated,
          ),
        );
      }
    }
    for (const [key] of here) if (!earlier.has(key)) earlier.set(key, issue);
  }
  return diagnostics;
}
