import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { CopiedFile } from '../types.js';

/** Where the site serves KaTeX's stylesheet (its fonts beside it, in fonts/) and Mermaid's script. */
export const KATEX_CSS = 'assets/katex/katex.min.css';
export const MERMAID_JS = 'assets/mermaid/mermaid.min.js';

/**
 * The files of KaTeX (stylesheet and fonts) and Mermaid (its one-file browser build) that pages
 * with a formula or a diagram link to, copied from the installed packages so no page depends on
 * a CDN; none for a feature turned off (`markdown.math`, `markdown.mermaid`). A file of the same
 * path in the site's templates/static/ or public/ wins.
 */
export function vendorAssets(config: ResolvedConfig): CopiedFile[] {
  const require = createRequire(import.meta.url);
  const files: CopiedFile[] = [];
  if (config.markdown.math) {
    const dist = katexDist();
    files.push({ from: path.join(dist, 'katex.min.css'), outputPath: KATEX_CSS });
    for (const font of readdirSync(path.join(dist, 'fonts')).sort()) {
      files.push({ from: path.join(dist, 'fonts', font), outputPath: `${path.posix.dirname(KATEX_CSS)}/fonts/${font}` });
    }
  }
  if (config.markdown.mermaid) files.push({ from: require.resolve('mermaid/dist/mermaid.min.js'), outputPath: MERMAID_JS });
  return files;
}

/** The installed folders those files come from: quire may read them (see `readGuard`), as it reads its own theme. */
export function vendorFolders(): string[] {
  return [katexDist(), path.dirname(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'))];
}

function katexDist(): string {
  return path.dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'));
}

/**
 * The copies without KaTeX's files when no text has a formula, and without Mermaid's when none has
 * a diagram: a site that uses neither does not carry their 4.7 MB.
 */
export function withoutUnusedVendorAssets(copies: readonly CopiedFile[], rendered: Iterable<{ readonly math?: true; readonly diagram?: true }>): CopiedFile[] {
  let math = false;
  let diagram = false;
  for (const entry of rendered) {
    math ||= entry.math === true;
    diagram ||= entry.diagram === true;
    if (math && diagram) return [...copies];
  }
  const katexFolder = `${path.posix.dirname(KATEX_CSS)}/`;
  return copies.filter((file) => (math || !file.outputPath.startsWith(katexFolder)) && (diagram || file.outputPath !== MERMAID_JS));
}
