// The theme list alone (11 ms to import), not all of shiki (83 ms): every command loads the config.
import { bundledThemes } from 'shiki/themes';
import { z } from 'zod';
import type { PluggableList } from 'unified';
import { suggestName } from '../cli-output/suggest-name.js';
import { analyticsSchema, commentsSchema } from './integrations-schema.js';

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

/** Query parameters that only track where a reader came from: taken off the links of weekly issues and notes (`weekly.stripParams`). */
export const DEFAULT_TRACKING_PARAMS: readonly string[] = ['utm_*', 'spm', 'from', 'fbclid', 'gclid', 'dclid', 'msclkid', 'yclid', 'mc_cid', 'mc_eid', 'igshid', 'ref_src', 'share_source', 'share_medium', 'vd_source', '_hsenc', '_hsmi', 'mkt_tok'];

/** What the top nav can list besides links of the config's own: `pages` is the top-level pages and folders of content/pages/. */
export const NAV_ENTRIES = ['archive', 'weekly', 'notes', 'tags', 'pages', 'search'] as const;
/** The top navigation of a site whose config sets no `nav.menu` (the notes stream is reached from the weekly pages). */
export const DEFAULT_NAV: readonly NavEntryName[] = ['archive', 'weekly', 'tags', 'pages', 'search'];
export type NavEntryName = (typeof NAV_ENTRIES)[number];

/** An entry of `nav.menu`: a built-in entry by name, or a link (an http(s) URL or a path on the site). */
const navItem = z.union(
  [
    z.enum(NAV_ENTRIES),
    z.strictObject({
      title: z.string().trim().min(1),
      url: z.string().regex(/^(https?:\/\/[^\s]+|\/(?!\/)\S*)$/i, 'expected an https:// or http:// URL, or a path on this site starting with /'),
    }),
  ],
  {
    error: (issue) => {
      if (typeof issue.input !== 'string') return `expected one of ${NAV_ENTRIES.join(', ')}, or a link { title, url } whose url starts with https://, http:// or /`;
      const near = suggestName(issue.input, NAV_ENTRIES);
      return `${JSON.stringify(issue.input)} is not a nav entry${near ? `: did you mean "${near}"?` : ` (known: ${NAV_ENTRIES.join(', ')})`}`;
    },
  },
);

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
      /** A link already published in an earlier issue: a warning (default), an error, or nothing. */
      repeatedLinks: z.enum(['warning', 'error', 'ignore']).default('warning'),
      /** Query parameters taken off the links of issues and notes (glob patterns such as `utm_*`); [] keeps all. */
      stripParams: z.array(z.string().min(1)).default([...DEFAULT_TRACKING_PARAMS]),
    })
    .prefault({}),
  /** Folder for the build cache (highlighted code); safe to delete. */
  cacheDir: z.string().min(1).default('.quire-cache'),
  markdown: z
    .strictObject({
      remarkPlugins: z.array(plugin).default([]),
      rehypePlugins: z.array(plugin).default([]),
      // CJK: emphasis next to full-width punctuation, soft line breaks between CJK characters; Hexo-style breaks
      /** CJK-correct Markdown, on by default: each can be turned off. */
      cjk: z
        .strictObject({
          /** `**加粗，**后面` is bold (emphasis and strikethrough next to CJK punctuation). */
          emphasis: z.boolean().default(true),
          /** A line break between two CJK characters is removed rather than shown as a space. */
          lineBreaks: z.boolean().default(true),
        })
        .prefault({}),
      /** Every line break in a paragraph is a `<br>` (Hexo's default), for migrated posts. */
      breaks: z.boolean().default(false),
      // math and diagrams
      /** `$…$` and `$$…$$` typeset with KaTeX at build time. */
      math: z.boolean().default(true),
      /** ```` ```mermaid ```` fences drawn as diagrams in the browser. */
      mermaid: z.boolean().default(true),
    })
    .prefault({}),
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
  /** Categories: pages and feeds under /categories/. */
  categories: z
    .strictObject({
      /** A list `[编程, Go]` is one nested category (Hexo); false: each name is a category of its own (Jekyll). */
      nested: z.boolean().default(true),
    })
    .prefault({}),
  /** The top navigation: its entries in order (default: archive, weekly, tags, pages, search). */
  nav: z
    .strictObject({
      menu: z.array(navItem).optional(),
    })
    .prefault({}),
  /** The notes stream: `/notes/` lists every published note, newest first, with its own feeds (notes/feed.xml, notes/atom.xml, notes/feed.json). */
  notes: z
    .strictObject({
      /** false: no /notes/ pages and no notes feeds (notes still go into their weekly issues). */
      page: z.boolean().default(true),
    })
    .prefault({}),
  /** Comments under posts (and pages or issues with `comments: true`) from one provider; none when absent. See src/render/integrations/. */
  comments: commentsSchema.optional(),
  /** Visitor analytics on every page: each block switches one service on; none when absent. */
  analytics: analyticsSchema.optional(),
  /**
   * Responsive images: local PNG, JPEG and WebP images wider than the smallest width get smaller
   * copies (WebP, AVIF if asked) served through `<picture>`/`srcset`; `false` copies images as they are.
   */
  images: z
    .union([
      z.literal(false),
      z.strictObject({
        /** Widths (CSS pixels) of the copies; none wider than the original is made. */
        widths: z.array(z.int().min(64).max(8192)).min(1).max(8).default([480, 960, 1600]),
        /** Formats of the copies, best first: `webp`, `avif` (much slower to encode). */
        formats: z.array(z.enum(['avif', 'webp'])).min(1).default(['webp']),
        /** Encoder quality, 1–100. */
        quality: z.int().min(1).max(100).default(80),
        /** Width of the copy in the original format: the `<img src>`, and the image of feeds and e-mail. */
        feedWidth: z.int().min(64).max(8192).default(960),
        /** The `sizes` attribute: how wide the image is shown (the default fits the built-in theme). */
        sizes: z.string().trim().min(1).max(500).default('(max-width: 42rem) calc(100vw - 2rem), 40rem'),
      }),
    ])
    .prefault({}),
  /** Table of contents of posts, pages and weekly issues: headings h2 down to `depth` (false: none); `toc:` in front matter wins. */
  toc: z
    .strictObject({
      depth: z.union([z.literal(false), z.int().min(2).max(4)], 'expected false or a heading level from 2 to 4').default(4),
    })
    .prefault({}),
  /**
   * Translations: the site's other languages, by BCP 47 tag (the default, `language`, stays at the
   * root). Entries with that `lang:` are published under the language's prefix (default `/<tag>/`).
   */
  languages: z
    .record(
      z.string().min(2),
      z.strictObject({
        prefix: z.string().regex(/^\/[^/\s?#%\\]+\/$/, 'expected one folder such as /en/').optional(),
        title: z.string().min(1).optional(),
        description: z.string().optional(),
      }),
    )
    .default({}),
  /** Free-form values handed to templates as `site.params`. */
  params: z.record(z.string(), z.unknown()).default({}),
});

export type UserConfig = z.input<typeof userConfigSchema> & {
  markdown?: { remarkPlugins?: PluggableList; rehypePlugins?: PluggableList; math?: boolean; mermaid?: boolean };
};
export type ParsedConfig = z.output<typeof userConfigSchema>;

/** Every top-level key, for "did you mean" suggestions. */
export const configKeys: readonly string[] = Object.keys(userConfigSchema.shape);
