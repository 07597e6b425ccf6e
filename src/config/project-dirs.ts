import path from 'node:path';

/** The folders an output folder must keep clear of (absolute). */
export interface ProjectDirs {
  readonly root: string;
  readonly contentDir: string;
  readonly publicDir: string;
  readonly templatesDir: string;
  /** The cache folder as configured (refused as an output even when `--no-cache` is given). */
  readonly cacheDir?: string;
}

/**
 * Why `outDir` would destroy something (it is replaced wholesale on every build), or undefined:
 * the file-system root, the project root or a folder above it, a source folder (content, public,
 * templates) or anything containing or inside one, the cache folder, a `.git` folder or anything
 * inside one, and the project's `node_modules`. Looks at the paths only (see `outDirProblem` in
 * src/emit/out-dir-safety.ts for what is on disk).
 */
export function unsafeOutDir(outDir: string, dirs: ProjectDirs): string | undefined {
  if (outDir === path.parse(outDir).root) return 'it is the file-system root';
  const named: Array<[string, string]> = [
    ['the project root', dirs.root],
    ['the content folder', dirs.contentDir],
    ['the public folder', dirs.publicDir],
    ['the templates folder', dirs.templatesDir],
    ...(dirs.cacheDir !== undefined ? ([['the cache folder', dirs.cacheDir]] as Array<[string, string]>) : []),
  ];
  for (const [name, dir] of named) {
    if (outDir === dir) return `it is ${name}`;
    if (isWithin(dir, outDir)) return `it contains ${name}`;
  }
  for (const [name, dir] of named.slice(1)) if (isWithin(outDir, dir)) return `it is inside ${name}`;
  if (outDir.split(path.sep).some((segment) => segment.toLowerCase() === '.git')) return 'it is a .git folder or inside one';
  if (isWithin(outDir, dirs.root) && path.relative(dirs.root, outDir).split(path.sep).some((segment) => segment.toLowerCase() === 'node_modules')) {
    return 'it is a node_modules folder or inside one';
  }
  return undefined;
}

/** The folders of a resolved config that an output folder must keep clear of. */
export function projectDirs(config: {
  readonly root: string;
  readonly contentDir: string;
  readonly publicDir: string;
  readonly templateDirs: readonly string[];
  readonly cacheDir?: string | undefined;
}): ProjectDirs {
  return {
    root: config.root,
    contentDir: config.contentDir,
    publicDir: config.publicDir,
    templatesDir: config.templateDirs[0]!,
    ...(config.cacheDir !== undefined && { cacheDir: config.cacheDir }),
  };
}

/** `child` is `parent` or inside it (paths compared as given: resolve them first). */
export function isWithin(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
