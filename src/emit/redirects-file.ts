import { REDIRECTS_FILE } from '../collect/collect-site.js';
import { hrefOf } from '../collect/url-path.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { Site } from '../types.js';
import type { OutputFile } from './write-site.js';

/**
 * `_redirects` in the syntax Netlify and Cloudflare Pages read: one `old new 301` line per alias,
 * both as hrefs under the base path. Written only when the site has aliases and public/ has no
 * `_redirects` of its own (`site.redirectsFile`); hosts that do not read it serve the redirect
 * pages instead.
 */
export function emitRedirectsFile(site: Site, config: ResolvedConfig): OutputFile[] {
  if (!site.redirectsFile) return [];
  const lines: string[] = [];
  for (const route of site.routes) {
    if (route.type !== 'redirect') continue;
    const target = site.entries[route.key];
    if (target) lines.push(`${hrefOf(route.url, config.basePath)} ${hrefOf(target.url, config.basePath)} 301`);
  }
  return lines.length > 0 ? [{ outputPath: REDIRECTS_FILE, contents: `${lines.join('\n')}\n` }] : [];
}
