import { createRequire } from 'node:module';
import cac from 'cac';
import pc from 'picocolors';
import type { Diagnostic } from './diagnostics.js';

/**
 * The command line: parses arguments, calls the library, prints, and sets the exit code.
 * The only module that reads process.argv, process.cwd() or exits. Heavy modules load lazily
 * so `quire --help` stays fast.
 */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  const cli = cac('quire');
  let result: Promise<number> | undefined;

  cli
    .command('build', 'Build the site in content/ into the output folder (dist/)')
    .option('--config <file>', 'Config file (default: quire.config.{ts,mts,mjs,js,json,yaml,yml})')
    .option('--out <dir>', 'Output folder (default: outDir from the config, "dist")')
    .option('--base-url <url>', 'Site URL, e.g. https://example.org/blog/ (overrides `url`)')
    .option('--drafts', 'Include drafts')
    .option('--future', 'Include posts dated in the future')
    .option('--root <dir>', 'Project folder (default: the current folder)')
    .example('quire build --base-url https://me.github.io/blog/')
    .action((flags: { config?: string; out?: string; baseUrl?: string; drafts?: boolean; future?: boolean; root?: string }) => {
      result = runBuild(flags);
    });

  cli
    .command('init [dir]', 'Create a new site in dir (default: the current folder), ready to publish on GitHub Pages')
    .option('--lang <lang>', 'Language of the sample content and UI: zh-CN or en (default: from the machine locale)')
    .option('--timezone <zone>', 'IANA time zone of the site (default: the machine zone)')
    .option('--force', 'Write into a folder that has other files (same-named files are overwritten, nothing is deleted)')
    .example('quire init my-blog --lang en')
    .action((dir: string | undefined, flags: { lang?: unknown; timezone?: unknown; force?: unknown }) => {
      result = runInit(dir, flags, version);
    });

  cli.help();
  cli.version(version);
  cli.parse([...argv], { run: false });
  if (cli.options['help'] || cli.options['version']) return 0;
  if (!cli.matchedCommand) {
    if (cli.args.length > 0) {
      process.stderr.write(`${pc.red('error')} unknown command "${cli.args[0]}"; run \`quire --help\` for the list\n`);
      return 1;
    }
    cli.outputHelp();
    return 0;
  }
  try {
    await cli.runMatchedCommand();
  } catch (error) {
    // cac's own checks (unknown option, missing value) are the user's mistake, not a bug.
    if (!(error instanceof Error) || error.name !== 'CACError') throw error;
    process.stderr.write(`${pc.red('error')} ${error.message}; run \`quire ${cli.matchedCommandName} --help\` for the options\n`);
    return 1;
  }
  return (await result) ?? 0;
}

async function runBuild(flags: { config?: string; out?: string; baseUrl?: string; drafts?: boolean; future?: boolean; root?: string }): Promise<number> {
  const started = performance.now();
  const { build } = await import('./build.js');
  const { QuireError, formatDiagnostic } = await import('./diagnostics.js');
  const root = flags.root ? (await import('node:path')).resolve(flags.root) : process.cwd();
  const print = (list: readonly Diagnostic[]) => {
    for (const d of list) process.stderr.write(`${formatDiagnostic(d, { color: paint })}\n`);
  };
  try {
    const result = await build({
      root,
      ...(flags.config !== undefined && { config: flags.config }),
      ...(flags.out !== undefined && { outDir: flags.out }),
      ...(flags.baseUrl !== undefined && { baseUrl: flags.baseUrl }),
      drafts: flags.drafts === true,
      future: flags.future === true,
    });
    print(result.diagnostics);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
    const out = (await import('node:path')).relative(process.cwd(), result.config.outDir) || '.';
    process.stdout.write(
      `${pc.green('built')} ${result.pages} pages (${result.posts} posts) and ${result.files - result.pages} files into ${out}/ in ${seconds}s${warnings ? `, ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof QuireError) {
      print(error.diagnostics);
      const errors = error.diagnostics.filter((d) => d.severity === 'error').length;
      process.stderr.write(`${pc.red('build failed')}: ${errors} error${errors === 1 ? '' : 's'}; the output folder was not changed\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${pc.red('error[Internal]')} ${message}\n  this is a bug in quire; please report it with the file that triggers it (set QUIRE_DEBUG=1 for a stack trace)\n`);
    if (process.env['QUIRE_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

async function runInit(dir: string | undefined, flags: { lang?: unknown; timezone?: unknown; force?: unknown }, version: string): Promise<number> {
  try {
    const { runInit: init } = await import('./init/run-init.js');
    const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions();
    return init({
      dir,
      flags,
      cwd: process.cwd(),
      machine: { locale, timeZone },
      now: new Date(),
      quireVersion: version,
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    });
  } catch (error) {
    process.stderr.write(`${pc.red('error[Internal]')} ${error instanceof Error ? error.message : String(error)}\n  this is a bug in quire; please report it (set QUIRE_DEBUG=1 for a stack trace)\n`);
    if (process.env['QUIRE_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
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
