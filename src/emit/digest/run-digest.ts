import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareSite, type BuildOptions } from '../../build.js';
import { diagnostic, QuireError } from '../../diagnostics.js';
import { digestSource } from './digest-source.js';
import { exportDigest, type DigestFormat } from './export-digest.js';

const FORMATS: readonly DigestFormat[] = ['email', 'text', 'markdown'];

export interface DigestRequest {
  readonly number: string;
  readonly format: string | undefined;
  /** Write here instead of standard output (relative to `cwd`). */
  readonly out: string | undefined;
  readonly cwd: string;
}

/** `quire digest <n>`: build in memory, export issue n, print it or write it. Returns the text. */
export async function runDigest(request: DigestRequest, options: BuildOptions): Promise<{ text: string; file: string | undefined }> {
  const format = (request.format ?? 'email') as DigestFormat;
  if (!FORMATS.includes(format)) {
    throw new QuireError([diagnostic('ConfigInvalid', `unknown digest format "${request.format}"`, {}, `use one of: ${FORMATS.join(', ')}`)]);
  }
  const number = Number(request.number);
  if (!Number.isInteger(number) || number < 1) {
    throw new QuireError([diagnostic('ConfigInvalid', `"${request.number}" is not an issue number`, {}, 'e.g. `quire digest 12`')]);
  }
  const prepared = await prepareSite({ ...options, cache: options.cache ?? true });
  const text = exportDigest(await digestSource(prepared, number), format);
  await prepared.saveCache().catch(() => undefined);
  if (request.out === undefined) return { text, file: undefined };
  const file = path.resolve(request.cwd, request.out);
  await writeFile(file, text);
  return { text, file };
}
