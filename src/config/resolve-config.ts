import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IANAZone } from 'luxon';
import type { PluggableList } from 'unified';
import { diagnostic, QuireError, type Diagnostic } from '../diagnostics.js';
import type { MarkdownLimits } from '../load/markdown-limits.js';
import type { LoadedConfig } from './load-config.js';

/** What one content file may hold: its Markdown's shapes, its tags, its size. */
export interface InputLimits extends MarkdownLimits {
  readonly tags: number;
  readonly fileBytes: number;
}

export interface BuildFlags {
  /** Override of `outDir`, relative to the working directory of the caller. */
  readonly outDir?: string;
  readonly baseUrl?: string;
  readonly drafts?: boolean;
  readonly future?: boolean;
  /** false: neither read nor write the build cache. */
  readonly cache?: boolean;
  /** The instant "future" is measured against; tests pin it. */
  readonly now?: Date;
  /** Threads for parsing and rendering entries (1: the main thread only); default: one per core. */
  readonly threads?: number;
}

export interface ResolvedConfig {
  readonly root: string;
  readonly configFile: string | undefined;
  readonly contentDir: string;
  readonly publicDir: string;
  readonly outDir: string;
  /** The site's own templates folder (may not exist) and quire's default theme behind it. */
  readonly templateDirs: readonly string[];
  readonly title: string;
  readonly description: string;
  /** Absolute site URL, always ending in `/`. */
  readonly url: string;
  /** Path part of `url`, always starting and ending in `/` (e.g. `/blog/`). */
  readonly basePath: string;
  readonly language: string;
  readonly timezone: string;
  readonly author: { readonly name: string; readonly email?: string; readonly url?: string } | undefined;
  readonly permalink: string;
  readonly paginate: number;
  readonly summaryLength: number;
  readonly highlight: {
    readonly themes: { readonly light: string; readonly dark: string };
    readonly lineNumbers: boolean;
    readonly tabWidth: number;
    readonly aliases: Readonly<Record<string, string>>;
  };
  readonly weekly: { readonly sections: readonly string[]; readonly title: string; readonly titleUntitled: string };
  /** Absolute path of the build cache folder, or undefined when caching is off. */
  readonly cacheDir: string | undefined;
  readonly markdown: { readonly remarkPlugins: PluggableList; readonly rehypePlugins: PluggableList };
  /** Items per feed (0 = all); `full` HTML or `summary` in each item. */
  readonly feed: { readonly limit: number; readonly content: 'full' | 'summary' };
  readonly params: Readonly<Record<string, unknown>>;
  /** Largest input shapes accepted (see `limits` in the config schema). */
  readonly limits: InputLimits;
  readonly drafts: boolean;
  readonly future: boolean;
  readonly now: Date;
}

export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Turn the validated user config plus CLI flags into the one read-only config every stage gets. */
export function resolveConfig(loaded: LoadedConfig, flags: BuildFlags = {}, cwd: string = loaded.root): ResolvedConfig {
  const { root, config } = loaded;
  const where = loaded.file ? { file: path.relative(root, loaded.file) || loaded.file } : {};
  const problems: Diagnostic[] = [];

  if (!IANAZone.isValidZone(config.timezone)) {
    problems.push(diagnostic('ConfigInvalid', `\`timezone\` "${config.timezone}" is not an IANA time zone`, where, 'use a name such as "Asia/Shanghai", "Europe/Berlin" or "UTC"'));
  }
  let language = config.language;
  try {
    language = Intl.getCanonicalLocales(config.language)[0] ?? config.language;
  } catch {
    problems.push(diagnostic('ConfigInvalid', `\`language\` "${config.language}" is not a BCP 47 language tag`, where, 'use e.g. "zh-CN" or "en"'));
  }

  const rawUrl = flags.baseUrl ?? config.url;
  let url = rawUrl;
  let basePath = '/';
  try {
    const parsed = new URL(rawUrl);
    if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
    parsed.search = '';
    parsed.hash = '';
    url = parsed.href;
    basePath = parsed.pathname;
  } catch {
    problems.push(diagnostic('ConfigInvalid', `site url "${rawUrl}" is not an absolute URL`, flags.baseUrl ? {} : where, 'write it like https://example.org/ or https://example.org/blog/'));
  }

  if (!/:slug\b/.test(config.permalink) && !/:title\b/.test(config.permalink)) {
    problems.push(diagnostic('ConfigInvalid', `\`permalink\` "${config.permalink}" has no :slug, so every post would get the same URL`, where, 'e.g. "/posts/:slug/" or "/:year/:month/:slug/"'));
  }

  const contentDir = path.resolve(root, config.contentDir);
  const publicDir = path.resolve(root, config.publicDir);
  const outDir = flags.outDir !== undefined ? path.resolve(cwd, flags.outDir) : path.resolve(root, config.outDir);
  const unsafe = unsafeOutDir(outDir, { root, contentDir, publicDir, templatesDir: path.resolve(root, config.templatesDir) });
  if (unsafe) problems.push(diagnostic('OutDirUnsafe', `refusing to build into ${outDir}: ${unsafe}`, {}, 'choose a folder of its own, e.g. "dist"'));

  if (problems.length > 0) throw new QuireError(problems);

  return Object.freeze({
    root,
    configFile: loaded.file,
    contentDir,
    publicDir,
    outDir,
    templateDirs: Object.freeze([path.resolve(root, config.templatesDir), BUILTIN_TEMPLATES]),
    title: config.title,
    description: config.description,
    url,
    basePath,
    language,
    timezone: config.timezone,
    author: config.author,
    permalink: config.permalink,
    paginate: config.paginate,
    summaryLength: config.summaryLength,
    highlight: config.highlight,
    weekly: {
      sections: config.weekly.sections,
      title: config.weekly.title ?? (language.toLowerCase().startsWith('zh') ? '周报 {n} —— {title}' : 'Weekly #{n}: {title}'),
      titleUntitled: config.weekly.titleUntitled ?? (language.toLowerCase().startsWith('zh') ? '周报 {n}' : 'Weekly #{n}'),
    },
    cacheDir: flags.cache === false ? undefined : path.resolve(root, config.cacheDir),
    markdown: config.markdown as ResolvedConfig['markdown'],
    feed: config.feed,
    params: config.params,
    limits: config.limits,
    drafts: flags.drafts ?? false,
    future: flags.future ?? false,
    now: flags.now ?? new Date(),
  });
}

/** Why `outDir` would destroy something (it is replaced wholesale on every build), or undefined. */
export function unsafeOutDir(
  outDir: string,
  dirs: { root: string; contentDir: string; publicDir: string; templatesDir: string },
): string | undefined {
  if (outDir === path.parse(outDir).root) return 'it is the file-system root';
  const within = (child: string, parent: string) => {
    const rel = path.relative(parent, child);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
  };
  const named: Array<[string, string]> = [
    ['the project root', dirs.root],
    ['the content folder', dirs.contentDir],
    ['the public folder', dirs.publicDir],
    ['the templates folder', dirs.templatesDir],
  ];
  for (const [name, dir] of named) {
    if (outDir === dir) return `it is ${name}`;
    if (within(dir, outDir)) return `it contains ${name}`;
  }
  if (within(outDir, dirs.contentDir)) return 'it is inside the content folder';
  if (within(outDir, dirs.publicDir)) return 'it is inside the public folder';
  return undefined;
}
