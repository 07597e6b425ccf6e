import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Entry } from '../../types.js';
import { slugify } from '../../load/slug.js';
import { noteNodes, type NoteOrigin } from './note-origins.js';

export interface IssueSection {
  readonly name: string;
  /** Note source keys in this section, in order. */
  readonly notes: readonly string[];
  /** Items written in the issue file's own section (top-level list items and H3s). */
  readonly bodyItems: number;
}

export interface IssueTree {
  readonly mdast: Root;
  readonly sections: readonly IssueSection[];
  /** Items: notes plus the link items the author wrote in the body. */
  readonly itemCount: number;
  /** Note key → id of its heading on the issue page (for links from tag pages). */
  readonly noteIds: Readonly<Record<string, string>>;
}

/**
 * One Markdown tree for a weekly issue: the issue file's intro, then its H2 sections in the
 * configured order, each followed by the notes filed under that section (a note = an H3 with its
 * linked title and the link's domain, then its commentary). Sections that only notes name come
 * after, and notes without a section last, under `otherSection`.
 */
export function buildIssueTree(issue: Entry | undefined, notes: readonly Entry[], sectionOrder: readonly string[], otherSection: string): IssueTree {
  const children = issue ? treeOf(issue).children : [];
  const intro: RootContent[] = [];
  const bodySections = new Map<string, { heading: Heading; content: RootContent[] }>();
  let current: { heading: Heading; content: RootContent[] } | undefined;
  for (const node of children) {
    if (node.type === 'heading' && node.depth === 2) {
      const name = toString(node).trim();
      current = bodySections.get(name) ?? { heading: node, content: [] };
      bodySections.set(name, current);
    } else if (current) current.content.push(node);
    else intro.push(node);
  }

  const notesBySection = new Map<string, Entry[]>();
  for (const note of notes) {
    const name = note.section?.trim() || otherSection;
    const list = notesBySection.get(name) ?? [];
    list.push(note);
    notesBySection.set(name, list);
  }

  const names: string[] = [];
  const add = (name: string) => {
    if (!names.includes(name) && (bodySections.has(name) || notesBySection.has(name))) names.push(name);
  };
  sectionOrder.forEach(add);
  [...bodySections.keys()].forEach(add);
  [...notesBySection.keys()].filter((n) => n !== otherSection).forEach(add);
  add(otherSection);

  const out: RootContent[] = [...intro];
  const sections: IssueSection[] = [];
  const noteIds: Record<string, string> = {};
  const origins: NoteOrigin[] = [];
  let itemCount = 0;
  for (const name of names) {
    const body = bodySections.get(name);
    const heading: Heading = body?.heading ?? { type: 'heading', depth: 2, children: [{ type: 'text', value: name }] };
    out.push(heading, ...(body?.content ?? []));
    const bodyItems = (body?.content ?? []).reduce((n, node) => n + (node.type === 'list' ? node.children.length : node.type === 'heading' && node.depth === 3 ? 1 : 0), 0);
    const sectionNotes = notesBySection.get(name) ?? [];
    for (const note of sectionNotes) {
      const noteId = `note-${slugify(note.slug) || slugify(note.title) || Object.keys(noteIds).length + 1}`;
      noteIds[note.source.rel] = noteId;
      out.push(noteHeading(note, noteId), ...noteNodes(note, treeOf(note), origins.length));
      origins.push({ file: note.displayPath, source: note.text });
    }
    itemCount += bodyItems + sectionNotes.length;
    sections.push({ name, notes: sectionNotes.map((n) => n.source.rel), bodyItems });
  }
  return { mdast: { type: 'root', children: out, ...(origins.length > 0 && { data: { quireNotes: origins } }) }, sections, itemCount, noteIds };
}

/** Weekly issues and notes are always parsed when loaded (the build never takes them from the cache unparsed). */
function treeOf(entry: Entry): Root {
  if (!entry.mdast) throw new Error(`internal: ${entry.displayPath} was not parsed before its weekly issue was built`);
  return entry.mdast;
}

function noteHeading(note: Entry, id: string): Heading {
  const title = { type: 'text' as const, value: note.title };
  const domain = note.link ? domainOf(note.link) : undefined;
  return {
    type: 'heading',
    depth: 3,
    data: { hProperties: { id, className: ['weekly-item'] } },
    children: note.link
      ? [
          { type: 'link', url: note.link, children: [title] },
          ...(domain ? [{ type: 'text' as const, value: ' ' }, { type: 'emphasis' as const, data: { hName: 'small', hProperties: { className: ['domain'] } }, children: [{ type: 'text' as const, value: domain }] }] : []),
        ]
      : [title],
  };
}

/** `https://www.example.com/a` → `example.com`. */
export function domainOf(link: string): string | undefined {
  try {
    return new URL(link).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}
