import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { diagnostic, QuireError, type Diagnostic } from '../diagnostics.js';
import type { ScaffoldLanguage } from './init-options.js';
import { mergeGitignore, mergePackageJson, newPackageJson, type PackageWish } from './merge-existing.js';
import { readScaffold } from './read-scaffold.js';

export interface InitOptions {
  /** Absolute path of the new site's folder (created when missing). */
  readonly dir: string;
  /** The folder as the user named it, for messages. */
  readonly displayDir: string;
  readonly language: ScaffoldLanguage;
  readonly timezone: string;
  /** Written as the date of the first post, issue and note, in `timezone`. */
  readonly now: Date;
  /** Allow a folder with other files in it; scaffold files of the same name are overwritten. */
  readonly force: boolean;
  /** Version of the running quire: the new site depends on `^version` (or on its vendored tarball). */
  readonly quireVersion: string;
}

/** The npm name quire is published under; its command is `quire`. */
export const PACKAGE_NAME = 'quire-ssg';

export type InitAction = 'created' | 'overwrote' | 'updated' | 'unchanged';

export interface InitFile {
  /** Relative to the site folder, `/`-separated. */
  readonly path: string;
  readonly action: InitAction;
  /** For `updated`/`unchanged`: what was added, and existing values kept although they differ. */
  readonly added?: readonly string[];
  readonly kept?: readonly string[];
}

export interface InitResult {
  readonly dir: string;
  readonly files: readonly InitFile[];
  /** The quire-ssg dependency the scaffold asked for: `^version` or `file:vendor/….tgz`. */
  readonly dependency: string;
}

/**
 * What a new or empty-enough folder may already hold: a fresh GitHub repository, what
 * `npm install -D quire-ssg` leaves, or a `vendor/` folder with quire's tarball. Anything else
 * needs `--force`.
 */
const TOLERATED = /^(\.git|\.gitattributes|\.gitignore|\.DS_Store|Thumbs\.db|node_modules|vendor|package\.json|package-lock\.json|(readme|license|licence|copying)(\.[^.]*)?)$/i;

/** The order in which the written files are listed. */
const ORDER = ['quire.config.ts', 'content/posts/', 'content/pages/', 'content/weekly/', 'content/notes/', 'package.json', '.gitignore', '.github/', ''];

/** Files completed rather than replaced when they exist. */
const MERGED = new Set(['package.json', '.gitignore']);

/**
 * Write a new site: config, a post, a page, a weekly issue, a note, package.json, .gitignore and
 * a GitHub Pages workflow. Checks everything before writing anything; never deletes a file.
 * Throws QuireError.
 */
