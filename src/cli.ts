import { createRequire } from 'node:module';
import cac from 'cac';
import pc from 'picocolors';
import type { Terminal } from './cli-output/terminal.js';

/**
 * The command line: parses arguments, calls the library, prints, and sets the exit code.
 * The only module that reads process.argv, process.env, process.cwd() or exits. Each command's
 * implementation is imported when it runs, so `quire --help` stays fast.
 */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  // `quire digest 3 | head`: the reader went away; stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  const cli = cac('quire');
  let result: Promise<number> | undefined;
  const run = (flags: { quiet?: unknown; verbose?: unknown }, command: (terminal: Terminal) => Promise<number>) => {
    result = withTerminal(flags, command);
  };

  cli.option('--quiet', 'Print errors only').option('--verbose', 'Print more: the time of each stage');

  cli
    .command('build', 'Build the site in content/ into the output folder (dist/)')
    .option('--config <file>', 'Config file (default: quire.config.{ts,mts,mjs,js,json,yaml,yml})')
    .option('--out <dir>', 'Output folder (default: outDir from the config, "dist")')
    .option('--base-url <url>', 'Site URL, e.g. https://example.org/blog/ (overrides `url`)')
    .option('--drafts', 'Include drafts')
    .option('--future', 'Include posts dated in the future')
    .option('--root <dir>', 'Project folder (default: the current folder)')
    .option('--threads <n>', 'Threads for parsing and rendering (default: one per core; 1: no worker threads)')
    .option('--no-cache', 'Neither read nor write the build cache (.quire-cache/; used unless this is given)')
    .option('--force', 'Build even when the output folder is up to date with every input')
    .option('--force-out', 'Replace a non-empty output folder that no quire build wrote (never .git, the project or a source folder)')
    .example('quire build --base-url https://me.github.io/blog/')
    .action((flags: Record<string, unknown>) => {
      run(flags, async (terminal) => (await import('./run-build.js')).runBuild({ flags, cwd: process.cwd(), terminal }));
    });

  cli
    .command('dev', 'Serve the site on localhost, rebuild on every change and reload the browser')
    .option('--port <port>', 'Port (default: 4321, or the next free one; 0: any free port)')
    .option('--host <host>', 'Address to listen on (default: localhost; 0.0.0.0 for other devices)')
    .option('--drafts', 'Include drafts')
    .option('--future', 'Include posts dated in the future')
    .option('--config <file>', 'Config file')
    .option('--root <dir>', 'Project folder (default: the current folder)')
    .example('quire dev --drafts')
    .action((flags: Record<string, unknown>) => {
      run(flags, async (terminal) => {
        const stopped = new Promise<void>((resolve) => {
          const stop = () => {
            resolve();
            // A second Ctrl+C does not wait for the build that is running.
            process.once('SIGINT', () => process.exit(130));
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        return (await import('./dev/run-dev.js')).runDev({ flags, cwd: process.cwd(), terminal, stopped, clock: () => new Date() });
      });
    });

  cli
    .command('new <kind> [...title]', 'Create content/posts|pages|notes|weekly/<slug>.md; kind: post, page, note or weekly')
    .option('--slug <slug>', 'File name and URL slug (default: from the title, CJK kept)')
    .option('--link <url>', 'The link a note is about (notes only)')
    .option('--section <name>', 'The weekly section a note goes under, e.g. 工具 (notes only)')
    .option('--config <file>', 'Config file')
    .option('--root <dir>', 'Project folder (default: the current folder)')
    .example('quire new post "远程办公三年"')
    .example('quire new note "fzf" --link https://github.com/junegunn/fzf --section 工具')
    .example('quire new weekly')
    .action((kind: string, title: string[], flags: Record<string, unknown>) => {
      run(flags, async (terminal) =>
        (await import('./new/run-new.js')).runNew({ kind, title: title.length > 0 ? title.join(' ') : undefined, flags, argv, cwd: process.cwd(), now: new Date(), terminal }),
      );
    });

  cli
    .command('check', 'Build into a temporary folder and check every link, anchor and image, and the front matter')
    .option('--external', 'Also check links to other sites (HEAD, then GET; 8 at a time; 2 retries)')
    .option('--timeout <seconds>', 'Time limit per external request (default: 10)')
    .option('--concurrency <n>', 'External requests at a time (default: 8)')
    .option('--json', 'Print the results as JSON on stdout (for CI)')
    .option('--base-url <url>', 'Site URL to check under (overrides `url`)')
    .option('--drafts', 'Include drafts')
    .option('--future', 'Include posts dated in the future')
    .option('--config <file>', 'Config file')
    .option('--root <dir>', 'Project folder (default: the current folder)')
    .example('quire check --external')
    .action((flags: Record<string, unknown>) => {
      run(flags, async (terminal) => (await import('./check/run-check.js')).runCheck({ flags, cwd: process.cwd(), terminal, version }));
    });

  cli
    .command('digest <number>', 'Print weekly issue <number> for a newsletter: e-mail HTML (CSS inlined), plain text or Markdown')
    .option('--format <format>', 'email, text or markdown (default: email)')
    .option('--out <file>', 'Write to this file instead of standard output (email: FILE.html and its plain-text part FILE.txt)')
    .option('--send <service>', 'Create a draft of the e-mail in this newsletter service instead (buttondown; the key is read from BUTTONDOWN_API_KEY); it is never sent')
    .option('--dry-run', 'With --send: print the request instead of making it')
    .option('--base-url <url>', 'Site URL for the links (overrides `url`)')
    .option('--drafts', 'Include drafts')
    .option('--future', 'Include issues dated in the future')
    .option('--config <file>', 'Config file')
    .option('--root <dir>', 'Project folder (default: the current folder)')
    .example('quire digest 12 --format email --out issue-12   # writes issue-12.html and issue-12.txt')
    .example('BUTTONDOWN_API_KEY=… quire digest 12 --send buttondown   # a draft to review in Buttondown')
    .action((number: string, flags: Record<string, unknown>) => {
      const env = { buttondownKey: process.env['BUTTONDOWN_API_KEY'], buttondownUrl: process.env['BUTTONDOWN_API_URL'] };
      run(flags, async (terminal) => (await import('./run-digest.js')).runDigestCommand({ number: String(number), flags, cwd: process.cwd(), terminal, env }));
    });

  cli
    .command('init [dir]', 'Create a new site in dir (default: the current folder), ready to publish on GitHub Pages')
    .option('--lang <lang>', 'Language of the sample content and UI: zh-CN or en (default: from the machine locale)')
    .option('--timezone <zone>', 'IANA time zone of the site (default: the machine zone)')
    .option('--force', 'Write into a folder that has other files (same-named files are overwritten, nothing is deleted)')
    .option('--install', 'Then install quire-ssg into the site with npm (what `npm create quire` does)')
    .example('quire init my-blog --lang en')
    .action((dir: string | undefined, flags: { lang?: unknown; timezone?: unknown; force?: unknown; install?: unknown; quiet?: unknown; verbose?: unknown }) => {
      run(flags, async (terminal) => {
        const { runInit } = await import('./init/run-init.js');
        const { spawnNpm } = await import('./init/run-npm.js');
        const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions();
        return runInit({ dir, flags, cwd: process.cwd(), machine: { locale, timeZone }, now: new Date(), quireVersion: version, terminal, npm: spawnNpm(process.env) });
      });
    });

  // cac shows a negated flag's implied default as "(default: true)", which reads as "off by default".
  for (const command of cli.commands) for (const option of command.options) if (option.negated) delete option.config.default;
  cli.help();
  cli.version(version);
  cli.parse([...argv], { run: false });
  if (cli.options['help'] || cli.options['version']) return 0;
  if (!cli.matchedCommand) {
    if (cli.args.length > 0) {
      const typed = String(cli.args[0]);
      const names = cli.commands.map((c) => c.name.split(' ')[0]!).filter(Boolean);
      const { suggestCommand } = await import('./cli-output/suggest-name.js');
      const meant = suggestCommand(typed, names);
      return usageError(flagsOf(cli.options), 'UnknownCommand', `unknown command "${typed}"`, `${meant ? `did you mean \`quire ${meant}\`? ` : ''}the commands are ${names.join(', ')}; \`quire --help\` describes them`);
    }
    cli.outputHelp();
    return 0;
  }
  try {
    await cli.runMatchedCommand();
  } catch (error) {
    // cac's own checks (unknown option, missing value) are the user's mistake, not a bug.
    if (!(error instanceof Error) || error.name !== 'CACError') throw error;
    const name = cli.matchedCommandName ?? '';
    const unknown = /^Unknown option `(.+)`$/.exec(error.message);
    if (unknown) {
      const typed = unknown[1]!;
      const known = [...(cli.matchedCommand?.options ?? []), ...cli.globalCommand.options].map((o) => `--${o.rawName.replace(/^--?/, '').split(/[ ,<[]/)[0]}`);
      const { suggestName } = await import('./cli-output/suggest-name.js');
      const meant = suggestName(typed, [...new Set(known)]);
      return usageError(flagsOf(cli.options), 'InvalidOption', `unknown option ${typed} for \`quire ${name}\``, `${meant ? `did you mean ${meant}? ` : ''}\`quire ${name} --help\` lists the options`);
    }
    const missing = /^missing required args for command `(.+)`$/.exec(error.message);
    if (missing) {
      const example = name === 'new' ? 'e.g. quire new post "标题"; the kinds are post, page, note and weekly' : `\`quire ${name} --help\` describes it`;
      return usageError(flagsOf(cli.options), 'InvalidOption', `\`quire ${name}\` needs its arguments: quire ${missing[1]}`, example);
    }
    return usageError(flagsOf(cli.options), 'InvalidOption', error.message.replace(/^./, (c) => c.toLowerCase()).replace(/`/g, ''), `\`quire ${name} --help\` lists the options`);
  }
  return (await result) ?? 0;
}

function flagsOf(options: Record<string, unknown>): { quiet?: unknown; verbose?: unknown } {
  return { quiet: options['quiet'], verbose: options['verbose'] };
}

/** A mistake on the command line, reported like every other error: exit code 1. */
async function usageError(flags: { quiet?: unknown; verbose?: unknown }, code: 'UnknownCommand' | 'InvalidOption', message: string, hint: string): Promise<number> {
  return withTerminal(flags, async (terminal) => {
    const { diagnostic } = await import('./diagnostics.js');
    terminal.diagnostics([diagnostic(code, message, {}, hint)]);
    return 1;
  });
}

/** Run a command with a Terminal made from this process; a crash is reported as a bug, without a stack. */
async function withTerminal(flags: { quiet?: unknown; verbose?: unknown }, command: (terminal: Terminal) => Promise<number>): Promise<number> {
  try {
    const { createTerminal } = await import('./cli-output/terminal.js');
    const terminal = createTerminal(
      { env: process.env, stdoutIsTTY: process.stdout.isTTY === true, stderrIsTTY: process.stderr.isTTY === true, quiet: flags.quiet === true, verbose: flags.verbose === true },
      { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) },
    );
    return await command(terminal);
  } catch (error) {
    reportCrash(error);
    return 1;
  }
}

function reportCrash(error: unknown): void {
  process.stderr.write(`${pc.red('error[Internal]')} ${error instanceof Error ? error.message : String(error)}\n  this is a bug in quire; please report it with the file that triggers it (set QUIRE_DEBUG=1 for a stack trace)\n`);
  if (process.env['QUIRE_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
}
