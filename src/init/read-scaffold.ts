import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../discover/list-files.js';
import type { ScaffoldLanguage } from './init-options.js';

/** The scaffold shipped in the package: `common/` plus one folder per language. */
export const SCAFFOLD_DIR = fileURLToPath(new URL('../../scaffold/', import.meta.url));

export interface ScaffoldFile {
  /** Path in the new site, `/`-separated. */
  readonly path: string;
  readonly text: string;
}

/**
 * The files of a new site, placeholders (`%%name%%`) filled in. A path segment `dot-x` is
 * written as `.x`: npm leaves `.gitignore` out of packages, so the scaffold cannot hold one.
 */
export function readScaffold(language: ScaffoldLanguage, values: Readonly<Record<string, string>>, root: string = SCAFFOLD_DIR): ScaffoldFile[] {
  const files = new Map<string, string>();
  for (const folder of ['common', language]) {
    const dir = path.join(root, folder);
    for (const rel of listFiles(dir)) {
      const target = rel
        .split('/')
        .map((segment) => segment.replace(/^dot-/, '.'))
        .join('/');
      files.set(target, fill(readFileSync(path.join(dir, ...rel.split('/')), 'utf8'), values, `${folder}/${rel}`));
    }
  }
  if (files.size === 0) throw new Error(`the scaffold is missing from ${root}: the quire package is incomplete`);
  return [...files].map(([p, text]) => ({ path: p, text }));
}

function fill(text: string, values: Readonly<Record<string, string>>, name: string): string {
  return text.replace(/%%([A-Za-z]+)%%/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`scaffold/${name} uses %%${key}%%, which quire init does not fill in`);
    return value;
  });
}