export function initSite(options: InitOptions): InitResult {
  checkFolder(options);

  const when = DateTime.fromJSDate(options.now, { zone: options.timezone });
  const scaffold = readScaffold(options.language, {
    now: when.toFormat('yyyy-MM-dd HH:mm:ss'),
    week: when.toFormat("kkkk-'W'WW"),
    timezone: options.timezone,
  });
  const dependency = dependencyRange(options);
  const wish: PackageWish = {
    name: packageName(options.dir),
    scripts: { build: 'quire build', dev: 'quire dev --drafts --future' },
    devDependencies: { [PACKAGE_NAME]: dependency },
  };

  const planned: Array<{ file: InitFile; text: string }> = [];
  const problems: Diagnostic[] = [];
  for (const { path: rel, text: wanted } of [{ path: 'package.json', text: newPackageJson(wish) }, ...scaffold]) {
    const full = path.join(options.dir, ...rel.split('/'));
    if (!existsSync(full)) {
      planned.push({ file: { path: rel, action: 'created' }, text: wanted });
      continue;
    }
    if (!MERGED.has(rel)) {
      planned.push({ file: { path: rel, action: 'overwrote' }, text: wanted });
      continue;
    }
    try {
      const existing = readFileSync(full, 'utf8');
      const merged = rel === 'package.json' ? mergePackageJson(existing, wish) : mergeGitignore(existing, wanted);
      const action = merged.text === existing ? 'unchanged' : 'updated';
      planned.push({ file: { path: rel, action, added: merged.added, kept: merged.kept }, text: merged.text });
    } catch (error) {
      problems.push(
        diagnostic('ReadError', `cannot complete the existing ${rel}: ${(error as Error).message}`, { file: shown(options, rel) }, `${rel === 'package.json' ? 'fix it (it must be a JSON object)' : 'fix it'}, or remove it and run quire init again`),
      );
    }
  }
  if (problems.length > 0) throw new QuireError(problems);

  for (const { file, text } of planned) {
    if (file.action === 'unchanged') continue;
    const full = path.join(options.dir, ...file.path.split('/'));
    try {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    } catch (error) {
      throw new QuireError([
        diagnostic('WriteError', `cannot write the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: shown(options, file.path) }, 'check that the folder is writable and that no folder of that name is in the way'),
      ]);
    }
  }
  const rank = (p: string) => ORDER.findIndex((prefix) => p.startsWith(prefix));
  const files = planned.map((p) => p.file).sort((a, b) => rank(a.path) - rank(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { dir: options.dir, files, dependency };
}

function checkFolder(options: InitOptions): void {
  let names: string[];
  try {
    if (!statSync(options.dir).isDirectory()) {
      throw new QuireError([diagnostic('WriteError', `${options.displayDir} is a file, not a folder`, {}, 'name a new or empty folder: `quire init my-blog`')]);
    }
    names = readdirSync(options.dir);
  } catch (error) {
    if (error instanceof QuireError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new QuireError([diagnostic('ReadError', `cannot read the folder ${options.displayDir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {}, 'check its permissions')]);
  }
  const others = names.filter((name) => !TOLERATED.test(name)).sort();
  if (others.length === 0 || options.force) return;
  const listed = others.slice(0, 5).join(', ') + (others.length > 5 ? ` and ${others.length - 5} more` : '');
  throw new QuireError([
    diagnostic(
      'InitFolderNotEmpty',
      `${options.displayDir === '.' ? options.dir : options.displayDir} is not empty (${listed})`,
      {},
      'name a new folder (`quire init my-blog`, or `npm create quire@latest my-blog`), or add --force (after `--` with npm create: `-- --force`) to write the scaffold beside what is there: files of the same name are overwritten, package.json and .gitignore are completed, nothing is deleted',
    ),
  ]);
}

/**
 * What the new site depends on: the tarball in its `vendor/` folder when there is one
 * (`file:vendor/quire-ssg-X.Y.Z.tgz`, a path inside the repository that `npm ci` finds on a clean
 * CI runner), else `^` the running version from the npm registry. Throws QuireError when
 * `vendor/` holds several tarballs and none is the running version's.
 */
export function dependencyRange(options: Pick<InitOptions, 'dir' | 'displayDir' | 'quireVersion'>): string {
  const tarball = vendoredTarball(path.join(options.dir, 'vendor'), options.quireVersion);
  if (tarball === undefined) return `^${options.quireVersion}`;
  if (typeof tarball === 'string') return `file:vendor/${tarball}`;
  throw new QuireError([
    diagnostic(
      'InitInvalidOption',
      `vendor/ holds ${tarball.length} quire tarballs (${tarball.join(', ')}) and none is this quire's (${PACKAGE_NAME}-${options.quireVersion}.tgz)`,
      { file: shown(options, 'vendor') },
      'keep only the tarball the site should install, then run quire init again',
    ),
  ]);
}

/**
 * The quire-ssg tarball in `vendorDir`: the one of `preferredVersion`, else the only one.
 * Undefined when there is none; the list of names when there are several to choose from.
 */
export function vendoredTarball(vendorDir: string, preferredVersion: string): string | string[] | undefined {
  let names: string[];
  try {
    names = readdirSync(vendorDir);
  } catch {
    return undefined;
  }
  const found = names.filter((name) => name.startsWith(`${PACKAGE_NAME}-`) && name.endsWith('.tgz')).sort();
  if (found.includes(`${PACKAGE_NAME}-${preferredVersion}.tgz`)) return `${PACKAGE_NAME}-${preferredVersion}.tgz`;
  if (found.length <= 1) return found[0];
  return found;
}

/** An npm package name from the folder name; `my-blog` when nothing usable is left. */
export function packageName(dir: string): string {
  const name = path
    .basename(path.resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 214);
  return name === '' || name === 'node_modules' || name === 'favicon.ico' ? 'my-blog' : name;
}

function shown(options: Pick<InitOptions, 'displayDir'>, rel: string): string {
  return options.displayDir === '.' ? rel : path.posix.join(options.displayDir.split(path.sep).join('/'), rel);
}
