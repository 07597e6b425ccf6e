import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IANAZone } from 'luxon';
import type { PluggableList } from 'unified';
import { diagnostic, QuireError, type Diagnostic, type Place } from '../diagnostics.js';
import type { MarkdownLimits } from '../load/markdown-limits.js';
import type { LoadedConfig } from './load-config.js';
import { unsafeOutDir } from './project-dirs.js';
import { uiStrings } from '../render/ui-strings.js';
import type { AnalyticsConfig, CommentsConfig } from './integrations-schema.js';
import { DEFAULT_NAV, type NavEntryName, type ParsedConfig } from './schema.js';

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

/** A language of the site besides the default one: its pages live under `prefix`. */
export interface SiteLanguage {
  /** BCP 47 tag, canonical (`en`, `zh-TW`). */
  readonly lang: string;
  /** URL path of its home, `/en/`. */
  readonly prefix: string;
  readonly title: string;
  readonly description: string;
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
  /** The other languages of the site (config `languages`), each with its URL prefix (`/en/`), title and description. */
  readonly languages: readonly SiteLanguage[];
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
  readonly categories: { readonly nested: boolean };
  readonly weekly: {
    readonly sections: readonly string[];
    readonly title: string;
    readonly titleUntitled: string;
    readonly feedTitle: string;
    readonly repeatedLinks: 'warning' | 'error' | 'ignore';
    readonly stripParams: readonly string[];
  };
  /** Absolute path of the build cache folder, or undefined when caching is off. */
  readonly cacheDir: string | undefined;
  readonly markdown: {
    readonly remarkPlugins: PluggableList;
    readonly rehypePlugins: PluggableList;
    readonly cjk: { readonly emphasis: boolean; readonly lineBreaks: boolean };
    readonly breaks: boolean;
    readonly math: boolean;
    readonly mermaid: boolean;
  };
  /** Items per feed (0 = all); `full` HTML or `summary` in each item. */
  readonly feed: { readonly limit: number; readonly content: 'full' | 'summary' };
  readonly params: Readonly<Record<string, unknown>>;
  /** Deepest heading level in a table of contents (2–4), or false for none; `toc:` in front matter wins. */
  readonly toc: { readonly depth: number | false };
  /** The top nav's entries in order: built-in ones by name, links of the config's own. */
  readonly nav: { readonly menu: ReadonlyArray<NavEntryName | { readonly title: string; readonly url: string }> };
  /** Absolute paths of the folders outside the project that symbolic links may lead into. */
  readonly allowSymlinksTo: readonly string[];
  /** `quire dev`: extra host names it answers (`.example.org`: that name and its subdomains). */
  readonly dev: { readonly allowedHosts: readonly string[] };
  /** Largest input shapes accepted (see `limits` in the config schema). */
  readonly limits: InputLimits;
  /** The notes stream (`/notes/` and its feeds). */
  readonly notes: { readonly page: boolean };
  /** Comments and visitor analytics (see src/render/integrations/); undefined: none. */
  readonly comments: CommentsConfig | undefined;
  readonly analytics: AnalyticsConfig | undefined;
  /** Responsive images (see `images` in the config schema); false: images are copied as they are. */
  readonly images: ParsedConfig['images'];
  readonly drafts: boolean;
  readonly future: boolean;
  readonly now: Date;
}

