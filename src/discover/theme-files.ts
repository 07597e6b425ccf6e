import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { CopiedFile } from '../types.js';
import { listFiles } from './list-files.js';

/** templates/static/** of the site, then of the default theme (the first wins a path, under public/ in priority). */
export function themeStaticFiles(config: ResolvedConfig): CopiedFile[] {
  return config.templateDirs.flatMap((dir) => listFiles(path.join(dir, 'static')).map((rel) => ({ from: path.join(dir, 'static', ...rel.split('/')), outputPath: rel })));
}
