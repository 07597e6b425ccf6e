import { Liquid } from 'liquidjs';
import { hrefOf } from '../collect/url-path.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
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
  return {
    render: (name, context) => liquid.renderFile(name, context) as Promise<string>,
  };
}
