import { closest, distance } from 'fastest-levenshtein';

/** What people type for a command that quire calls otherwise (Hugo's `server`, Eleventy's `--serve`…). */
const COMMAND_ALIASES: Readonly<Record<string, string>> = {
  s: 'dev',
  serve: 'dev',
  server: 'dev',
  start: 'dev',
  watch: 'dev',
  preview: 'dev',
  b: 'build',
  generate: 'build',
  g: 'build',
  create: 'init',
  setup: 'init',
  post: 'new',
  validate: 'check',
  lint: 'check',
  newsletter: 'digest',
  email: 'digest',
};

/**
 * The known name `typed` most likely meant: an alias, else the closest by edit distance when it
 * is close enough (one edit for names of up to 3 characters, else two or a third of the longer
 * name; a swap of two letters is two edits), else none.
 */
export function suggestName(typed: string, known: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const lower = typed.toLowerCase();
  const alias = aliases[lower];
  if (alias !== undefined && known.includes(alias)) return alias;
  if (known.length === 0) return undefined;
  const best = closest(lower, [...known]);
  const longer = Math.max(best.length, lower.length);
  const allowed = longer <= 3 ? 1 : Math.max(2, Math.floor(longer / 3));
  return distance(lower, best) <= allowed ? best : undefined;
}

/** The command `typed` most likely meant. */
export function suggestCommand(typed: string, commands: readonly string[]): string | undefined {
  return suggestName(typed, commands, COMMAND_ALIASES);
}
