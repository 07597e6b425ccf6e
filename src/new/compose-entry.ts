import { DateTime } from 'luxon';
import { stringify } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { slugify } from '../load/slug.js';

export const NEW_KINDS = ['post', 'page', 'note', 'weekly'] as const;
export type NewKind = (typeof NEW_KINDS)[number];

/** The folder of the content folder each kind goes into. */
export const FOLDER_OF: Readonly<Record<NewKind, string>> = { post: 'posts', page: 'pages', note: 'notes', weekly: 'weekly' };

export interface NewEntryRequest {
  readonly kind: NewKind;
  readonly title: string | undefined;
  readonly slug: string | undefined;
  readonly link: string | undefined;
  readonly section: string | undefined;
  /** The weekly issue number: required for `weekly`; for a `note`, the issue it is pinned to. */
  readonly issue: number | undefined;
  readonly now: Date;
  readonly timezone: string;
}

export interface ComposedEntry {
  /** Path under the content folder, `/`-separated, e.g. `posts/远程办公.md`. */
  readonly rel: string;
  readonly text: string;
}

/**
 * The file `quire new` writes: front matter from the request, an empty body. Pure.
 * Posts start as drafts (`draft: true`): `quire build` and the deploy leave them out until the
 * line is removed; `quire dev --drafts` shows them. Pages, notes and weekly issues are not drafts.
 */
export function composeEntry(request: NewEntryRequest): ComposedEntry | { readonly problems: readonly Diagnostic[] } {
  const { kind } = request;
  const problems: Diagnostic[] = [];
  const title = request.title?.trim() || undefined;
  const date = DateTime.fromJSDate(request.now, { zone: request.timezone });
  const when = date.toFormat('yyyy-MM-dd HH:mm:ss');

  if (title === undefined && kind !== 'weekly') {
    problems.push(diagnostic('InvalidOption', `\`quire new ${kind}\` needs a title`, {}, `e.g. quire new ${kind} "${kind === 'note' ? 'fzf' : '远程办公三年'}"`));
  }
  if (request.link !== undefined && kind !== 'note') problems.push(diagnostic('InvalidOption', '--link is for notes only', {}, `quire new note "title" --link https://…`));
  if (request.section !== undefined && kind !== 'note') problems.push(diagnostic('InvalidOption', '--section is for notes only', {}, `quire new note "title" --section 工具`));
  if (request.slug !== undefined && kind === 'weekly') problems.push(diagnostic('InvalidOption', '--slug does not apply to weekly issues: the file is named after the issue number', {}));
  if (request.link !== undefined && !isHttpUrl(request.link)) {
    problems.push(diagnostic('InvalidOption', `--link "${request.link}" is not an http(s) URL`, {}, 'write it in full, e.g. --link https://github.com/junegunn/fzf'));
  }
  if (problems.length > 0) return { problems };

  let name: string;
  if (kind === 'weekly') {
    if (request.issue === undefined) throw new Error('composeEntry: a weekly issue needs its number');
    name = String(request.issue).padStart(4, '0');
  } else {
    const wanted = request.slug ?? title!;
    name = slugify(wanted);
    if (name === '') {
      const hint = request.slug === undefined ? 'give one with --slug, e.g. --slug my-post' : 'use letters or digits, e.g. --slug my-post';
      return { problems: [diagnostic('InvalidOption', `"${wanted}" has no characters usable in a file name or URL`, {}, hint)] };
    }
  }

  const fields: Record<string, unknown> = {};
  if (kind === 'weekly') fields['issue'] = request.issue;
  if (title !== undefined) fields['title'] = title;
  // The slug is the file name; a name that starts with a date would lose it (`2025-01-01-x.md` is
  // the post `x` dated by its name), so then it is spelled out.
  if (kind !== 'weekly' && /^\d{4}-\d{2}-\d{2}-/.test(name)) fields['slug'] = name;
  fields['date'] = when;
  switch (kind) {
    case 'post':
      fields['description'] = '';
      fields['tags'] = [];
      fields['draft'] = true;
      break;
    case 'page':
      fields['description'] = '';
      break;
    case 'note':
      if (request.link !== undefined) fields['link'] = request.link;
      if (request.section !== undefined && request.section.trim() !== '') fields['section'] = request.section.trim();
      if (request.issue !== undefined) fields['issue'] = request.issue;
      fields['tags'] = [];
      break;
    case 'weekly':
      fields['week'] = date.toFormat("kkkk-'W'WW");
      break;
  }
  const frontMatter = stringify(fields, { lineWidth: 0 });
  return { rel: `${FOLDER_OF[kind]}/${name}.md`, text: `---\n${frontMatter}---\n\n` };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
