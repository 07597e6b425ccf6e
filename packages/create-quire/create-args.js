// @ts-check
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm create quire@latest <folder> [-- [--lang zh-CN|en] [--timezone ZONE] [--force]]

Creates a quire site in <folder> (a new or empty folder; "." for this one), installs
quire-ssg into it as a dev dependency, and prints the next steps.

  --lang <lang>      language of the sample content and UI: zh-CN or en (default: the machine's)
  --timezone <zone>  IANA time zone of the site, e.g. Asia/Shanghai (default: the machine's)
  --force            write into a folder that has other files (nothing is deleted)

A vendor/ folder in <folder> holding quire-ssg-X.Y.Z.tgz is installed from instead of the registry.`;

/**
 * What `create-quire <args>` should do: print usage or the version, fail with a message, or run
 * `quire init <folder> --install` with the given options.
 * @param {readonly string[]} args the arguments after the command name
 * @returns {{ kind: 'usage', text: string } | { kind: 'version' } | { kind: 'fail', text: string } | { kind: 'init', args: string[] }}
 */
export function createArgs(args) {
  const options = /** @type {const} */ ({
    lang: { type: 'string' },
    timezone: { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  });
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's own advice about positionals that start with '-' does not apply here.
    const reason = (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)).replace(/\. To specify a positional.*$/, '');
    return { kind: 'fail', text: `error[InvalidOption] ${reason.replace(/^./, (c) => c.toLowerCase())}\n  hint: options go after \`--\`, e.g. \`npm create quire@latest my-blog -- --lang en\`\n\n${USAGE}` };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'usage', text: USAGE };
  if (values.version) return { kind: 'version' };
  if (positionals.length === 0) return { kind: 'fail', text: `error[InvalidOption] no folder named for the new site\n  hint: \`npm create quire@latest my-blog\` (or \`.\` for this folder, if it is empty)\n\n${USAGE}` };
  if (positionals.length > 1) return { kind: 'fail', text: `error[InvalidOption] one folder only (got ${positionals.map((p) => JSON.stringify(p)).join(', ')})\n  hint: a name with spaces needs quotes\n\n${USAGE}` };
  const init = ['init', /** @type {string} */ (positionals[0]), '--install'];
  if (values.lang !== undefined) init.push('--lang', values.lang);
  if (values.timezone !== undefined) init.push('--timezone', values.timezone);
  if (values.force) init.push('--force');
  return { kind: 'init', args: init };
}
