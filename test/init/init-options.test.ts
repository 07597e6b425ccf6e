import { describe, expect, it } from 'vitest';
import { guessLanguage, resolveInitChoices } from '../../src/init/init-options.js';

describe('resolveInitChoices', () => {
  const machine = { locale: 'en-US', timeZone: 'Europe/Berlin' };

  it('guesses the language from the machine locale: Chinese for zh* or none, else English', () => {
    expect(guessLanguage('zh-CN')).toBe('zh-CN');
    expect(guessLanguage('zh-Hant-TW')).toBe('zh-CN');
    expect(guessLanguage('en-GB')).toBe('en');
    expect(guessLanguage('de-DE')).toBe('en');
    expect(guessLanguage(undefined)).toBe('zh-CN');
    expect(guessLanguage('und')).toBe('zh-CN');
  });

  it('takes the machine zone, and UTC when the machine has none', () => {
    expect(resolveInitChoices({}, machine)).toEqual({ language: 'en', timezone: 'Europe/Berlin' });
    expect(resolveInitChoices({}, { locale: 'zh-CN', timeZone: undefined })).toEqual({ language: 'zh-CN', timezone: 'UTC' });
    expect(resolveInitChoices({}, { locale: 'zh-CN', timeZone: 'Not/AZone' })).toEqual({ language: 'zh-CN', timezone: 'UTC' });
  });

  it('lets --lang and --timezone win, accepting zh/zh-cn/en-US spellings', () => {
    expect(resolveInitChoices({ lang: 'zh', timezone: 'Asia/Shanghai' }, machine)).toEqual({ language: 'zh-CN', timezone: 'Asia/Shanghai' });
    expect(resolveInitChoices({ lang: 'zh-cn' }, machine)).toMatchObject({ language: 'zh-CN' });
    expect(resolveInitChoices({ lang: 'en-US' }, { locale: 'zh-CN', timeZone: 'UTC' })).toMatchObject({ language: 'en' });
  });

  it('reports an unknown language or zone, both at once, with a hint', () => {
    const result = resolveInitChoices({ lang: 'fr', timezone: 'Mars/Olympus' }, machine);
    expect('problems' in result && result.problems.map((p) => [p.code, p.message, p.hint])).toEqual([
      ['InitInvalidOption', '--lang "fr": there is no scaffold in that language', 'use one of zh-CN, en'],
      ['InitInvalidOption', '--timezone "Mars/Olympus" is not an IANA time zone', expect.stringContaining('Asia/Shanghai')],
    ]);
    expect(resolveInitChoices({ lang: true }, machine)).toMatchObject({ problems: [{ message: '--lang needs a value: there is no scaffold in that language' }] });
    // a zone that would break out of the quoted string in the config is refused
    expect(resolveInitChoices({ timezone: "UTC'; x" }, machine)).toHaveProperty('problems');
  });
});
