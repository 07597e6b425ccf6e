import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { readIntegerFlag, readStringFlags } from './cli-flags.js';
import { startProgress } from './cli-output/progress.js';
import { formatMs, plural, type Terminal } from './cli-output/terminal.js';
import { diagnostic, QuireError } from './diagnostics.js';
import type { BuildOptions } from './start-build.js';
import { sizeHeapsFor } from './work/heap-sizing.js';

export interface BuildCommand {
  readonly flags: { config?: unknown; out?: unknown; baseUrl?: unknown; drafts?: unknown; future?: unknown; root?: unknown; threads?: unknown; cache?: unknown; force?: unknown; forceOut?: unknown };
  readonly cwd: string;
  readonly terminal: Terminal;
}

/**
 * `quire build`: one summary line on stdout (nothing with --quiet), diagnostics on stderr, a
 * progress line on a terminal when the build takes more than a second, and with --verbose the
 * feeds and the time of each stage.
 */
export async function runBuild(command: BuildCommand): Promise<number> {
  const { terminal } = command;
  const { colors } = terminal;
  const read = readStringFlags(command.flags, ['config', 'out', 'baseUrl', 'root']);
  if ('problems' in read) {
    terminal.diagnostics(read.problems);
    return 1;
  }
  const flags = read.values;
  const threads = readIntegerFlag(command.flags.threads, '--threads', 1, 256);
  if ('problems' in threads) {
    terminal.diagnostics(threads.problems);
    return 1;
  }
  const started = performance.now();
  const root = path.resolve(command.cwd, flags.root ?? '.');
  if (flags.root !== undefined && !isFolder(root)) {
    terminal.diagnostics([diagnostic('InvalidOption', `--root ${flags.root}: there is no folder ${root}`, {}, 'name the folder of the site (the one with content/ and the config), or leave --root out to use the current folder')]);
    return 1;
  }
  const progress = startProgress(terminal, 'building');
  try {
    const options: BuildOptions = {
      root,
      ...(flags.config !== undefined && { config: flags.config }),
      ...(flags.out !== undefined && { outDir: path.resolve(command.cwd, flags.out) }),
      ...(flags.baseUrl !== undefined && { baseUrl: flags.baseUrl }),
      drafts: command.flags.drafts === true,
      future: command.flags.future === true,
      ...(threads.value !== undefined && { threads: threads.value }),
      ...(command.flags.cache === false && { cache: false }),
      ...(command.flags.force === true && { force: true }),
      ...(command.flags.forceOut === true && { forceOut: true }),
    };
    // An up-to-date site is found before the Markdown and template packages are loaded.
    const { startBuild, upToDateResult } = await import('./start-build.js');
    const begun = await startBuild(options);
    if (!begun.current) sizeHeapsFor(begun.discovery.sources.length);
    const result = begun.current ? upToDateResult(begun) : await (await import('./build.js')).build(options, begun);
    progress.stop();
    terminal.diagnostics(result.diagnostics);
    const took = formatMs(performance.now() - started);
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
    const out = path.relative(command.cwd, result.config.outDir) || '.';
    if (!terminal.quiet) {
      terminal.out(
        result.upToDate
          ? `${colors.green('up to date')}: ${out}/ already holds the ${plural(result.pages, 'page')} (${plural(result.posts, 'post')}) and ${plural(result.files - result.pages, 'file')} of these sources (checked in ${took})${warnings ? `, ${plural(warnings, 'warning')}` : ''}\n`
          : `${colors.green('built')} ${plural(result.pages, 'page')} (${plural(result.posts, 'post')}) and ${plural(result.files - result.pages, 'file')} into ${out}/ in ${took}${warnings ? `, ${plural(warnings, 'warning')}` : ''}\n`,
      );
    }
    if (!terminal.quiet && result.nextDue !== undefined) {
      const due = DateTime.fromMillis(result.nextDue, { zone: result.config.timezone }).toFormat('yyyy-MM-dd HH:mm');
      terminal.out(`  next scheduled: ${due} (${result.config.timezone}): an entry dated then appears at the first build after it\n`);
    }
    if (terminal.verbose) {
      // `feeds` is the number of feed files, when the build reports it.
      const feeds = (result as { feeds?: unknown }).feeds;
      if (typeof feeds === 'number') terminal.out(`  ${feeds} feed files\n`);
      terminal.out(`  ${Object.entries(result.timings).map(([stage, ms]) => `${stage} ${formatMs(ms)}`).join(' · ')}\n`);
      if (result.upToDate) {
        terminal.out(`  every source, asset, template and setting as the last build found them, and the ${result.files} files of ${out}/ as it left them: nothing read or written (--force builds anyway)\n`);
        return 0;
      }
      const { loaded, rendered, workers, output, rejectedRecords, pages } = result.stats;
      terminal.out(
        `  cache: ${loaded.cached} of ${loaded.cached + loaded.parsed} sources not parsed again, ${rendered.cached} of ${rendered.cached + rendered.rendered} entries not rendered again, ` +
          `${pages.reused} of ${pages.reused + pages.rendered} pages kept` +
          `${rejectedRecords ? ` (${plural(rejectedRecords, 'damaged record')} ignored)` : ''}; ${workers ? plural(workers, 'worker thread') : 'main thread only'}; ` +
          `${output.written} files written, ${output.kept} unchanged\n`,
      );
    }
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof QuireError) {
      terminal.diagnostics(error.diagnostics);
      const errors = error.diagnostics.filter((d) => d.severity === 'error').length;
      // The output folder as asked for, or the default one: the config's own outDir is not known when it failed to load.
      const out = flags.out !== undefined ? path.resolve(command.cwd, flags.out) : path.join(root, 'dist');
      terminal.err(`${colors.red('build failed')}: ${plural(errors, 'error')}; ${existsSync(out) ? 'the output folder was not changed' : 'nothing was written'}\n`);
      return 1;
    }
    throw error;
  }
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
