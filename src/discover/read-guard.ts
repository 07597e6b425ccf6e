import { realpathSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_TEMPLATES, type ResolvedConfig } from '../config/resolve-config.js';
import { vendorFolders } from './vendor-assets.js';

/**
 * Where the files quire reads may really be: inside the project (but not in `.git/`, the build
 * cache or the output folder, and not the project folder itself), or inside a folder the config
 * allows (`allowSymlinksTo`), quire's own theme, or the KaTeX and Mermaid files it serves. Paths are real paths (symbolic links resolved).
 */
export interface ReadGuard {
  /** The project folder as given: paths in messages are shown relative to it. */
  readonly root: string;
  /** Its real path. */
  readonly realRoot: string;
  /** Real paths of the folders outside the project that may be read. */
  readonly allowed: readonly string[];
  /** Real paths inside the project that may not be read, each with what it is. */
  readonly forbidden: readonly { readonly path: string; readonly what: string }[];
}

type GuardSettings = Pick<ResolvedConfig, 'root'> & Partial<Pick<ResolvedConfig, 'allowSymlinksTo' | 'cacheDir' | 'outDir'>>;

/** The guard of a site, its folders resolved once (the only disk access: `realpath`). */
export function readGuard(config: GuardSettings): ReadGuard {
  const realRoot = realOrResolved(config.root);
  const forbidden = [
    { path: realOrResolved(config.cacheDir ?? path.join(config.root, '.quire-cache')), what: 'the build cache' },
    ...(config.outDir !== undefined ? [{ path: realOrResolved(config.outDir), what: 'the output folder' }] : []),
  ];
  return Object.freeze({
    root: config.root,
    realRoot,
    allowed: Object.freeze([...(config.allowSymlinksTo ?? []), BUILTIN_TEMPLATES, ...vendorFolders()].map(realOrResolved)),
    forbidden: Object.freeze(forbidden),
  });
}

/**
 * Why the file or folder at real path `real` may not be read, as the end of a sentence
 * ("…, which is outside the project"), or undefined when it may be.
 */
export function refusalOf(guard: ReadGuard, real: string): string | undefined {
  if (real === guard.realRoot) return 'which is the project folder itself (its sources, drafts and config would be published)';
  if (within(guard.realRoot, real)) return 'which contains the project folder';
  for (const base of [guard.realRoot, ...guard.allowed]) {
    if (!within(real, base)) continue;
    const rel = path.relative(base, real);
    if (rel.split(path.sep).includes('.git')) return "which is inside a .git folder (the repository's settings and credentials)";
    const inside = guard.forbidden.find((f) => within(real, f.path));
    if (inside) return `which is inside ${inside.what}`;
    return undefined;
  }
  return 'which is outside the project';
}

/** The hint that goes with a refused link. */
export const REFUSED_LINK_HINT = 'remove the link, or put the file itself into the project; to read a folder outside the project on purpose, list it in `allowSymlinksTo` in the config';

/** `child` is `parent` or below it. */
function within(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The real path of `p`; for a path that does not exist (yet), that of its nearest existing folder with the rest appended. */
function realOrResolved(p: string): string {
  const absolute = path.resolve(p);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(realOrResolved(parent), path.basename(absolute));
  }
}
