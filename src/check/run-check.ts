import path from 'node:path';
import { readStringFlags } from '../cli-flags.js';
import { startProgress } from '../cli-output/progress.js';
import { formatMs, plural, type Terminal } from '../cli-output/terminal.js';
import { diagnostic } from '../diagnostics.js';
import { checkSite, type CheckReport } from './check-site.js';
import type { CheckProblem } from './problems.js';

export interface CheckCommand {
  readonly flags: {
    readonly external?: unknown;
    readonly json?: unknown;
    readonly timeout?: unknown;
    readonly concurrency?: unknown;
    readonly root?: unknown;
    readonly config?: unknown;
    readonly baseUrl?: unknown;
    readonly drafts?: unknown;
    readonly future?: unknown;
  };
  readonly cwd: string;
  readonly terminal: Terminal;
  /** quire's version, for the user agent of external requests. */
  readonly version: string;
}

/** `quire check`: exit 1 when there is an error (warnings alone pass); `--json` for CI. */
export async function runCheck(command: CheckCommand): Promise<number> {
  const { terminal, flags } = command;
  const json = flags.json === true;
  const read = readStringFlags(flags, ['root', 'config', 'baseUrl', 'timeout', 'concurrency']);
  if ('problems' in read) return failEarly(read.problems);
  const timeout = read.values.timeout === undefined ? 10 : Number(read.values.timeout);
  const concurrency = read.values.concurrency === undefined ? 8 : Number(read.values.concurrency);
  if (!(timeout > 0 && timeout <= 600)) return failEarly([diagnostic('InvalidOption', `--timeout must be a number of seconds from 0 to 600, not "${read.values.timeout}"`, {})]);
  if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64)) return failEarly([diagnostic('InvalidOption', `--concurrency must be a whole number from 1 to 64, not "${read.values.concurrency}"`, {})]);

  const root = path.resolve(command.cwd, read.values.root ?? '.');
  const started = performance.now();
  const progress = json ? undefined : startProgress(terminal, 'checking');
  let report: CheckReport;
  try {
    report = await checkSite({
      root,
      ...(read.values.config !== undefined && { config: read.values.config }),
      ...(read.values.baseUrl !== undefined && { baseUrl: read.values.baseUrl }),
      drafts: flags.drafts === true,
      future: flags.future === true,
      external: flags.external === true ? { concurrency, timeoutMs: timeout * 1000, retries: 2, userAgent: `quire-check/${command.version} (static site link checker)` } : undefined,
      onStage: (label) => progress?.update(label),
    });
  } finally {
    progress?.stop();
  }
  const ms = performance.now() - started;
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;

  if (json) {
    terminal.out(`${JSON.stringify(toJson(report, errors, warnings, ms), null, 2)}\n`);
    return report.ok ? 0 : 1;
  }
  terminal.diagnostics(report.problems.map(forPeople));
  const { colors } = terminal;
  if (report.buildFailed) {
    terminal.err(`${colors.red('check failed')}: the site does not build (${plural(errors, 'error')})\n`);
    return 1;
  }
  const external = flags.external === true ? `, ${plural(report.external, 'external link')}` : '';
  const counts = `${plural(report.pages, 'page')}, ${plural(report.links, 'internal link')} (${plural(report.anchors, 'anchor')})${external}`;
  const verdict = errors > 0 ? colors.red(plural(errors, 'error')) : colors.green('no errors');
  const shownWarnings = warnings > 0 ? `, ${colors.yellow(plural(warnings, 'warning'))}${terminal.quiet ? ' (not shown: --quiet)' : ''}` : '';
  if (!terminal.quiet || errors > 0) terminal.out(`checked ${counts} in ${formatMs(ms)}: ${verdict}${shownWarnings}\n`);
  if (terminal.verbose) terminal.out(colors.dim(`  ${Object.entries(report.timings).map(([stage, t]) => `${stage} ${t} ms`).join(' · ')}\n`));
  return report.ok ? 0 : 1;

  function failEarly(problems: Parameters<Terminal['diagnostics']>[0]): number {
    if (json) terminal.out(`${JSON.stringify({ ok: false, errors: problems.length, warnings: 0, problems: problems.map((d) => ({ severity: d.severity, code: d.code, message: d.message, hint: d.hint })) }, null, 2)}\n`);
    else terminal.diagnostics(problems);
    return 1;
  }
}

/** The diagnostic, with the page and how many other pages share the problem. */
function forPeople(problem: CheckProblem) {
  const more = problem.alsoOn ? ` (and on ${plural(problem.alsoOn, 'other page')})` : '';
  return more ? { ...problem.diagnostic, message: problem.diagnostic.message + more } : problem.diagnostic;
}

function toJson(report: CheckReport, errors: number, warnings: number, ms: number) {
  return {
    ok: report.ok,
    buildFailed: report.buildFailed,
    errors,
    warnings,
    checked: { pages: report.pages, links: report.links, anchors: report.anchors, external: report.external },
    ms: Math.round(ms),
    problems: report.problems.map(({ diagnostic: _d, ...rest }) => rest),
  };
}
