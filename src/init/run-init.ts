import { existsSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { formatDiagnostic, QuireError, type Diagnostic } from '../diagnostics.js';
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
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** `quire init [dir]`: scaffold, print what was written and what to do next; the exit code. */
export function runInit(command: InitCommand): number {
  const { stdout, stderr } = command;
  const print = (list: readonly Diagnostic[]) => {
    for (const d of list) stderr(`${formatDiagnostic(d, { color: paint })}\n`);
  };
  const choices = resolveInitChoices(command.flags, command.machine);
  if ('problems' in choices) {
    print(choices.problems);
    return 1;
  }
  const displayDir = command.dir === undefined || command.dir === '' ? '.' : command.dir;
  const dir = path.resolve(command.cwd, displayDir);
  try {
    const result = initSite({ dir, displayDir, ...choices, now: command.now, force: command.flags.force === true, quireVersion: command.quireVersion });
    const where = displayDir === '.' ? 'this folder' : `${displayDir}/`;
    stdout(`${pc.green('created')} a quire site in ${where} (${choices.language === 'zh-CN' ? 'Chinese' : 'English'}, time zone ${choices.timezone}):\n`);
    for (const file of result.files) stdout(`  ${describe(file)}\n`);
    stdout(nextSteps(dir, command.cwd));
    return 0;
  } catch (error) {
    if (error instanceof QuireError) {
      print(error.diagnostics);
      stderr(`${pc.red('init failed')}: ${error.diagnostics.some((d) => d.code === 'WriteError') ? 'no file was deleted' : 'nothing was written'}\n`);
      return 1;
    }
    throw error;
  }
}

function describe(file: InitFile): string {
  const label = { created: pc.green('created  '), overwrote: pc.yellow('overwrote'), updated: pc.cyan('updated  '), unchanged: pc.dim('unchanged') }[file.action];
  const details = [
    file.added && file.added.length > 0 ? `added ${file.added.join(', ')}` : '',
    file.kept && file.kept.length > 0 ? `kept your ${file.kept.join(', ')}` : '',
  ].filter(Boolean);
  return `${label} ${file.path}${details.length > 0 ? pc.dim(` (${details.join('; ')})`) : ''}`;
}

function nextSteps(dir: string, cwd: string): string {
  const cd = path.relative(cwd, dir);
  const lines = [
    '',
    pc.bold('Next steps'),
    ...(cd === '' ? [] : [`  cd ${/\s/.test(cd) ? JSON.stringify(cd) : cd}`]),
    '  npm install                 install quire (commit the package-lock.json it writes)',
    ...(existsSync(path.join(dir, 'node_modules', 'quire'))
      ? []
      : [pc.dim('                              (until quire is on the npm registry: npm install --save-dev <its tarball, folder or git URL>)')]),
    '  npm run build               build the site into dist/',
    '  npm run dev                 the same, with drafts and future-dated posts',
    '',
    pc.bold('Publish on GitHub Pages'),
    '  push this folder to a GitHub repository (branch main), then in the repository:',
    '  Settings → Pages → Build and deployment → Source: GitHub Actions.',
    '  Every push to main then builds and deploys (.github/workflows/deploy.yml),',
    '  under the project sub-path (https://you.github.io/repo/) when there is one.',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function paint(kind: 'error' | 'warning' | 'dim' | 'bold', text: string): string {
  switch (kind) {
    case 'error':
      return pc.red(pc.bold(text));
    case 'warning':
      return pc.yellow(pc.bold(text));
    case 'dim':
      return pc.dim(text);
    case 'bold':
      return pc.bold(text);
  }
}
