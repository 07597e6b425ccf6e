import type { Terminal } from './terminal.js';

export interface Progress {
  /** Change what is being done (shown on the next redraw, or as a plain line with --verbose off a TTY). */
  update(label: string): void;
  /** Remove the progress line. */
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * On an interactive terminal: after `delayMs` (short tasks show nothing), one line on stderr
 * redrawn ten times a second with a spinner, the label and the elapsed time, erased on stop.
 * Elsewhere (CI, a pipe, a file) no progress at all, so logs and captured output hold only the
 * result — except with --verbose, which prints each label as a plain line when it starts.
 * Never with --quiet.
 */
export function startProgress(terminal: Terminal, label: string, options: { delayMs?: number; now?: () => number } = {}): Progress {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let current = label;
  let shown = false;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  if (terminal.quiet) return { update: () => undefined, stop: () => undefined };

  if (!terminal.interactive) {
    if (!terminal.verbose) return { update: () => undefined, stop: () => undefined };
    terminal.err(`${current}…\n`);
    return {
      update(next) {
        if (next !== current) terminal.err(`${(current = next)}…\n`);
      },
      stop: () => undefined,
    };
  }

  const draw = () => {
    const seconds = ((now() - started) / 1000).toFixed(1);
    terminal.err(`\r\x1b[2K${terminal.colors.cyan(FRAMES[frame++ % FRAMES.length]!)} ${current} ${terminal.colors.dim(`${seconds}s`)}`);
  };
  const begin = setTimeout(() => {
    shown = true;
    draw();
    timer = setInterval(draw, 100);
    timer.unref();
  }, options.delayMs ?? 1000);
  begin.unref();

  return {
    update(next) {
      current = next;
    },
    stop() {
      clearTimeout(begin);
      if (timer) clearInterval(timer);
      if (shown) terminal.err('\r\x1b[2K');
    },
  };
}
