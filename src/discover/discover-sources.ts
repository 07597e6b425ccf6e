import { readdirSync, readlinkSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { diagnostic, warning, type Diagnostic } from '../diagnostics.js';
import type { Discovery, EntryKind, SourceFile } from '../types.js';
import { inspectPath } from './inspect-path.js';
import type { ReadGuard } from './read-guard.js';
import { findConfigFile } from '../config/load-config.js';

const KIND_OF_FOLDER: Readonly<Record<string, EntryKind>> = { posts: 'post', pages: 'page', weekly: 'weekly', notes: 'note' };
const MARKDOWN = /\.(md|markdown)$/i;
/** Folders a site moved from Jekyll still has; like every `_` folder they are skipped, but not silently. */
const JEKYLL_FOLDERS: Readonly<Record<string, string>> = {
  _posts: 'rename it to posts/ (names such as 2024-03-18-hello.md keep their date and slug)',
  _drafts: 'move its files into posts/ with `draft: true` in their front matter',
};

/**
 * Walk the content folder: every Markdown source with its kind, bundles with their files. A
 * symbolic link the guard refuses (out of the project, into .git/, the cache or the output) is an
 * error and is not followed; a FIFO, socket or device is skipped with a warning.
 */
export function discoverSources(contentDir: string, guard: ReadGuard): Discovery {
  const diagnostics: Diagnostic[] = [];
  const sources: SourceFile[] = [];
  const shown = (p: string) => path.relative(guard.root, p) || p;

  const folder = inspectPath(contentDir, guard);
  if (folder.kind === 'none' && folder.problem) return { sources, diagnostics: [folder.problem] };
  let top: Dirent[];
  try {
    if (folder.kind !== 'folder') throw new Error('not a folder');
    top = readdirSync(contentDir, { withFileTypes: true });
  } catch {
    return { sources, diagnostics: [contentDirMissing(contentDir, shown(contentDir), guard.root)] };
  }

  for (const dirent of top.sort(byName)) {
    if (Object.hasOwn(JEKYLL_FOLDERS, dirent.name)) {
      const full = path.join(contentDir, dirent.name);
      diagnostics.push(warning('ReadError', `${shown(full)} is ignored: Jekyll's ${dirent.name}/ folder has another name in quire`, { file: shown(full) }, JEKYLL_FOLDERS[dirent.name]));
    }
    if (dirent.name.startsWith('.') || dirent.name.startsWith('_')) continue;
    const full = path.join(contentDir, dirent.name);
    const kind = Object.hasOwn(KIND_OF_FOLDER, dirent.name) ? KIND_OF_FOLDER[dirent.name] : undefined;
    if (!kind) {
      const near = { post: 'posts', page: 'pages', note: 'notes', blog: 'posts', articles: 'posts' }[dirent.name.toLowerCase()];
      diagnostics.push(
        warning('ReadError', `${shown(full)} is ignored: quire reads only posts/, pages/, weekly/ and notes/ in the content folder`, { file: shown(full) }, near ? `rename it to ${near}/` : undefined),
      );
      continue;
    }
    const found = inspectPath(full, guard);
    if (found.kind === 'none' && found.problem) diagnostics.push(found.problem);
    if (found.kind !== 'folder') continue;
    walk(full, kind, new Set([found.real]));
  }

  function walk(dir: string, kind: EntryKind, seen: Set<string>): void {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort(byName);
    } catch (error) {
      diagnostics.push(diagnostic('ReadError', `cannot read folder: ${(error as Error).message}`, { file: shown(dir) }));
      return;
    }
    const found = new Map(entries.filter((e) => !e.name.startsWith('.')).map((e) => [e.name, inspectPath(path.join(dir, e.name), guard)] as const));
    const index = dir !== path.join(contentDir, folderOf(kind)) ? entries.find((e) => /^index\.(md|markdown)$/i.test(e.name) && found.get(e.name)?.kind === 'file') : undefined;
    // In pages/, a folder with an index.md is a section: its other Markdown files and folders are
    // pages of their own (see src/collect/page-tree.ts), only its other files are the index's bundle.
    const section = kind === 'page';
    if (index) {
      sources.push({ kind, path: path.join(dir, index.name), rel: toRel(path.join(dir, index.name)), assets: listAssets(dir, '', seen, found, section) });
      if (!section) return;
    }
    for (const e of entries) {
      const what = found.get(e.name);
      if (!what || e === index) continue;
      const full = path.join(dir, e.name);
      if (what.kind === 'folder') {
        if (seen.has(what.real)) {
          diagnostics.push(warning('ReadError', `${shown(full)} is a link back into a folder already read (a symlink loop); skipped`, { file: shown(full) }));
          continue;
        }
        walk(full, kind, new Set([...seen, what.real]));
      } else if (/^_index\.(md|markdown)$/i.test(e.name)) {
        // Hugo's section page: quire makes list pages itself.
        diagnostics.push(warning('ReadError', `${shown(full)} is ignored: a Hugo section page (_index.md) has no meaning in quire`, { file: shown(full) }, 'move its text to a page in content/pages/ if you need it'));
      } else if (what.kind === 'none' && what.problem) {
        diagnostics.push(what.problem);
      } else if (MARKDOWN.test(e.name) && what.kind === 'file') {
        sources.push({ kind, path: full, rel: toRel(full), assets: [] });
      } else if (MARKDOWN.test(e.name) && what.kind === 'none' && what.broken) {
        // A post behind a broken link is not silently left out.
        diagnostics.push(diagnostic('ReadError', `${shown(full)} is a symbolic link to ${safeReadlink(full)}, which does not exist or cannot be read`, { file: shown(full) }, 'fix or remove the link'));
      }
    }
  }

  /** A bundle's files (`found`: what is in `dir`, already looked at). */
  function listAssets(dir: string, prefix: string, seen: Set<string>, found?: ReadonlyMap<string, ReturnType<typeof inspectPath>>, section = false): string[] {
    const out: string[] = [];
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort(byName);
    } catch {
      return out;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      const rel = prefix + e.name;
      if (prefix === '' && /^index\.(md|markdown)$/i.test(e.name)) continue;
      const what = found?.get(e.name) ?? inspectPath(full, guard);
      // A section's Markdown files are its pages, and a folder with an index.md is a section or bundle of its own.
      if (section && MARKDOWN.test(e.name)) continue;
      if (what.kind === 'folder') {
        if (seen.has(what.real) || (section && hasIndex(full))) continue;
        out.push(...listAssets(full, rel + '/', new Set([...seen, what.real]), undefined, section));
      } else if (what.kind === 'file') {
        out.push(rel);
      } else if (what.problem) {
        diagnostics.push(what.problem);
      }
    }
    return out;
  }

  function hasIndex(dir: string): boolean {
    try {
      return readdirSync(dir).some((name) => /^index\.(md|markdown)$/i.test(name) && inspectPath(path.join(dir, name), guard).kind === 'file');
    } catch {
      return false;
    }
  }

  function toRel(p: string): string {
    return path.relative(contentDir, p).split(path.sep).join('/');
  }

  return { sources, diagnostics };
}

function folderOf(kind: EntryKind): string {
  return Object.entries(KIND_OF_FOLDER).find(([, k]) => k === kind)![0];
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function safeReadlink(p: string): string {
  try {
    return readlinkSync(p);
  } catch {
    return '?';
  }
}


/** No content folder: where it looked, and what to run — from the site's folder when this is one below it. */
function contentDirMissing(contentDir: string, shownDir: string, root: string): Diagnostic {
  const site = findConfigFile(root) ? undefined : siteAbove(root);
  const hint = site
    ? `${site} holds a quire config: run quire there (cd ${site}), or pass --root ${site}`
    : 'to start a site in this folder, run `quire init` (or `npx quire-ssg init`), or `npm create quire@latest my-blog` for a new one; in an existing site, create the folder with posts/ and pages/ inside, or set `contentDir` in the config';
  return diagnostic('ContentDirMissing', `the content folder ${shownDir}/ does not exist or cannot be read (looked in ${contentDir})`, {}, hint);
}

/** The nearest folder above `root` with a quire config, if any. */
function siteAbove(root: string): string | undefined {
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    if (findConfigFile(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
