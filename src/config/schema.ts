// The theme list alone (11 ms to import), not all of shiki (83 ms): every command loads the config.
import { bundledThemes } from 'shiki/themes';
import { z } from 'zod';
import type { PluggableList } from 'unified';

/** A theme shiki bundles (https://shiki.style/themes). */
const themeName = z.string().refine((name) => Object.hasOwn(bundledThemes, name), { error: (issue) => `${JSON.stringify(issue.input)} is not a shiki theme (see https://shiki.style/themes, e.g. github-light, github-dark)` });

const plugin = z.union([z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'a plugin function'), z.array(z.unknown()).min(1)]);

/** The `limits` a site gets unless its config sets others (see docs/content/pages/hostile-input.md). */
export const DEFAULT_LIMITS = Object.freeze({
  nesting: 32,
  containerBlocks: 500,
  emphasisRuns: 1000,
  tableRows: 2000,
  tableColumns: 64,
  footnotes: 500,
  htmlNesting: 128,
  tags: 100,
  fileBytes: 10 * 1024 * 1024,
});

export const userConfigSchema = z.strictObject({
  title: z.string().min(1).default('My Blog'),
  description: z.string().default(''),
  url: z.url({ protocol: /^https?$/ }).default('http://localhost:4321/'),
  language: z.string().min(2).default('zh-CN'),
  timezone: z.string().default('UTC'),
  author: z
    .strictObject({
      name: z.string().min(1),
      email: z.email().optional(),
      // Published in feeds and JSON-LD: no javascript:, data: or other scheme a reader's browser would run.
      url: z.url({ protocol: /^(https?|mailto)$/, error: 'expected an http(s) or mailto: URL' }).optional(),
    })
    .optional(),
  permalink: z.string().default('/posts/:slug/'),
  paginate: z.int().min(1).max(1000).default(10),
  /** Automatic summary length in words; a CJK character counts as half a word. */
  summaryLength: z.int().min(10).max(10000).default(70),
  outDir: z.string().min(1).default('dist'),
  contentDir: z.string().min(1).default('content'),
  publicDir: z.string().min(1).default('public'),
  templatesDir: z.string().min(1).default('templates'),
  highlight: z
    .strictObject({
      themes: z.strictObject({ light: themeName, dark: themeName }).default({ light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' }),
      /** Line numbers on every block (a fence's `showLineNumbers` / `noLineNumbers` wins). */
      lineNumbers: z.boolean().default(false),
      tabWidth: z.int().min(1).max(16).default(4),
      /** Extra fence names, e.g. `{ "vue2": "vue" }`. */
      aliases: z.record(z.string(), z.string()).default({}),
    })
    .prefault({}),
  weekly: z
    .strictObject({
      /** Order of sections in an issue; sections not listed follow in the order they appear. */
      sections: z.array(z.string().min(1)).default([]),
      /** Title with `{n}` and `{title}`; default `周报 {n} —— {title}` (zh) / `Weekly #{n}: {title}`. */
      title: z.string().min(1).optional(),
      /** Title when the issue has none; default `周报 {n}` / `Weekly #{n}`. */
      titleUntitled: z.string().min(1).optional(),
      /** Title of the weekly feeds and their links; default `周报 · <site title>` / `Weekly · <site title>`. */
      feedTitle: z.string().min(1).optional(),
    })
    .prefault({}),
  /** Folder for the build cache (highlighted code); safe to delete. */
  cacheDir: z.string().min(1).default('.quire-cache'),
  markdown: z
    .strictObject({
      remarkPlugins: z.array(plugin).default([]),
      rehypePlugins: z.array(plugin).default([]),
    })
    .default({ remarkPlugins: [], rehypePlugins: [] }),
  /** Feeds (RSS, Atom, JSON Feed): items per feed (0 = all) and full text or summaries. */
  feed: z
    .strictObject({
      limit: z.int().min(0).default(20),
      content: z.enum(['full', 'summary']).default('full'),
    })
    .default({ limit: 20, content: 'full' }),
  /**
   * Folders outside the project (relative to it) that symbolic links in content/, public/ and
   * templates/ may lead into; any other link out of the project is an error.
   */
  allowSymlinksTo: z.array(z.string().min(1)).default([]),
  /** `quire dev`: host names (besides localhost and the address it listens on) it answers; `.example.org` also allows subdomains. */
  dev: z
    .strictObject({
      allowedHosts: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  /**
   * Largest input shapes a build accepts (each far above what real posts use): past one, the file
   * is an error at the place it is passed, before its Markdown is parsed, so no input can stall a build.
   */
  limits: z
    .strictObject({
      /** Lists and block quotes open at once on one line. */
      nesting: z.int().min(1).default(DEFAULT_LIMITS.nesting),
      /** Lists, nested list items and block quotes closed, per file. */
      containerBlocks: z.int().min(1).default(DEFAULT_LIMITS.containerBlocks),
      /** Emphasis delimiters (`*`, `_`, `~`) that can close, per paragraph. */
      emphasisRuns: z.int().min(1).default(DEFAULT_LIMITS.emphasisRuns),
      /** Rows of one table. */
      tableRows: z.int().min(1).default(DEFAULT_LIMITS.tableRows),
      /** Columns of one table. */
      tableColumns: z.int().min(1).default(DEFAULT_LIMITS.tableColumns),
      /** Footnote definitions per file. */
      footnotes: z.int().min(1).default(DEFAULT_LIMITS.footnotes),
      /** Raw HTML elements open at once. */
      htmlNesting: z.int().min(1).default(DEFAULT_LIMITS.htmlNesting),
      /** Tags (and, separately, categories) per entry. */
      tags: z.int().min(1).default(DEFAULT_LIMITS.tags),
      /** Size of one content file. */
      fileBytes: z.int().min(1).default(DEFAULT_LIMITS.fileBytes),
    })
    .prefault({}),
  /** Free-form values handed to templates as `site.params`. */
  params: z.record(z.string(), z.unknown()).default({}),
});

export type UserConfig = z.input<typeof userConfigSchema> & {
  markdown?: { remarkPlugins?: PluggableList; rehypePlugins?: PluggableList };
};
export type ParsedConfig = z.output<typeof userConfigSchema>;

/** Every top-level key, for "did you mean" suggestions. */
export const configKeys: readonly string[] = Object.keys(userConfigSchema.shape);
