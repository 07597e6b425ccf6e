import path from 'node:path';
import { readIntegerFlag, readStringFlags } from '../cli-flags.js';
import { startProgress, type Progress } from '../cli-output/progress.js';
import { formatMs, plural, type Terminal } from '../cli-output/terminal.js';
import { QuireError, type Diagnostic } from '../diagnostics.js';
import { startDevServer, type DevEvent } from './start-dev-server.js';

export interface DevCommand {
  readonly flags: { readonly port?: unknown; readonly host?: unknown; readonly drafts?: unknown; readonly future?: unknown; readonly root?: unknown; readonly config?: unknown };
  readonly cwd: string;
  readonly terminal: Terminal;
  /** Resolves on Ctrl+C / SIGTERM. */
  readonly stopped: Promise<void>;
  /** Local wall-clock time for log lines. */
  readonly clock: () => Date;
}

export const DEFAULT_PORT = 4321;

/** `quire dev`: serve, watch, rebuild, reload, until stopped; the exit code. */
export async function runDev(command: DevCommand): Promise<number> {
  const { terminal, flags } = command;
  const { colors } = terminal;
  const strings = readStringFlags(flags, ['host', 'root', 'config']);
  const port = readIntegerFlag(flags.port, '--port', 0, 65535);
  if ('problems' in strings || 'problems' in port) {
    terminal.diagnostics([...('problems' in strings ? strings.problems : []), ...('problems' in port ? port.problems : [])]);
    return 1;
  }
  const root = path.resolve(command.cwd, strings.values.root ?? '.');
  const shown = (file: string) => path.relative(root, file) || file;
  const time = () => colors.dim(command.clock().toTimeString().slice(0, 8));
  const what = (reasons: readonly string[]) => {
    const files = [...new Set(reasons.filter((r) => r !== 'start').map(shown))];
    return files.length === 0 ? '' : colors.dim(` · ${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`);
  };

  let progress: Progress | undefined;
  let first = true;
  // Warnings are printed when they first appear, not again on every rebuild.
  let shownWarnings = new Set<string>();
  const printNew = (list: readonly Diagnostic[]) => {
    const key = (d: Diagnostic) => `${d.code}\u0000${d.file}\u0000${d.line}\u0000${d.message}`;
    terminal.diagnostics(list.filter((d) => d.severity === 'error' || !shownWarnings.has(key(d))));
    shownWarnings = new Set(list.filter((d) => d.severity === 'warning').map(key));
  };
  const onEvent = (event: DevEvent) => {
    switch (event.type) {
      case 'building':
        progress = startProgress(terminal, first ? 'building the site' : 'rebuilding');
        return;
      case 'built': {
        progress?.stop();
        printNew(event.result.diagnostics);
        const warnings = event.result.diagnostics.filter((d) => d.severity === 'warning').length;
        const extra = warnings > 0 ? colors.yellow(` · ${plural(warnings, 'warning')}`) : '';
        if (first) {
          if (!terminal.quiet) terminal.out(`${colors.green('built')} ${plural(event.result.pages, 'page')} (${plural(event.result.posts, 'post')}) in ${formatMs(event.ms)}${extra}\n`);
        } else if (!terminal.quiet) {
          terminal.out(`${time()} ${colors.green('rebuilt')} in ${formatMs(event.ms)}${extra}${what(event.reasons)}\n`);
        }
        if (terminal.verbose) terminal.out(colors.dim(`  ${event.result.scope} · ${Object.entries(event.result.timings).map(([stage, ms]) => `${stage} ${ms} ms`).join(' · ')}\n`));
        first = false;
        return;
      }
      case 'page-failed':
        // A page asked for that its template could not make: the browser shows a 500 page.
        progress?.stop();
        terminal.diagnostics([event.diagnostic]);
        terminal.err(`${time()} ${colors.red('page failed')}: the browser shows the error; fix the template and save\n`);
        return;
      case 'failed': {
        progress?.stop();
        printNew(event.diagnostics);
        const errors = event.diagnostics.filter((d) => d.severity === 'error').length;
        const still = event.hasSite ? 'the last good build is still served' : 'nothing to serve until it builds';
        terminal.err(`${time()} ${colors.red('build failed')}: ${plural(errors, 'error')}; ${still}; the page shows the error${what(event.reasons)}\n`);
        first = false;
        return;
      }
    }
  };

  let server;
  try {
    server = await startDevServer(
      {
        root,
        config: strings.values.config,
        host: strings.values.host ?? 'localhost',
        port: port.value ?? DEFAULT_PORT,
        portExplicit: port.value !== undefined,
        drafts: flags.drafts === true,
        future: flags.future === true,
      },
      onEvent,
    );
  } catch (error) {
    progress?.stop();
    if (error instanceof QuireError) {
      terminal.diagnostics(error.diagnostics);
      return 1;
    }
    throw error;
  }
  const watched = server.watching();
  const list = watched.dirs.map((d) => `${shown(d)}/`);
  terminal.out(`\n  ${colors.bold('quire dev')}  ${colors.cyan(server.url)}\n`);
  const asked = port.value ?? DEFAULT_PORT;
  if (asked !== 0 && server.port !== asked) terminal.out(colors.dim(`  port ${asked} is in use: serving on ${server.port}\n`));
  if (!terminal.quiet) {
    const including = [flags.drafts === true ? 'drafts' : '', flags.future === true ? 'future posts' : ''].filter(Boolean);
    terminal.out(colors.dim(`  watching ${list.join(', ')} and the config${including.length ? ` · including ${including.join(' and ')}` : ''} · Ctrl+C to stop\n\n`));
  }
  await command.stopped;
  progress?.stop();
  if (server.building() && !terminal.quiet) terminal.err(colors.dim('stopping after the build that is running (Ctrl+C again to quit at once)\n'));
  await server.close();
  if (!terminal.quiet) terminal.out(colors.dim('stopped\n'));
  return 0;
}
