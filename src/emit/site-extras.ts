import { REDIRECTS_FILE } from '../collect/collect-site.js';
import { SEARCH_INDEX } from '../collect/search-route.js';
import { emitSearchIndex, type SearchSource } from './search/emit-search-index.js';
import { emitRedirectsFile } from './redirects-file.js';
import { emitSitemap } from './sitemap.js';
import type { OutputFile } from './write-site.js';

/**
 * The files a build writes after the pages and feeds: sitemap.xml and robots.txt (unless the site
 * has its own), the search index and `_redirects` (for aliases). One place for `quire build`, `renderOutputs` and `quire dev`.
 */
export function emitSiteExtras(source: SearchSource): OutputFile[] {
  return [...emitSitemap(source.site, source.config), emitSearchIndex(source), ...emitRedirectsFile(source.site, source.config)];
}

/** Their output paths (a sitemap past 50,000 URLs also has numbered parts, which `quire dev` does not serve). */
export const SITE_EXTRA_FILES: readonly string[] = ['sitemap.xml', 'robots.txt', SEARCH_INDEX.outputPath, REDIRECTS_FILE];