export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Turn the validated user config plus CLI flags into the one read-only config every stage gets. */
export function resolveConfig(loaded: LoadedConfig, flags: BuildFlags = {}, cwd: string = loaded.root): ResolvedConfig {
  const { root, config } = loaded;
  const file = loaded.file ? { file: path.relative(root, loaded.file) || loaded.file } : {};
  // The place of a value in the config file: its line and column when the file shows it.
  const where = (fieldPath: readonly PropertyKey[], at: 'key' | 'value' = 'value'): Place => {
    const position = loaded.locate?.positionOf(fieldPath, at);
    return position && loaded.locate ? { ...file, ...position, source: loaded.locate.text } : file;
  };
  const problems: Diagnostic[] = [];

  if (!IANAZone.isValidZone(config.timezone)) {
    problems.push(diagnostic('ConfigInvalid', `\`timezone\` "${config.timezone}" is not an IANA time zone`, where(['timezone']), 'use a name such as "Asia/Shanghai", "Europe/Berlin" or "UTC"'));
  }
  let language = config.language;
  try {
    language = Intl.getCanonicalLocales(config.language)[0] ?? config.language;
  } catch {
    problems.push(diagnostic('ConfigInvalid', `\`language\` "${config.language}" is not a BCP 47 language tag`, where(['language']), 'use e.g. "zh-CN" or "en"'));
  }

  const languages = resolveLanguages(config.languages, language, config, where, problems);

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
    problems.push(diagnostic('ConfigInvalid', `site url "${rawUrl}" is not an absolute URL`, flags.baseUrl ? {} : where(['url']), 'write it like https://example.org/ or https://example.org/blog/'));
  }

  if (!/:slug\b/.test(config.permalink) && !/:title\b/.test(config.permalink)) {
    problems.push(diagnostic('ConfigInvalid', `\`permalink\` "${config.permalink}" has no :slug, so every post would get the same URL`, where(['permalink']), 'e.g. "/posts/:slug/" or "/:year/:month/:slug/"'));
  }

  const contentDir = path.resolve(root, config.contentDir);
  const publicDir = path.resolve(root, config.publicDir);
  const outDir = flags.outDir !== undefined ? path.resolve(cwd, flags.outDir) : path.resolve(root, config.outDir);
  const unsafe = unsafeOutDir(outDir, { root, contentDir, publicDir, templatesDir: path.resolve(root, config.templatesDir), cacheDir: path.resolve(root, config.cacheDir) });
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
    languages,
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
      feedTitle: config.weekly.feedTitle ?? `${uiStrings(language).weekly} · ${config.title}`,
      repeatedLinks: config.weekly.repeatedLinks,
      stripParams: config.weekly.stripParams,
    },
    categories: config.categories,
    cacheDir: flags.cache === false ? undefined : path.resolve(root, config.cacheDir),
    markdown: config.markdown as ResolvedConfig['markdown'],
    feed: config.feed,
    params: config.params,
    toc: { depth: config.toc.depth },
    nav: { menu: Object.freeze([...(config.nav.menu ?? DEFAULT_NAV)]) },
    allowSymlinksTo: Object.freeze(config.allowSymlinksTo.map((dir) => path.resolve(root, dir))),
    dev: { allowedHosts: Object.freeze([...config.dev.allowedHosts]) },
    limits: config.limits,
    notes: config.notes,
    comments: config.comments,
    analytics: config.analytics,
    images: config.images,
    drafts: flags.drafts ?? false,
    future: flags.future ?? false,
    now: flags.now ?? new Date(),
  });
}

/** `languages` of the config: canonical tags, a prefix each (default `/<tag>/`), none the default language, no prefix twice. */
function resolveLanguages(
  raw: LoadedConfig['config']['languages'],
  language: string,
  config: { readonly title: string; readonly description: string },
  where: (fieldPath: readonly PropertyKey[], at?: 'key' | 'value') => Place,
  problems: Diagnostic[],
): readonly SiteLanguage[] {
  const out: SiteLanguage[] = [];
  for (const [tag, options] of Object.entries(raw)) {
    let lang: string;
    try {
      lang = Intl.getCanonicalLocales(tag)[0] ?? tag;
    } catch {
      problems.push(diagnostic('ConfigInvalid', `\`languages\`: "${tag}" is not a BCP 47 language tag`, where(['languages', tag], 'key'), 'use e.g. "en" or "zh-TW"'));
      continue;
    }
    if (lang.toLowerCase() === language.toLowerCase()) {
      problems.push(diagnostic('ConfigInvalid', `\`languages\`: "${tag}" is the site's own \`language\``, where(['languages', tag], 'key'), 'the default language lives at the root: list only the other languages under `languages`'));
      continue;
    }
    const prefix = options.prefix ?? `/${lang.toLowerCase()}/`;
    const clash = out.find((other) => other.prefix.toLowerCase() === prefix.toLowerCase());
    if (clash) {
      problems.push(diagnostic('ConfigInvalid', `\`languages\`: "${tag}" and "${clash.lang}" both have the prefix ${prefix}`, where(['languages', tag], 'key'), 'give each language a folder of its own'));
      continue;
    }
    out.push(Object.freeze({ lang, prefix, title: options.title ?? config.title, description: options.description ?? config.description }));
  }
  return Object.freeze(out);
}
