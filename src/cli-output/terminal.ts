import pc from 'picocolors';
import type { Diagnostic } from '../diagnostics.js';
import { formatDiagnostic } from '../diagnostics.js';

/** What the CLI learned about where its output goes; every field comes from the CLI (env, TTY, flags). */
export interface TerminalFacts {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
}

export type Colors = ReturnType<typeof pc.createColors>;

/** How to talk: colours or not, a live progress line or plain lines, how much to say. */
export interface Terminal {
  readonly colors: Colors;
  /** A TTY that is not CI: progress may redraw one line on stderr. */
  readonly interactive: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Diagnostics as blocks on stderr; warnings are left out with --quiet. */
  readonly diagnostics: (list: readonly Diagnostic[]) => void;
}

/**
 * Colours follow https://no-color.org (`NO_COLOR` set and not empty turns them off) and
 * `FORCE_COLOR` (`0`/`false` off, anything else on); otherwise they are on for a TTY that is not
 * `TERM=dumb`, and in CI (`CI` set), whose logs show them. picocolors alone would read
 * `FORCE_COLOR=0` as "on".
 */
export function colorEnabled(facts: Pick<TerminalFacts, 'env' | 'stdoutIsTTY'>): boolean {
  const { env } = facts;
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return !/^(0|false)$/i.test(force);
  return (facts.stdoutIsTTY && env['TERM'] !== 'dumb') || isCi(env);
}

export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && !/^(0|false)$/i.test(ci);
}

export function createTerminal(facts: TerminalFacts, write: { out: (text: string) => void; err: (text: string) => void }): Terminal {
  const colors = pc.createColors(colorEnabled(facts));
  const paint = (kind: 'error' | 'warning' | 'dim' | 'bold', text: string): string => {
    switch (kind) {
      case 'error':
        return colors.red(colors.bold(text));
      case 'warning':
        return colors.yellow(colors.bold(text));
      case 'dim':
        return colors.dim(text);
      case 'bold':
        return colors.bold(text);
    }
  };
  return {
    colors,
    interactive: facts.stderrIsTTY && !isCi(facts.env) && facts.env['TERM'] !== 'dumb',
    quiet: facts.quiet,
    verbose: facts.verbose && !facts.quiet,
    out: write.out,
    err: write.err,
    diagnostics(list) {
      for (const d of list) {
        if (facts.quiet && d.severity === 'warning') continue;
        write.err(`${formatDiagnostic(d, { color: paint })}\n`);
      }
    },
  };
}

/** `3 errors`, `1 warning`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `840 ms` below two seconds, `2.4 s` above. */
export function formatMs(ms: number): string {
  return ms < 2000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
