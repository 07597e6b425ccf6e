import path from 'node:path';
import type { Root as MdastRoot } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Entry, EntryDate, ParsedEntry, SourceFile } from '../types.js';
import { frontMatterSchema, KNOWN_FIELDS } from './front-matter-schema.js';
import { dateFromFileName, DATE_HINT, parseDate } from './parse-date.js';
import { isFrontMatterError, readFrontMatter } from './read-front-matter.js';
import { htmlNestingProblem, scanMarkdownLimits, type LimitProblem } from './markdown-limits.js';
import { findMigrationSyntax } from './migration-syntax.js';
import { slugify, withoutInvisibles } from './slug.js';
import { controlCharacterFields, firstInvalidUtf8, positionAt } from './text-problems.js';
import { removeUnsafeUrls, type HtmlParser } from './remove-unsafe-urls.js';
import { unsafeFrontMatterUrls } from './front-matter-urls.js';
import { PAGE_NAV_FIELDS, readPageNavFields } from './page-nav-fields.js';
import { mistypedFields } from './mistyped-fields.js';
import { frontMatterHint } from './front-matter-hints.js';
import type { InputLimits } from '../config/resolve-config.js';
import { DEFAULT_LIMITS } from '../config/schema.js';
import { issueText, valueAt } from '../config/issue-text.js';
import { fileText, unpackText } from '../packed-text.js';

export interface LoadContext {
  readonly timezone: string;
  readonly displayRoot: string;
  /** Markdown → mdast (remark-parse + remark-gfm), one instance per build. */
  readonly parseMarkdown: (markdown: string) => MdastRoot;
  /** To find unsafe URLs in raw HTML: needed when the text `mayHoldUrlAttribute` and `parseMarkdown` gives HTML nodes. */
  readonly parseHtml?: HtmlParser | undefined;
  /** Largest shapes accepted, checked before the Markdown is parsed (default: the config's defaults). */
  readonly limits?: InputLimits;
}

const LIMIT_HINT = 'split the content into smaller parts; if it is meant to be this big, raise the limit in `limits` in the site config';

export type LoadResult = { readonly entry: ParsedEntry | undefined; readonly diagnostics: readonly Diagnostic[] };

