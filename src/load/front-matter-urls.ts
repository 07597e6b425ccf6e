import { diagnostic, type Diagnostic, type Place } from '../diagnostics.js';
import { SAFE_IMAGE_SCHEMES, SAFE_LINK_SCHEMES, unsafeScheme, whyUnsafe } from './safe-url.js';

/**
 * The URL-valued front-matter fields (a note's `link:`, an entry's `image:`) whose scheme may not
 * be published (`javascript:`, `data:` other than an inline raster image…): an `UnsafeUrl` error
 * at the value, placed by `at`.
 */
export function unsafeFrontMatterUrls(fields: { readonly link?: string | undefined; readonly image?: string | undefined }, at: (field: PropertyKey[]) => Place): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const [field, use] of [['link', 'link'], ['image', 'image']] as const) {
    const value = fields[field];
    const scheme = value === undefined ? undefined : unsafeScheme(value, use);
    if (value === undefined || scheme === undefined) continue;
    problems.push(
      diagnostic(
        'UnsafeUrl',
        `front-matter field \`${field}\`: ${JSON.stringify(value)} is not published: ${whyUnsafe(scheme)}`,
        at([field]),
        use === 'link'
          ? `write the address in full, e.g. \`link: https://example.com/article\` (quire publishes ${SAFE_LINK_SCHEMES})`
          : `use an http(s) URL, a path on the site (\`/images/cover.png\`) or a file of this page bundle (quire publishes ${SAFE_IMAGE_SCHEMES})`,
      ),
    );
  }
  return problems;
}
