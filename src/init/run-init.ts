import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Colors, Terminal } from '../cli-output/terminal.js';
import { QuireError } from '../diagnostics.js';
import { resolveInitChoices, type MachineLocale } from './init-options.js';
import { initSite, type InitFile } from './init-site.js';

export interface InitCommand {
  readonly dir: string | undefined;
  readonly flags: { lang?: unknown; timezone?: unknown; force?: unknown };
  /** Read by the CLI, the only module that may. */
  readonly cwd: string;
  readonly machine: MachineLocale;
  readonly now: Date;
  readonly quireVersion: string;
  readonly terminal: Terminal;
}

/** `quire init [dir]`: scaffold, print what was written and what to do next; the exit code. */
export function runInit(command: InitCommand): number {
  const { terminal } = command;
  const { colors } = terminal;
  const choices = resolveInitChoices(command.flags, command.machine);
  if ('problems' in choices) {
    terminal.diagnostics(choices.problems);
    return 1;
  }
  const displayDir = command.dir === undefined || command.dir === '' ? '.' : command.dir;
  const dir = path.resolve(command.cwd, displayDir);
  try {
    const result = initSite({ dir, displayDir, ...choices, now: command.now, force: command.flags.force === true, quireVersion: command.quireVersion });
    const where = displayDir === '.' ? 'this folder' : `${displayDir}/`;
    if (terminal.quiet) return 0;
    terminal.out(`${colors.green('created')} a quire site in ${where} (${choices.language === 'zh-CN' ? 'Chinese' : 'English'}, time zone ${choices.timezone}):\n`);
    for (const file of result.files) terminal.out(`  ${describe(file, colors)}\n`);
    terminal.out(nextSteps(dir, command.cwd, colors));
    return 0;
  } catch (error) {
    if (error instanceof QuireError) {
      terminal.diagnostics(error.diagnostics);
      terminal.err(`${colors.red('init failed')}: ${error.diagnostics.some((d) => d.code === 'WriteError') ? 'no file was deleted' : 'nothing was written'}\n`);
      return 1;
    }
    throw error;
  }
}

function describe(file: InitFile, colors: Colors): string {
  const label = { created: colors.green('created  '), overwrote: colors.yellow('overwrote'), updated: colors.cyan('updated  '), unchanged: colors.dim('unchanged') }[file.action];
  const details = [
    file.added && file.added.length > 0 ? `added ${file.added.join(', ')}` : '',
    file.kept && file.kept.length > 0 ? `kept your ${file.kept.join(', ')}` : '',
  ].filter(Boolean);
  return `${label} ${file.path}${details.length > 0 ? colors.dim(` (${details.join('; ')})`) : ''}`;
}

function nextSteps(dir: string, cwd: string, colors: Colors): string {
  const cd = path.relative(cwd, dir);
  const lines = [
    '',
    colors.bold('Next steps'),
    ...(cd === '' ? [] : [`  cd ${/\s/.test(cd) ? JSON.stringify(cd) : cd}`]),
    '  npm install                 install quire (commit the package-lock.json it writes)',
    ...(existsSync(path.join(dir, 'node_modules', 'quire'))
      ? []
      : [colors.dim('                              (until quire is on the npm registry: npm install --save-dev <its tarball, folder or git URL>)')]),
    '  npm run build               build the site into dist/',
    '  npm run dev                 the same, with drafts and future-dated posts',
    '',
    colors.bold('Publish on GitHub Pages'),
    '  push this folder to a GitHub repository (branch main), then in the repository:',
    '  Settings → Pages → Build and deployment → Source: GitHub Actions.',
    '  Every push to main then builds and deploys (.github/workflows/deploy.yml),',
    '  under the project sub-path (https://you.github.io/repo/) when there is one.',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

