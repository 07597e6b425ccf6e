/**
 * The robots.txt quire writes when the site has none of its own: everything may be crawled, and
 * the sitemap is named by its absolute URL. Crawlers read robots.txt only at the root of a host,
 * so under a sub-path base URL (`/blog/`) it is written but only a root-level copy would count.
 */
export function robotsTxt(sitemapUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
}
