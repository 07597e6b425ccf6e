/**
 * For the hostile-input suite: build outcomes that tell a reported problem (QuireError) from an
 * unhandled exception, and snapshots of a folder that do not follow symlinks (a loop stays a loop)
 * and survive unreadable files, to prove a build wrote nothing outside its output folder.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type BuildResult } from '../../src/build.js';
import { QuireError, type Diagnostic } from '../../src/diagnostics.js';

export type BuildOutcome = { readonly ok: true; readonly result: BuildResult } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Build; a QuireError becomes `{ ok: false }`, anything else (an unhandled exception) is rethrown. */
export async function buildOutcome(options: BuildOptions): Promise<BuildOutcome> {
  try {
    return { ok: true, result: await build(options) };
  } catch (error) {
    if (error instanceof QuireError) return { ok: false, diagnostics: error.diagnostics };
    throw error;
  }
}

/**
 * `relative path → kind:mode:content hash` of everything under `dir` except the `skip` folders
 * (relative, `/`-separated). Symlinks are recorded by their target, never followed.
 */
export function snapshot(dir: string, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string, prefix: string) => {
    for (const name of readdirSync(current).sort()) {
      const rel = prefix + name;
      if (skip.includes(rel)) continue;
      const full = path.join(current, name);
      const stats = lstatSync(full);
      const mode = (stats.mode & 0o777).toString(8);
      if (stats.isSymbolicLink()) out[rel] = `link:${readlinkSync(full)}`;
      else if (stats.isDirectory()) {
        out[`${rel}/`] = `dir:${mode}`;
        walk(full, `${rel}/`);
      } else {
        let hash: string;
        try {
          hash = createHash('sha256').update(readFileSync(full)).digest('hex');
        } catch {
          hash = 'unreadable';
        }
        out[rel] = `file:${mode}:${hash}`;
      }
    }
  };
  walk(dir, '');
  return out;
}

/** `error[Code] file:line` of each error, the way the CLI prints the head of a diagnostic. */
export function errorHeads(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.file ?? '-'}:${d.line ?? '-'}`);
}
