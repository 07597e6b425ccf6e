import { diagnostic, type Diagnostic } from './diagnostics.js';

/**
 * Read string-valued flags as cac hands them over: `true` for a flag given without a value,
 * a number for `--slug 007` (which cac has made 7: the text is taken from `argv` when given),
 * an array for a repeated flag. Every bad one is reported.
 */
export function readStringFlags<K extends string>(
  flags: Readonly<Partial<Record<K, unknown>>>,
  names: readonly K[],
  argv: readonly string[] = [],
): { values: Partial<Record<K, string>> } | { problems: Diagnostic[] } {
  const values: Partial<Record<K, string>> = {};
  const problems: Diagnostic[] = [];
  for (const name of names) {
    const value = flags[name];
    const flag = `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    if (value === undefined) continue;
    if (typeof value === 'string') values[name] = value;
    else if (typeof value === 'number') values[name] = rawValue(argv, flag) ?? String(value);
    else if (Array.isArray(value)) problems.push(diagnostic('InvalidOption', `${flag} is given more than once`, {}, `give ${flag} once`));
    else problems.push(diagnostic('InvalidOption', `${flag} needs a value`, {}, `e.g. ${flag} VALUE`));
  }
  return problems.length > 0 ? { problems } : { values };
}

/** A whole number flag (`--port 0`), within bounds. */
export function readIntegerFlag(value: unknown, flag: string, min: number, max: number): { value: number | undefined } | { problems: Diagnostic[] } {
  if (value === undefined) return { value: undefined };
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    return { problems: [diagnostic('InvalidOption', `${flag} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`, {})] };
  }
  return { value: n };
}

/** The text after the last `--flag value` or `--flag=value` in argv. */
function rawValue(argv: readonly string[], flag: string): string | undefined {
  let found: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === flag && i + 1 < argv.length) found = argv[i + 1];
    else if (arg.startsWith(`${flag}=`)) found = arg.slice(flag.length + 1);
  });
  return found;
}
