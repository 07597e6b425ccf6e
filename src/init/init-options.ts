import { IANAZone } from 'luxon';
import { diagnostic, type Diagnostic } from '../diagnostics.js';

/** The languages a scaffold exists for (folders of `scaffold/`). */
export const SCAFFOLD_LANGUAGES = ['zh-CN', 'en'] as const;
export type ScaffoldLanguage = (typeof SCAFFOLD_LANGUAGES)[number];

/** What the machine says, read by the CLI: `Intl.DateTimeFormat().resolvedOptions()`. */
export interface MachineLocale {
  readonly locale: string | undefined;
  readonly timeZone: string | undefined;
}

export interface InitChoices {
  readonly language: ScaffoldLanguage;
  readonly timezone: string;
}

/**
 * `--lang` and `--timezone`, or guesses from the machine: a `zh*` locale (or none at all)
 * gives the Chinese scaffold, any other the English one; the machine's IANA zone, else UTC.
 */
export function resolveInitChoices(flags: { lang?: unknown; timezone?: unknown }, machine: MachineLocale): InitChoices | { problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  let language: ScaffoldLanguage = guessLanguage(machine.locale);
  if (flags.lang !== undefined) {
    const chosen = typeof flags.lang === 'string' ? languageOf(flags.lang) : undefined;
    if (chosen) language = chosen;
    else problems.push(diagnostic('InitInvalidOption', `--lang ${typeof flags.lang === 'string' ? `"${flags.lang}"` : 'needs a value'}: there is no scaffold in that language`, {}, `use one of ${SCAFFOLD_LANGUAGES.join(', ')}`));
  }
  let timezone = machine.timeZone && isZoneName(machine.timeZone) ? machine.timeZone : 'UTC';
  if (flags.timezone !== undefined) {
    if (typeof flags.timezone === 'string' && isZoneName(flags.timezone)) timezone = flags.timezone;
    else problems.push(diagnostic('InitInvalidOption', `--timezone ${typeof flags.timezone === 'string' ? `"${flags.timezone}"` : 'needs a value'} is not an IANA time zone`, {}, 'use a name such as "Asia/Shanghai", "Europe/Berlin" or "UTC"'));
  }
  return problems.length > 0 ? { problems } : { language, timezone };
}

export function guessLanguage(locale: string | undefined): ScaffoldLanguage {
  if (!locale || locale === 'und') return 'zh-CN';
  return /^zh\b/i.test(locale) ? 'zh-CN' : 'en';
}

function languageOf(flag: string): ScaffoldLanguage | undefined {
  if (/^zh([-_].*)?$/i.test(flag)) return 'zh-CN';
  if (/^en([-_].*)?$/i.test(flag)) return 'en';
  return undefined;
}

/** A zone name that is safe to write into the config as it is (it goes between quotes). */
function isZoneName(zone: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone) && IANAZone.isValidZone(zone);
}