/** Turn one file's bytes into a validated Entry, or the list of everything wrong with it. */
export function loadEntry(source: SourceFile, bytes: Uint8Array, ctx: LoadContext): LoadResult {
  const file = path.relative(ctx.displayRoot, source.path) || source.path;
  const problems: Diagnostic[] = [];
  const limits = ctx.limits ?? DEFAULT_LIMITS;

  if (bytes.length > limits.fileBytes) {
    const limit = limits.fileBytes;
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, limit), { stream: true });
    return fail(diagnostic('LimitExceeded', `the file is ${bytes.length} bytes; the limit is ${limit} (\`limits.fileBytes\`)`, { file, ...positionAt(before, before.length) }, LIMIT_HINT));
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(diagnostic('ReadError', 'the file is not valid UTF-8 text', { file, ...firstInvalidUtf8(bytes) }, 'save it as UTF-8; if it is not a Markdown file, rename it'));
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    return fail(diagnostic('ReadError', 'the file contains NUL bytes: it looks binary, not Markdown', { file, ...positionAt(text, nul) }, 'remove it from the content folder or give it another extension'));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const fm = readFrontMatter(text);
  if (isFrontMatterError(fm)) {
    const code = fm.kind === 'unterminated' ? 'FrontMatterUnterminated' : 'FrontMatterSyntax';
    const hint =
      fm.kind === 'unterminated'
        ? 'add the closing fence (the same `---` or `+++`) on a line of its own after the last field'
        : fm.kind === 'not-a-mapping'
          ? 'write fields as `title: My post`, one per line'
          : 'fix the syntax at the marked position (quote values that contain `:` or start with `[`, `{`, `*`, `&`, `!`)';
    return fail(diagnostic(code, `invalid front matter: ${fm.message}`, { file, ...fm.position, source: text }, hint));
  }

  const at = (field: PropertyKey[], where: 'key' | 'value' = 'value') => ({ file, ...fm.positionOf(field, where), source: text });
  // `"\0"` or `"\x01"` in a quoted YAML/TOML/JSON string: no field can use a control character.
  for (const field of controlCharacterFields(fm.data)) {
    problems.push(diagnostic('FrontMatterInvalid', `front-matter field \`${field.join('.')}\` contains a control character`, at(field), 'remove the escape such as \\0 or \\x01 from the value'));
  }
  if (problems.length > 0) return { entry: undefined, diagnostics: problems };
  const parsed = frontMatterSchema.safeParse(fm.data);
  const isPage = source.kind === 'page';
  const nav = isPage ? readPageNavFields(fm.data, at) : undefined;
  if (!parsed.success || (nav && nav.problems.length > 0)) {
    for (const issue of parsed.error?.issues ?? []) {
      const field = issue.path.map(String).join('.');
      const text = issueText(issue, valueAt(fm.data, issue.path));
      problems.push(diagnostic('FrontMatterInvalid', `front-matter field \`${field}\`: ${text.message}`, at(issue.path as PropertyKey[]), text.hint ?? frontMatterHint(issue.path[0])));
    }
    problems.push(...(nav?.problems ?? []));
    return { entry: undefined, diagnostics: problems };
  }
  const fields = parsed.data;
  problems.push(...unsafeFrontMatterUrls({ link: fields.link, image: fields.image }, at));
  const tags = namesOf(fields.tags);
  const categoryPaths = pathsOf(fields.categories);
  const categories = namesOf(categoryPaths.flat());
  for (const [field, names] of [['tags', tags], ['categories', categories]] as const) {
    if (names.length <= limits.tags) continue;
    const place = Array.isArray(fm.data[field]) ? at([field, limits.tags]) : at([field]);
    problems.push(diagnostic('LimitExceeded', `${names.length} ${field}; the limit is ${limits.tags} per entry (\`limits.tags\`)`, place, LIMIT_HINT));
  }

  const baseName = path.posix.basename(source.rel).replace(/\.(md|markdown)$/i, '');
  const isBundle = /^index$/i.test(baseName) && source.rel.includes('/');
  const nameForSlug = isBundle ? path.posix.basename(path.posix.dirname(source.rel)) : baseName;
  const fromName = dateFromFileName(nameForSlug);

  const readDate = (field: 'date' | 'updated' | 'lastmod', value: unknown): EntryDate | undefined => {
    if (value === undefined) return undefined;
    const result = parseDate(value, ctx.timezone);
    if (result.ok) return result.date;
    problems.push(diagnostic('InvalidDate', `front-matter field \`${field}\`: ${result.reason}`, at([field]), DATE_HINT));
    return undefined;
  };
  let date = readDate('date', fields.date);
  if (fields.date === undefined && fromName) {
    const result = parseDate(fromName.date, ctx.timezone);
    if (result.ok) date = result.date;
    else problems.push(diagnostic('InvalidDate', `the date in the file name: ${result.reason}`, { file }, 'name the file YYYY-MM-DD-slug.md with a real date'));
  }
  const updated = readDate('updated', fields.updated) ?? readDate('lastmod', fields.lastmod);

  const slugSource = fields.slug !== undefined ? String(fields.slug) : (fromName?.rest ?? nameForSlug);
  const slug = slugify(slugSource);
  if (slug === '') {
    problems.push(
      diagnostic('UnsafePath', `the slug "${slugSource}" has no characters usable in a URL`, fields.slug !== undefined ? at(['slug']) : { file }, 'set `slug:` to a word or two, e.g. `slug: my-post`'),
    );
  }

  const tooBig = (found: LimitProblem) => diagnostic('LimitExceeded', found.message, { file, line: found.line, column: found.column, source: text }, LIMIT_HINT);
  // Checked before parsing: past a limit, the parse itself is what would stall the build.
  const overLimits = scanMarkdownLimits(fm.body, fm.bodyLineOffset + 1, limits);
  problems.push(...overLimits.map(tooBig));
  let mdast: MdastRoot = { type: 'root', children: [] };
  if (overLimits.length === 0) {
    try {
      const markdown = markdownOf(fm.body, fm.bodyLineOffset);
      mdast = ctx.parseMarkdown(markdown);
      for (const found of findMigrationSyntax(markdown, mdast)) problems.push(diagnostic('MigrationSyntax', found.message, { file, line: found.line, column: found.column, source: text }, found.hint, 'warning'));
      const html = htmlNestingProblem(mdast, limits.htmlNesting);
      // Raw HTML nested past the limit is not handed to the HTML parser either.
      if (html) problems.push(tooBig(html));
      else problems.push(...removeUnsafeUrls(mdast, { file, source: text }, ctx.parseHtml));
    } catch (error) {
      problems.push(diagnostic('MarkdownError', `cannot parse Markdown: ${(error as Error).message}`, { file }));
      mdast = { type: 'root', children: [] };
    }
  }

  let title = fields.title !== undefined ? String(fields.title).trim() : '';
  let titleFrom: Entry['titleFrom'] = 'front-matter';
  const first = mdast.children[0];
  const firstH1 = first?.type === 'heading' && first.depth === 1 ? mdastToString(first).trim() : undefined;
  // `title:` and the same `# Title` on the first line (a habit from editors that show no front
  // matter): one title, not the title and then the same words again as a second <h1>.
  if (title !== '' && firstH1 !== undefined && firstH1.replace(/\s+/g, ' ') === title.replace(/\s+/g, ' ')) mdast = withoutTitleHeading(mdast);
  if (title === '') {
    if (firstH1 !== undefined) {
      title = firstH1;
      titleFrom = 'heading';
      mdast = withoutTitleHeading(mdast);
    }
  }
  if (title === '') {
    title = fromName?.rest ?? nameForSlug;
    titleFrom = 'file-name';
  }

  if (problems.some((p) => p.severity === 'error')) return { entry: undefined, diagnostics: problems };

  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (!KNOWN_FIELDS.has(key) && !(isPage && PAGE_NAV_FIELDS.has(key))) extra[key] = value;
  problems.push(...mistypedFields(fields, Object.keys(extra), isPage, (key) => at([key], 'key')));

  const fieldPositions: Record<string, { line: number; column: number }> = {};
  for (const key of Object.keys(fm.data)) fieldPositions[key] = fm.positionOf([key]);
  // Each old URL at its own line (`aliases[0]`, … in the order of `entry.aliases`), for redirect errors.
  let aliasIndex = 0;
  for (const key of ['aliases', 'redirect_from']) {
    const raw = fm.data[key];
    const items = Array.isArray(raw) ? raw.map((item, i) => [item, [key, i]] as const) : [[raw, [key]] as const];
    for (const [item, at] of items) if ((typeof item === 'string' && item.trim() !== '') || typeof item === 'number') fieldPositions[`aliases[${aliasIndex++}]`] = fm.positionOf(at);
  }

  const entry: ParsedEntry = {
    kind: source.kind,
    source,
    displayPath: file,
    title,
    titleFrom,
    date,
    updated,
    tags,
    categories,
    categoryPaths,
    series: fields.series && withoutInvisibles(fields.series.name).trim() !== '' ? { name: withoutInvisibles(fields.series.name).trim(), order: fields.series.order } : undefined,
    draft: fields.draft ?? (fields.published === false ? true : false),
    slug,
    permalink: fields.permalink,
    aliases: [...(fields.aliases ?? []), ...(fields.redirect_from ?? [])],
    description: fields.description?.trim() || undefined,
    summary: fields.summary?.trim() || undefined,
    image: fields.image,
    id: fields.id !== undefined ? String(fields.id) : undefined,
    lang: fields.lang,
    translationKey: fields.translationKey !== undefined && String(fields.translationKey).trim() !== '' ? String(fields.translationKey).trim() : undefined,
    issue: fields.issue,
    week: fields.week,
    link: fields.link,
    section: fields.section,
    weight: nav?.fields.weight,
    menu: nav?.fields.menu,
    sidebar: nav?.fields.sidebar,
    toc: fields.toc,
    extra,
    mdast,
    bodyLineOffset: fm.bodyLineOffset,
    fieldPositions,
    text: fileText(bytes),
  };
  return { entry, diagnostics: problems };

  function fail(d: Diagnostic): LoadResult {
    return { entry: undefined, diagnostics: [d] };
  }
}

