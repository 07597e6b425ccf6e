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
