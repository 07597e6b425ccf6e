import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { diagnostic, warning, type Diagnostic } from '../diagnostics.js';
import { suggestName } from '../cli-output/suggest-name.js';
import type { Entry, Placed } from '../types.js';
import { fieldPlace } from './field-place.js';
import { sectionLang } from './entry-language.js';

const FILE_NAME_HINT = 'quire links translations by `translationKey:`, not by file name';

/**
 * The versions of each translated post or page: entries sharing a `translationKey:`, one per
 * language (the default language's first, then those of `languages` in order). A key whose
 * default-language version is missing is a warning at each translation; two versions in one
 * language an error naming both. Returns, by source key, every version of that entry (itself
 * included), for entries that have at least one other.
 */
export function collectTranslations(
  entries: Readonly<Record<string, Placed>>,
  config: ResolvedConfig,
  diagnostics: Diagnostic[],
): Record<string, readonly string[]> {
  const order = [config.language, ...config.languages.map((l) => l.lang)];
  const groups = new Map<string, Map<string, Entry>>();
  for (const key of Object.keys(entries).sort()) {
    const { entry } = entries[key]!;
    if ((entry.kind !== 'post' && entry.kind !== 'page') || entry.translationKey === undefined) continue;
    const lang = sectionLang(entry, config);
    let group = groups.get(entry.translationKey);
    if (!group) groups.set(entry.translationKey, (group = new Map()));
    const other = group.get(lang);
    if (other) {
      const first = located(other, 'translationKey');
      const unconfigured = entry.lang !== undefined && lang === config.language && entry.lang.toLowerCase() !== lang.toLowerCase() ? ` (\`lang: ${entry.lang}\` is not in \`languages\`, so it counts as ${config.language})` : '';
      diagnostics.push(
        diagnostic(
          'TranslationConflict',
          `${located(entry, 'translationKey')} and ${first} are both the ${lang} version of translationKey "${entry.translationKey}"${unconfigured}`,
          fieldPlace(entry, 'translationKey'),
          'each language has one version of a text: give one of them another `translationKey`, or the `lang` it is written in',
        ),
      );
      continue;
    }
    group.set(lang, entry);
  }
  const originals = [...groups].filter(([, group]) => group.has(config.language)).map(([key]) => key);
  const versions: Record<string, readonly string[]> = {};
  for (const [translationKey, group] of groups) {
    if (!group.has(config.language)) {
      for (const [lang, entry] of group) {
        const near = suggestName(translationKey, originals);
        diagnostics.push(
          warning(
            'TranslationWithoutOriginal',
            `${entry.displayPath} is the ${lang} translation of "${translationKey}", but no ${config.language} post or page has \`translationKey: ${translationKey}\``,
            fieldPlace(entry, 'translationKey'),
            near ? `did you mean "${near}"?` : `give the ${config.language} original the same \`translationKey\` (a draft or future original is not published yet)`,
          ),
        );
      }
    }
    if (group.size < 2) continue;
    const keys = [...group].sort(([a], [b]) => rank(a, order) - rank(b, order)).map(([, entry]) => entry.source.rel);
    for (const key of keys) versions[key] = keys;
  }
  return versions;
}

/**
 * A post or page named like `about.en.md` (Hugo's habit): an error, since quire links translations
 * by `translationKey`. Only a language of the site, or a name beside the same name without the
 * language (`about.md`), counts: `node.js.md` alone is a post called `node.js`.
 */
export function translationFileNames(entries: readonly Entry[], config: ResolvedConfig): Diagnostic[] {
  const names = new Set(entries.map((e) => e.source.rel.toLowerCase()));
  const languages = [config.language, ...config.languages.map((l) => l.lang)].map((l) => l.toLowerCase());
  const out: Diagnostic[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'post' && entry.kind !== 'page') continue;
    const match = /^(.+)\.([a-z]{2,3}(?:-[a-z0-9]{2,8})*)\.(md|markdown)$/i.exec(path.posix.basename(entry.source.rel));
    if (!match) continue;
    const [, stem, tag, ext] = match as unknown as [string, string, string, string];
    const dir = path.posix.dirname(entry.source.rel);
    const beside = `${dir}/${stem}.${ext}`;
    if (!languages.includes(tag.toLowerCase()) && !names.has(beside.toLowerCase())) continue;
    out.push(
      diagnostic(
        'TranslationFileName',
        `${entry.displayPath} is named as a ${tag} translation (${stem}.${tag}.${ext}), but quire does not read languages from file names`,
        { file: entry.displayPath, line: 1, column: 1 },
        `${FILE_NAME_HINT}: rename it (e.g. ${stem}-${tag.toLowerCase()}.${ext}), add \`lang: ${tag}\` and \`translationKey: ${stem}\` to it, and \`translationKey: ${stem}\` to ${stem}.${ext}`,
      ),
    );
  }
  return out;
}

function rank(lang: string, order: readonly string[]): number {
  const i = order.indexOf(lang);
  return i === -1 ? order.length : i;
}

/** `file:line` of a field (the file alone when the field has no position). */
function located(entry: Entry, field: string): string {
  const place = fieldPlace(entry, field);
  return place.line !== undefined ? `${place.file}:${place.line}` : place.file;
}
