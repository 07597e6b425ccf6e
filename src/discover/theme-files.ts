import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { CopiedFile } from '../types.js';
import type { ReadGuard } from './read-guard.js';
import { vendorAssets } from './vendor-assets.js';
import { walkFolder } from './walk-folder.js';

/**
 * templates/static/** of the site, then of the default theme (the first wins a path, under
 * public/ in priority); with the problems of the site's whole templates folder (links the guard
 * refuses, FIFOs), which is walked for them since its templates are read too; then the files of
 * KaTeX and Mermaid (see `vendorAssets`).
 */
export function themeStaticFiles(config: ResolvedConfig, guard: ReadGuard): { readonly files: CopiedFile[]; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files = config.templateDirs.flatMap((dir, i) => {
    // The site's folder is walked whole (templates and static files); the theme's static files alone.
    const walked = i === 0 ? walkFolder(dir, guard) : walkFolder(path.join(dir, 'static'), guard);
    diagnostics.push(...walked.diagnostics);
    const statics = i === 0 ? walked.files.filter((rel) => rel.startsWith('static/')).map((rel) => rel.slice('static/'.length)) : walked.files;
    return statics.map((rel) => ({ from: path.join(dir, 'static', ...rel.split('/')), outputPath: rel }));
  });
  // KaTeX's and Mermaid's files last: the site's own of the same path win.
  return { files: [...files, ...vendorAssets(config)], diagnostics };
}
