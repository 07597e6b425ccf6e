import type { ResolvedConfig } from '../config/resolve-config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Entry, Placed } from '../types.js';
import { fieldPlace } from './field-place.js';
import { toUrlPath } from './url-path.js';

/** An old URL of a published entry, answered by a redirect page (and a line of `_redirects`). */
export interface AliasRoute {
  /** Decoded URL path relative to the base path, e.g. `/2019/01/old-post/` or `/old.html`. */
  readonly url: string;
  readonly outputPath: string;
  /** Source key of the entry it redirects to. */
  readonly key: string;
  /** Its place in the entry's `aliases`. */
  readonly index: number;
}

const URL_HINT = 'write the old path as it was published, e.g. /2019/05/old-post/ or /old-post.html';

/**
 * The redirect routes of one placed entry's `aliases:`. An alias may be written with or without
 * the site's base path, or as a full URL on the site's own origin; anything else (another site, a
 * `..` segment, the entry's own URL) is an error at the `aliases:` field.
 */
export function aliasRoutes(placed: Placed, config: ResolvedConfig): { routes: AliasRoute[]; diagnostics: Diagnostic[] } {
  const { entry } = placed;
  const routes: AliasRoute[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const [index, alias] of entry.aliases.entries()) {
    const problem = (reason: string, hint = URL_HINT) =>
      diagnostics.push(diagnostic('UnsafePath', `the alias "${alias}" cannot be used: ${reason}`, aliasPlace(entry, index), hint));
    const local = sitePath(alias, config);
    if (local === undefined) {
      problem(`it is not a URL of this site (${config.url})`, 'an alias is an old address of this page on this site; redirects from other sites are configured on those sites');
      continue;
    }
    const result = toUrlPath(local);
    if (!result.ok) {
      problem(result.reason);
      continue;
    }
    if (result.outputPath === placed.outputPath) {
      problem('it is the URL of the page itself', 'remove it from `aliases`');
      continue;
    }
    if (seen.has(result.outputPath)) continue;
    seen.add(result.outputPath);
    routes.push({ url: result.url, outputPath: result.outputPath, key: entry.source.rel, index });
  }
  return { routes, diagnostics };
}

/** Where an entry's alias number `index` is written: its item of `aliases:` or `redirect_from:`. */
export function aliasPlace(entry: Entry, index: number): ReturnType<typeof fieldPlace> {
  return fieldPlace(entry, `aliases[${index}]`, 'aliases', 'redirect_from');
}

/**
 * The path of an alias relative to the base path: a full URL must be on the site's origin, and a
 * leading base path (`/blog/old/` under `https://example.com/blog/`) is taken off. Undefined for
 * a URL of another site.
 */
function sitePath(alias: string, config: ResolvedConfig): string | undefined {
  let value = alias.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('//')) {
    let url: URL;
    try {
      url = new URL(value, config.url);
    } catch {
      return undefined;
    }
    if (url.origin !== new URL(config.url).origin) return undefined;
    value = url.pathname;
  }
  if (!value.startsWith('/')) value = `/${value}`;
  const base = config.basePath.replace(/\/$/, '');
  if (base !== '' && (value === base || value.startsWith(`${base}/`))) value = value.slice(base.length) || '/';
  return value;
}
