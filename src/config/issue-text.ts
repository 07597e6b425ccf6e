import type { z } from 'zod';

/** What a schema type is called in a message. */
const EXPECTED: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  string: 'text',
  array: 'a list',
  object: 'a mapping',
  date: 'a date',
};

/**
 * A schema problem in words for the person who wrote the value: a number or a yes/no written in
 * quotes says so and how to write it (`paginate: "10"` → write it without quotes), any other
 * wrong type names what was written. Other problems keep the schema's own message, which quire's
 * schemas write for people.
 */
export function issueText(issue: z.core.$ZodIssue, input: unknown): { message: string; hint?: string } {
  if (issue.code !== 'invalid_type') return { message: issue.message };
  const expected = issue.expected;
  if (typeof input === 'string' && (((expected === 'number' || expected === 'int') && input.trim() !== '' && Number.isFinite(Number(input))) || (expected === 'boolean' && /^(true|false)$/i.test(input.trim())))) {
    return { message: `"${input}" is text, not ${EXPECTED[expected]}`, hint: expected === 'boolean' ? `write ${input.trim().toLowerCase()}, in lower case and without quotes` : `write ${input.trim()} without quotes` };
  }
  return { message: input === undefined ? issue.message : `expected ${EXPECTED[expected] ?? expected}, got ${describeValue(input)}` };
}

/** The value at `path` in what was validated (what the schema saw there). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** What a value read from YAML, TOML or JSON is, for a message: `a list`, `a mapping`, `null`, `number 2025`, `text "x"`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value === 'string' ? 'text' : typeof value} ${JSON.stringify(value)}`;
}
