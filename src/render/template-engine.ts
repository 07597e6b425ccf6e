import { statSync } from 'node:fs';
import { defaultOptions, Liquid } from 'liquidjs';
import { DateTime } from 'luxon';
import { hrefOf } from '../collect/url-path.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { displayDate } from './display-date.js';
import { scriptSafeJson } from './script-json.js';

export interface TemplateEngine {
  render(name: string, context: Record<string, unknown>): Promise<string>;
}

/**
 * LiquidJS over the site's templates folder, then quire's default theme: a site overrides any
 * template by having a file of the same name. Output is HTML-escaped unless `| raw`.
 */
export function createTemplateEngine(config: ResolvedConfig): TemplateEngine {
  const liquid = new Liquid({
    root: [...config.templateDirs],
    partials: [...config.templateDirs],
    layouts: [...config.templateDirs],
    extname: '.liquid',
    cache: true,
    outputEscape: 'escape',
    strictFilters: true,
    ownPropertyOnly: true,
    timezoneOffset: config.timezone,
    dateFormat: '%Y-%m-%d',
    // Only a regular file is a template: a FIFO or device of the same name (skipped with a warning
    // when the folder is walked) would hang the build when read.
    fs: { ...defaultOptions.fs, existsSync: isRegularFile, exists: async (file: string) => isRegularFile(file) },
  });
  // `'/style.css' | relative_url` → `/blog/style.css`; `absolute_url` → `https://…/blog/style.css`.
  liquid.registerFilter('relative_url', (value: unknown) => hrefOf(String(value ?? '/'), config.basePath));
  liquid.registerFilter('absolute_url', (value: unknown) => {
    const s = String(value ?? '/');
    return new URL(s.startsWith(config.basePath) ? s : hrefOf(s, config.basePath), config.url).href;
  });
  // `'第 {page} 页' | fill: 'page', 2`
  liquid.registerFilter('fill', (template: unknown, ...pairs: unknown[]) => {
    let out = String(template ?? '');
    for (let i = 0; i + 1 < pairs.length; i += 2) out = out.split(`{${String(pairs[i])}}`).join(String(pairs[i + 1]));
    return out;
  });
  liquid.registerFilter('json', (value: unknown) => scriptSafeJson(value));
  // `item.date | local_date: lang` → `2025-12-15` (Chinese) or `15 Dec 2025` (English), the one
  // form of the site's dates in that language; `local_date: lang, 'short'` leaves out the year.
  const localDates = new Map<string, string>();
  liquid.registerFilter('local_date', (value: unknown, language: unknown, form: unknown) => {
    if (typeof value !== 'string') return value;
    const key = `${value}\u0000${String(language)}\u0000${String(form)}`;
    let shown = localDates.get(key);
    if (shown === undefined) localDates.set(key, (shown = displayDate(value, typeof language === 'string' ? language : config.language, form === 'short' ? 'short' : 'long')));
    return shown;
  });
  fastDates(liquid, config.timezone);
  return {
    // Synchronous rendering gives the same output without a promise per tag (templates are read
    // once, then cached).
    render: async (name, context) => liquid.renderFileSync(name, context) as string,
  };
}

/**
 * LiquidJS's `date` filter works out the site zone's offset for every date it formats with two
 * `toLocaleString` calls — most of the time of list pages. For a date string with an explicit
 * offset (quire's own dates: `2025-07-09T06:48:00.000+08:00`) the instant is fixed, so the offset
 * of the zone at that instant is taken from luxon (same ICU data) and passed to the filter as its
 * third argument, which the filter then uses as is; and each such call is done once per build.
 * Anything else (`'now'`, numbers, an explicit zone argument) goes to the filter untouched.
 */
function fastDates(liquid: Liquid, timezone: string): void {
  const builtIn = liquid.filters['date'] as unknown as (this: unknown, ...args: unknown[]) => unknown;
  const formatted = new Map<string, unknown>();
  liquid.registerFilter('date', function (this: unknown, value: unknown, ...args: unknown[]) {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})$/.test(value) || args.length > 1 || (args[0] !== undefined && typeof args[0] !== 'string')) {
      return builtIn.call(this, value, ...args);
    }
    const key = `${value}\u0000${String(args[0])}`;
    if (!formatted.has(key)) {
      const at = DateTime.fromISO(value, { zone: timezone });
      formatted.set(key, at.isValid ? builtIn.call(this, value, args[0], -at.offset) : builtIn.call(this, value, ...args));
    }
    return formatted.get(key);
  });
}

function isRegularFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
