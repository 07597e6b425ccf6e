import { z } from 'zod';

const text = z.union([z.string(), z.number().transform(String)]);
/** A string or a list of strings; Hexo's nested category lists (`[[a, b], c]`) are flattened. */
const stringList = z
  .union([z.string().transform((s) => [s]), z.array(z.union([text, z.array(text)]), 'expected a list of strings')], 'expected a string or a list of strings')
  .transform((list) => list.flat().map((s) => s.trim()).filter((s) => s !== ''));
const dateValue = z.union([z.string(), z.date()]);
/**
 * Categories as Hexo reads them: a string is one category; a list of strings is ONE nested path
 * (`[编程, Go]` is Go inside 编程); a list with lists in it is several, each a path or a name.
 */
const categoryPaths = z
  .union([z.string().transform((s) => [[s]]), z.array(z.union([text, z.array(text)]), 'expected a list of strings')], 'expected a string or a list of strings')
  .transform((list) => (list.every((item) => typeof item === 'string') ? [list as string[]] : list.map((item) => (typeof item === 'string' ? [item] : item))));
/** `series: 名字` or `series: { name: 名字, order: 2 }`. */
const seriesValue = z.union([text.transform((name) => ({ name, order: undefined as number | undefined })), z.object({ name: text, order: z.int().optional() }, 'expected a name, or `name:` and `order:`')]);

/** Known front-matter fields. Unknown keys are kept for templates (`page.extra`). */
export const frontMatterSchema = z.looseObject({
  title: text.optional(),
  date: dateValue.optional(),
  updated: dateValue.optional(),
  /** Aliases used by Hugo (`lastmod`) and Jekyll/Hexo (`last_modified_at`, `modified`). */
  lastmod: dateValue.optional(),
  tags: stringList.optional(),
  categories: categoryPaths.optional(),
  series: seriesValue.optional(),
  draft: z.boolean().optional(),
  /** Hexo's `published: false` is a draft. */
  published: z.boolean().optional(),
  slug: text.optional(),
  permalink: z.string().optional(),
  /** Old URLs of this page (Hugo's `aliases`, jekyll-redirect-from's `redirect_from`): each gets a redirect. */
  aliases: stringList.optional(),
  redirect_from: stringList.optional(),
  description: z.string().optional(),
  summary: z.string().optional(),
  image: z.string().optional(),
  id: text.optional(),
  lang: z.string().min(2).optional(),
  /** The same text in another language carries the same key. */
  translationKey: text.optional(),
  issue: z.int().min(1).optional(),
  week: z.string().regex(/^\d{4}-W\d{2}$/, 'expected an ISO week such as 2025-W51').optional(),
  link: z.url('expected a whole URL such as https://github.com/junegunn/fzf').optional(),
  section: z.string().optional(),
  /** Table of contents: false for none, or the deepest heading level in it (2–4). */
  toc: z.union([z.boolean(), z.int().min(2).max(4)], 'expected true, false or a heading level from 2 to 4').optional(),
});

export type FrontMatterFields = z.output<typeof frontMatterSchema>;

export const KNOWN_FIELDS: ReadonlySet<string> = new Set(Object.keys(frontMatterSchema.shape));
