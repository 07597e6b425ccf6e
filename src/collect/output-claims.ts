import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { PackedText } from '../packed-text.js';

/** Where an error about an output file points. */
export type Place = { file?: string; line?: number; column?: number; source?: string | PackedText };

const NON_ASCII = /[^\u0000-\u007f]/;

/** Who wants an output file, and where an error about it points. */
export interface Claim {
  readonly owner: string;
  readonly outputPath: string;
  readonly place: Place | (() => Place);
  /** The URL was chosen in the file (`slug:`, `permalink:`): its line is where a clash is fixed. */
  readonly chosen?: boolean;
}

const FEED_CLASH_HINT = 'feeds are written as feed.xml, atom.xml and feed.json in the site root and in each tag folder: give your file another name or URL';
const RESERVED_HINT = 'give it another `slug` or `permalink`; to replace a file quire writes, put your own in public/';
/** Files quire writes unless public/ has its own: no entry may take their place. */
const SITEMAP_FILES = /^sitemap(-\d+)?\.xml$/;

/**
 * Who claims each output file, to catch two sources on one URL (compared case-insensitively,
 * because macOS and Windows file systems are). `claim` records a claim, or pushes a
 * `DuplicateUrl` onto `diagnostics` and answers false: a second claim of a path, or a claim of a
 * file in `reserved` (claim key → what quire writes there) by anything but public/ (`fromPublic`).
 * `place` may be a function: what an error would point at is worked out only for an error.
 */
export function outputClaims(reserved: ReadonlyMap<string, string>, diagnostics: Diagnostic[]) {
  const claims = new Map<string, Claim>();
  const feedFiles = new Set<string>();
  const claim = (outputPath: string, owner: string, place: Place | (() => Place), isFeed = false, fromPublic = false, chosen = false): boolean => {
    const key = claimKey(outputPath);
    const previous = claims.get(key);
    const where = (at: Place | (() => Place) = place) => (typeof at === 'function' ? at() : at);
    if (previous !== undefined) {
      const hint = isFeed || feedFiles.has(key) ? FEED_CLASH_HINT : 'give one of them another `slug` or `permalink`';
      // Reported at the `slug:` or `permalink:` line that made the clash, when only the earlier file has one.
      const [at, first, second] = !chosen && previous.chosen ? [previous.place, previous.owner, owner] : [place, owner, previous.owner];
      diagnostics.push(diagnostic('DuplicateUrl', `${first} and ${second} both produce ${outputPath}`, where(at), hint));
      return false;
    }
    const generated = reserved.get(key) ?? (SITEMAP_FILES.test(key) ? 'the sitemap quire writes' : undefined);
    if (!fromPublic && generated !== undefined) {
      diagnostics.push(diagnostic('DuplicateUrl', `${owner} would replace ${generated} (${outputPath})`, where(), RESERVED_HINT));
      return false;
    }
    claims.set(key, { owner, outputPath, place, chosen });
    if (isFeed) feedFiles.add(key);
    return true;
  };
  return { claims, claim };
}

/**
 * A file claimed where another claim needs a folder (`favicon.svg`, a theme file, and a post at
 * `/favicon.svg/`, which is `favicon.svg/index.html`): one error for each, pointing at the claim
 * that has a place (a source file) if either has.
 */
export function folderClashes(claims: ReadonlyMap<string, Claim>): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const [key, inner] of claims) {
    for (let slash = key.indexOf('/'); slash !== -1; slash = key.indexOf('/', slash + 1)) {
      const file = claims.get(key.slice(0, slash));
      if (!file) continue;
      const placeOf = (c: Claim) => (typeof c.place === 'function' ? c.place() : c.place);
      const place = placeOf(inner).file !== undefined ? placeOf(inner) : placeOf(file);
      found.push(
        diagnostic(
          'DuplicateUrl',
          `${inner.owner} produces ${inner.outputPath}, but ${file.outputPath} is a file (${file.owner})`,
          place,
          'give one of them another `slug` or `permalink`',
        ),
      );
      break;
    }
  }
  return found;
}

/** What two output paths clash on: equal after NFC and lower-casing (ASCII is NFC already). */
export function claimKey(outputPath: string): string {
  return (NON_ASCII.test(outputPath) ? outputPath.normalize('NFC') : outputPath).toLowerCase();
}
