import { z } from 'zod';
import { diagnostic, type Diagnostic, type Place } from '../diagnostics.js';

/**
 * Front-matter fields that place a page in the page tree and the navigation. They mean something
 * on pages only: on posts (where Hugo's `weight`/`menu` and Jekyll themes' `sidebar` come in all
 * shapes) they stay unknown fields, kept for templates.
 */
export const PAGE_NAV_FIELDS: ReadonlySet<string> = new Set(['weight', 'menu', 'sidebar']);

const schema = z.object({
  weight: z.int('expected a whole number').optional(),
  menu: z.boolean('expected true or false').optional(),
  sidebar: z.boolean('expected true or false').optional(),
});

const HINTS: Readonly<Record<string, string>> = {
  weight: 'use a whole number such as `weight: 10` (lower comes first)',
  menu: 'use `menu: false` to keep the page out of the top navigation, or leave it out (Hugo’s `menu: main` is not needed)',
  sidebar: 'use `sidebar: false` to hide the side navigation on this page, or leave it out',
};

export interface PageNavFields {
  readonly weight: number | undefined;
  readonly menu: boolean | undefined;
  readonly sidebar: boolean | undefined;
}

/** `weight:`, `menu:` and `sidebar:` of a page, or a problem at the line and column of each wrong one. */
export function readPageNavFields(
  data: Readonly<Record<string, unknown>>,
  at: (field: PropertyKey[]) => Place,
): { fields: PageNavFields; problems: Diagnostic[] } {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { fields: { weight: parsed.data.weight, menu: parsed.data.menu, sidebar: parsed.data.sidebar }, problems: [] };
  const problems = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0]);
    return diagnostic('FrontMatterInvalid', `front-matter field \`${issue.path.map(String).join('.')}\`: ${issue.message}`, at(issue.path as PropertyKey[]), HINTS[field]);
  });
  return { fields: { weight: undefined, menu: undefined, sidebar: undefined }, problems };
}
