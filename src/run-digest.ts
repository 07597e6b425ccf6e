import path from 'node:path';
import { readStringFlags } from './cli-flags.js';
import type { Terminal } from './cli-output/terminal.js';
import { QuireError } from './diagnostics.js';

export interface DigestCommand {
  readonly number: string;
  readonly flags: { format?: unknown; out?: unknown; config?: unknown; root?: unknown; baseUrl?: unknown; drafts?: unknown; future?: unknown; send?: unknown; dryRun?: unknown };
  readonly cwd: string;
  /** BUTTONDOWN_API_KEY and BUTTONDOWN_API_URL from the environment (read by the CLI). */
  readonly env: { readonly buttondownKey: string | undefined; readonly buttondownUrl: string | undefined };
  readonly terminal: Terminal;
}

/** `quire digest <n>`: the issue on stdout (or in --out), diagnostics on stderr. */
export async function runDigestCommand(command: DigestCommand): Promise<number> {
  const { terminal } = command;
  const read = readStringFlags(command.flags, ['format', 'out', 'config', 'root', 'baseUrl', 'send']);
  if ('problems' in read) {
    terminal.diagnostics(read.problems);
    return 1;
  }
  const flags = read.values;
  try {
    const { runDigest } = await import('./emit/digest/run-digest.js');
    const result = await runDigest(
      {
        number: command.number,
        format: flags.format,
        out: flags.out,
        cwd: command.cwd,
        ...(flags.send !== undefined && { send: { to: flags.send, dryRun: command.flags.dryRun === true, apiKey: command.env.buttondownKey, apiUrl: command.env.buttondownUrl } }),
      },
      {
        root: path.resolve(command.cwd, flags.root ?? '.'),
        ...(flags.config !== undefined && { config: flags.config }),
        ...(flags.baseUrl !== undefined && { baseUrl: flags.baseUrl }),
        drafts: command.flags.drafts === true,
        future: command.flags.future === true,
      },
    );
    if (result.sent !== undefined) terminal.err(`${result.sent}\n`);
    else if (result.files.length === 0) terminal.out(result.text.endsWith('\n') ? result.text : `${result.text}\n`);
    else if (!terminal.quiet) terminal.err(`wrote ${result.files.map((file) => path.relative(command.cwd, file) || file).join(' and ')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof QuireError) {
      terminal.diagnostics(error.diagnostics);
      return 1;
    }
    throw error;
  }
}