/**
 * Parse an entry's Markdown body again (an entry from the build cache has no tree): the same text
 * and line offset as `loadEntry` parsed, and the title heading dropped again. Throws what the
 * parser throws.
 */
export function parseEntryBody(entry: Entry, parseMarkdown: (markdown: string) => MdastRoot, parseHtml: HtmlParser | undefined): MdastRoot {
  if (entry.mdast) return entry.mdast;
  const text = unpackText(entry.text);
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const body = entry.bodyLineOffset === 0 ? normalised : normalised.split('\n').slice(entry.bodyLineOffset).join('\n');
  const mdast = parseMarkdown(markdownOf(body, entry.bodyLineOffset));
  // As `loadEntry` did; its warnings are in the entry's load record.
  removeUnsafeUrls(mdast, { file: entry.displayPath, source: entry.text }, parseHtml);
  return entry.titleFrom === 'heading' ? withoutTitleHeading(mdast) : mdast;
}

/** What is parsed: the body, after as many empty lines as the front matter took, so positions are file positions. */
function markdownOf(body: string, bodyLineOffset: number): string {
  return '\n'.repeat(bodyLineOffset) + body;
}

/** The heading became the title: the templates show it, so it is dropped from the body. */
function withoutTitleHeading(mdast: MdastRoot): MdastRoot {
  return { ...mdast, children: mdast.children.slice(1) };
}

/** Tags or categories as written, without invisible characters (`g\u200Bo` is `go`), each once. */
function namesOf(list: readonly string[] | undefined): string[] {
  return [...new Set((list ?? []).map((name) => withoutInvisibles(name).trim()).filter((name) => name !== ''))];
}

/** Category paths as written, without invisible characters or empty names, each path once. */
function pathsOf(paths: ReadonlyArray<readonly string[]> | undefined): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const raw of paths ?? []) {
    const names = raw.map((name) => withoutInvisibles(String(name)).trim()).filter((name) => name !== '');
    const key = names.join('\u0000');
    if (names.length > 0 && !seen.has(key)) {
      seen.add(key);
      out.push(names);
    }
  }
  return out;
}
