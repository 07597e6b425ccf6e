import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Colors, Terminal } from '../cli-output/terminal.js';
import { diagnostic, QuireError } from '../diagnostics.js';
import { resolveInitChoices, type MachineLocale } from './init-options.js';
import { initSite, PACKAGE_NAME, type InitFile } from './init-site.js';
import type { RunNpm } from './run-npm.js';

export interface InitCommand {
  readonly dir: string | undefined;
  readonly flags: { lang?: unknown; timezone?: unknown; force?: unknown; install?: unknown };
  /** Read by the CLI, the only module that may. */
  readonly cwd: string;
  readonly machine: MachineLocale;
  readonly now: Date;
  readonly quireVersion: string;
  readonly terminal: Terminal;
  /** For `--install`: npm, run in the new site. */
  readonly npm: RunNpm;
}

/**
 * `quire init [dir] [--install]`: scaffold, print what was written, install quire-ssg into the
 * site when asked (as `npm create quire` does), and print what to do next; the exit code.
 */
export async function runInit(command: InitCommand): Promise<number> {
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
    if (!terminal.quiet) {
      terminal.out(`${colors.green('created')} a quire site in ${where} (${choices.language === 'zh-CN' ? 'Chinese' : 'English'}, time zone ${choices.timezone}):\n`);
      for (const file of result.files) terminal.out(`  ${describe(file, colors)}\n`);
    }
    if (command.flags.install === true) {
      // A vendored tarball is already the site's dependency; else the running version, from the registry.
      const vendored = result.dependency.startsWith('file:');
      const wanted = vendored ? result.dependency.slice('file:'.length) : `${PACKAGE_NAME}@${command.quireVersion}`;
      if (!terminal.quiet) terminal.out(`\n${colors.bold('Installing')} ${wanted} into ${where} (npm install)\n`);
      const code = await command.npm(vendored ? ['install'] : ['install', '--save-dev', wanted], dir);
      if (code !== 0) {
        terminal.diagnostics([
          diagnostic(
            'InstallFailed',
            `npm install ended with exit code ${code}: the site is written, but ${PACKAGE_NAME} is not installed in it`,
            {},
            `fix what npm printed above, then run \`npm install\` in ${where}. If npm could not find ${PACKAGE_NAME}, it is not on your registry yet: put its tarball in ${displayDir === '.' ? '' : `${displayDir}/`}vendor/ and run \`npm install --save-dev ./vendor/${PACKAGE_NAME}-${command.quireVersion}.tgz\` there`,
          ),
        ]);
        return 1;
      }
    }
    if (!terminal.quiet) terminal.out(nextSteps(dir, command.cwd, result.dependency, command.quireVersion, colors));
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

function nextSteps(dir: string, cwd: string, dependency: string, version: string, colors: Colors): string {
  const cd = path.relative(cwd, dir);
  const installed = existsSync(path.join(dir, 'node_modules', PACKAGE_NAME));
  const lines = [
    '',
    colors.bold('Next steps'),
    ...(cd === '' ? [] : [`  cd ${/\s/.test(cd) ? JSON.stringify(cd) : cd}`]),
    ...(installed
      ? []
      : [
          `  npm install                 install ${PACKAGE_NAME} (commit the package-lock.json it writes)`,
          ...(dependency.startsWith('file:')
            ? []
            : [colors.dim(`                              (npm cannot find ${PACKAGE_NAME}@${dependency}? put its tarball in vendor/ and run: npm install --save-dev ./vendor/${PACKAGE_NAME}-${version}.tgz)`)]),
        ]),
    '  npm run build               build the site into dist/',
    '  npm run dev                 a local server with live reload, drafts and future posts included',
    '',
    colors.bold('Publish on GitHub Pages'),
    '  push this folder to a GitHub repository as branch main (after git init: git branch -M main),',
    '  then in the repository:',
    '  Settings → Pages → Build and deployment → Source: GitHub Actions.',
    '  Every push to main then builds and deploys (.github/workflows/deploy.yml),',
    '  under the project sub-path (https://you.github.io/repo/) when there is one.',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

