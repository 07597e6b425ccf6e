import { distance } from 'fastest-levenshtein';
import { warning, type Diagnostic, type Place } from '../diagnostics.js';
import { frontMatterSchema, KNOWN_FIELDS } from './front-matter-schema.js';
import { PAGE_NAV_FIELDS } from './page-nav-fields.js';

/** The fields a page reads: a post's and the navigation ones. */
const PAGE_FIELDS: ReadonlySet<string> = new Set([...KNOWN_FIELDS, ...PAGE_NAV_FIELDS]);

/** A `FrontMatterUnknownKey` warning for each of `unknown` that looks like a slip for a field quire reads. */
export function mistypedFields(fields: Readonly<Record<string, unknown>>, unknown: readonly string[], isPage: boolean, placeOf: (key: string) => Place): Diagnostic[] {
  const set = new Set(Object.keys(fields));
  const problems: Diagnostic[] = [];
  for (const key of unknown) {
    const meant = mistypedField(key, isPage ? PAGE_FIELDS : KNOWN_FIELDS, set);
    // Only when its value would do for the field meant: `images: [a.png]` (Hugo) is not a slip for
    // `image`, nor `data: { … }` for `date`; renaming them as told would make an error.
    if (meant === undefined || !fitsField(meant, fields[key])) continue;
    problems.push(warning('FrontMatterUnknownKey', `front-matter field \`${key}\` is not one quire reads; did you mean \`${meant}\`?`, placeOf(key), `rename it to \`${meant}\`; if it is a field of your own, keep it: templates read it as \`extra.${key}\``));
  }
  return problems;
}

/** A singular that people write for a field quire reads as a list. */
const SINGULARS: Readonly<Record<string, string>> = { tag: 'tags', category: 'categories', alias: 'aliases' };

/**
 * The field quire reads that `key` (a front-matter key quire does not know) was most likely meant
 * to be: the same name in other letter case (`Tags`), the singular of a list field (`tag`), or,
 * for names of four letters or more, one edit away (`titel`, `draf`, `dtae` – a swap of two
 * neighbouring letters counts as one). Stricter than command suggestions on purpose: an unknown
 * key is legal (templates read it as `extra`), so only a near-certain slip is worth a warning.
 * Undefined when `present` already has the field it resembles: then both are meant.
 */
export function mistypedField(key: string, known: ReadonlySet<string>, present: ReadonlySet<string>): string | undefined {
  const meant = resembling(key, known);
  return meant !== undefined && !present.has(meant) ? meant : undefined;
}

function resembling(key: string, known: ReadonlySet<string>): string | undefined {
  const lower = key.toLowerCase();
  for (const field of known) if (field.toLowerCase() === lower) return field;
  const singular = SINGULARS[lower];
  if (singular !== undefined && known.has(singular)) return singular;
  if ([...lower].length < 4) return undefined;
  for (const field of known) {
    const other = field.toLowerCase();
    if (isNeighbourSwap(lower, other)) return field;
    // A slip keeps the first letter: `height` is a word of its own, not `weight` mistyped.
    if (lower[0] === other[0] && distance(lower, other) === 1) return field;
  }
  return undefined;
}

/** Whether `value` is one the field takes (the navigation fields of pages are checked elsewhere: any value). */
function fitsField(field: string, value: unknown): boolean {
  const schema = (frontMatterSchema.shape as Record<string, { safeParse(value: unknown): { success: boolean } } | undefined>)[field];
  return schema === undefined || schema.safeParse(value).success;
}

/** `a` is `b` with two neighbouring characters swapped. */
function isNeighbourSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differ: number[] = [];
  for (let i = 0; i < a.length && differ.length <= 2; i += 1) if (a[i] !== b[i]) differ.push(i);
  const [i, j] = differ;
  return differ.length === 2 && j === i! + 1 && a[i!] === b[j] && a[j] === b[i!];
}
