import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareSite, type BuildOptions } from '../../build.js';
import { diagnostic, QuireError } from '../../diagnostics.js';
import { digestSource } from './digest-source.js';
import { exportDigest, type DigestFormat } from './export-digest.js';
import { buttondownDraftRequest, buttondownKey, createDraft, describeRequest } from './send-buttondown.js';
import { suggestName } from '../../cli-output/suggest-name.js';

/** `, did you mean buttondown?` for a near miss. */
function suggestion(typed: string): string {
  const name = suggestName(typed, ['buttondown']);
  return name ? ` (did you mean ${name}?)` : '';
}

const FORMATS: readonly DigestFormat[] = ['email', 'text', 'markdown'];

export interface DigestRequest {
  readonly number: string;
  readonly format: string | undefined;
  /** Write here instead of standard output (relative to `cwd`); see `outputFiles`. */
  readonly out: string | undefined;
  readonly cwd: string;
  /** `--send buttondown`: create a draft there instead of printing; `dryRun` prints the request instead. */
  readonly send?: { readonly to: string; readonly dryRun: boolean; readonly apiKey: string | undefined; readonly apiUrl: string | undefined; readonly fetch?: typeof fetch };
}

/**
 * `quire digest <n>`: build in memory, export issue n, print it or write it. Returns the text
 * (for `email`, the HTML) and the files written.
 */
export async function runDigest(request: DigestRequest, options: BuildOptions): Promise<{ text: string; files: string[]; sent?: string }> {
  const format = (request.format ?? 'email') as DigestFormat;
  if (!FORMATS.includes(format)) {
    throw new QuireError([diagnostic('InvalidOption', `--format ${request.format}: there is no such digest format`, {}, `use one of: ${FORMATS.join(', ')}`)]);
  }
  const number = Number(request.number);
  if (!Number.isInteger(number) || number < 1) {
    throw new QuireError([diagnostic('InvalidOption', `"${request.number}" is not an issue number`, {}, 'e.g. `quire digest 12`')]);
  }
  const { send } = request;
  if (send && send.to !== 'buttondown') {
    throw new QuireError([diagnostic('InvalidOption', `--send ${send.to}: quire can hand a digest to Buttondown only`, {}, `use --send buttondown, or --out to write the HTML for another service${suggestion(send.to)}`)]);
  }
  if (send && request.format !== undefined && format !== 'email') throw new QuireError([diagnostic('InvalidOption', `--send takes the e-mail HTML, not --format ${format}`, {}, 'leave out --format')]);
  // The key is checked before the (slow) build: a missing key is the likeliest mistake.
  const apiKey = send && !send.dryRun ? buttondownKey(send.apiKey) : (send?.apiKey ?? '');
  const prepared = await prepareSite({ ...options, cache: options.cache ?? true });
  // The cache is written whether the issue is found or not: its records serve the next run.
  const source = await digestSource(prepared, number).finally(() => prepared.saveCache().catch(() => undefined));
  const text = exportDigest(source, format);
  if (send) {
    const draft = buttondownDraftRequest({ subject: source.title, html: text, canonicalUrl: source.url }, apiKey || 'YOUR_KEY', send.apiUrl);
    if (send.dryRun) return { text: describeRequest(draft), files: [] };
    const { id } = await createDraft(draft, send.fetch);
    return { text: '', files: [], sent: `created a draft in Buttondown${id ? ` (id ${id})` : ''}: review and send it there` };
  }
  if (request.out === undefined) return { text, files: [] };
  const outputs = outputFiles(path.resolve(request.cwd, request.out), format);
  const contents = { html: text, txt: format === 'email' ? exportDigest(source, 'text') : text };
  for (const { file, part } of outputs) {
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, contents[part]);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new QuireError([diagnostic('WriteError', `cannot write ${path.relative(request.cwd, file) || file}: ${reason}`, {}, 'check that the folder is writable, or name another file with --out')]);
    }
  }
  return { text, files: outputs.map((o) => o.file) };
}

/**
 * Where `--out` writes. `email` writes two files, the HTML and its plain-text part, for an ESP
 * that takes both: `--out issue-12` or `--out issue-12.html` → `issue-12.html` and `issue-12.txt`.
 * `text` and `markdown` write the one file named.
 */
export function outputFiles(out: string, format: DigestFormat): Array<{ file: string; part: 'html' | 'txt' }> {
  if (format !== 'email') return [{ file: out, part: 'txt' }];
  const base = /\.html?$/i.test(out) ? out.replace(/\.html?$/i, '') : out;
  return [
    { file: /\.html?$/i.test(out) ? out : `${base}.html`, part: 'html' },
    { file: `${base}.txt`, part: 'txt' },
  ];
}
