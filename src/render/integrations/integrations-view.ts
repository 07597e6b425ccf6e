import { hrefOf } from '../../collect/url-path.js';
import type { AnalyticsConfig, CommentsConfig } from '../../config/integrations-schema.js';
import type { ResolvedConfig } from '../../config/resolve-config.js';
import type { Route, Site } from '../../types.js';
import { scriptSafeJson } from '../script-json.js';
import { uiStrings } from '../ui-strings.js';

/** A `<script>` element: its attributes in order (`''`: an attribute without a value) and, for an inline one, its code. */
export interface ScriptTag {
  readonly attributes: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /** Inline code, safe inside `<script>` (its data written with `scriptSafeJson`). */
  readonly code: string;
}

export interface CommentsView {
  readonly provider: CommentsConfig['provider'];
  readonly title: string;
  /** A stylesheet the widget needs (Waline). */
  readonly stylesheet: string | undefined;
  /** The element the widget fills. */
  readonly container: { readonly id: string | undefined; readonly className: string | undefined };
  readonly scripts: readonly ScriptTag[];
}

/** What `partials/analytics` and `partials/comments` get: undefined writes nothing (nothing third-party is loaded). */
export interface IntegrationsView {
  readonly analytics: { readonly scripts: readonly ScriptTag[] } | undefined;
  readonly comments: CommentsView | undefined;
}

/**
 * Comments and analytics of one page, from the config: analytics on every page, comments on
 * posts (unless `comments: false`) and on pages and weekly issues that ask with `comments: true`,
 * never on lists.
 */
export function integrationsView(route: Route, site: Site, config: Pick<ResolvedConfig, 'analytics' | 'comments' | 'language' | 'basePath' | 'url'>): IntegrationsView {
  const analytics = config.analytics ? analyticsScripts(config.analytics) : [];
  let comments: CommentsView | undefined;
  if (config.comments && (route.type === 'post' || route.type === 'page' || route.type === 'weekly-issue')) {
    const entry = site.entries[route.key]?.entry;
    const asked = entry?.extra['comments'];
    const on = route.type === 'post' ? asked !== false : asked === true;
    if (entry && on) {
      const language = entry.lang ?? config.language;
      const path = hrefOf(route.url, config.basePath);
      comments = commentsView(config.comments, language, path);
    }
  }
  return { analytics: analytics.length > 0 ? { scripts: analytics } : undefined, comments };
}

const attr = (name: string, value = '') => ({ name, value });

function analyticsScripts(analytics: AnalyticsConfig): ScriptTag[] {
  const scripts: ScriptTag[] = [];
  const { umami, plausible, cloudflare, google } = analytics;
  if (umami) {
    scripts.push({ attributes: [attr('defer'), attr('src', umami.src), attr('data-website-id', umami.websiteId), ...(umami.domains ? [attr('data-domains', umami.domains.join(','))] : [])], code: '' });
  }
  if (plausible) scripts.push({ attributes: [attr('defer'), attr('data-domain', plausible.domain), attr('src', plausible.src)], code: '' });
  if (cloudflare) {
    scripts.push({ attributes: [attr('defer'), attr('src', 'https://static.cloudflareinsights.com/beacon.min.js'), attr('data-cf-beacon', JSON.stringify({ token: cloudflare.token }))], code: '' });
  }
  if (google) {
    scripts.push({ attributes: [attr('async'), attr('src', `https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(google.id)}`)], code: '' });
    scripts.push({ attributes: [], code: `window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config',${scriptSafeJson(google.id)});` });
  }
  return scripts;
}

/** The widget's language: its own `lang`, else the page's, as these widgets name Chinese (`zh-CN`, `zh-TW`). */
function widgetLanguage(own: string | undefined, page: string): string {
  if (own !== undefined) return own;
  const lower = page.toLowerCase();
  if (lower.startsWith('zh')) return /^zh-(tw|hk|mo|hant)/.test(lower) ? 'zh-TW' : 'zh-CN';
  return lower.split('-')[0]!;
}

function commentsView(comments: CommentsConfig, language: string, path: string): CommentsView {
  const title = uiStrings(language).comments;
  const lang = widgetLanguage(comments.lang, language);
  switch (comments.provider) {
    case 'giscus': {
      const follow = comments.theme === 'preferred_color_scheme';
      const scripts: ScriptTag[] = [
        {
          attributes: [
            attr('src', comments.src),
            attr('data-repo', comments.repo),
            attr('data-repo-id', comments.repoId),
            attr('data-category', comments.category),
            attr('data-category-id', comments.categoryId),
            attr('data-mapping', comments.mapping),
            attr('data-strict', comments.strict ? '1' : '0'),
            attr('data-reactions-enabled', comments.reactions ? '1' : '0'),
            attr('data-emit-metadata', '0'),
            attr('data-input-position', comments.inputPosition),
            attr('data-theme', comments.theme),
            attr('data-lang', lang),
            attr('data-loading', comments.loading),
            attr('crossorigin', 'anonymous'),
            attr('async'),
          ],
          code: '',
        },
      ];
      // The site's own light/dark switch (data-theme on <html>) wins over the system setting: giscus is told at load and on each change.
      if (follow) scripts.push({ attributes: [], code: giscusThemeScript(new URL(comments.src).origin) });
      return { provider: 'giscus', title, stylesheet: undefined, container: { id: undefined, className: 'giscus' }, scripts };
    }
    case 'waline': {
      const options = { el: '#waline', serverURL: comments.serverURL, path, lang, dark: comments.dark };
      return {
        provider: 'waline',
        title,
        stylesheet: comments.css,
        container: { id: 'waline', className: undefined },
        scripts: [{ attributes: [attr('type', 'module')], code: `import { init } from ${scriptSafeJson(comments.src)};init(${scriptSafeJson(options)});` }],
      };
    }
    case 'twikoo': {
      const options = { envId: comments.envId, el: '#tcomment', path, lang, ...(comments.region !== undefined && { region: comments.region }) };
      return {
        provider: 'twikoo',
        title,
        stylesheet: undefined,
        container: { id: 'tcomment', className: undefined },
        scripts: [
          { attributes: [attr('src', comments.src)], code: '' },
          { attributes: [], code: `twikoo.init(${scriptSafeJson(options)});` },
        ],
      };
    }
  }
}

function giscusThemeScript(origin: string): string {
  return [
    '(function(){var s=document.currentScript.previousElementSibling,d=document.documentElement;',
    "function pick(){return d.dataset.theme==='light'||d.dataset.theme==='dark'?d.dataset.theme:'preferred_color_scheme'}",
    's.dataset.theme=pick();',
    "new MutationObserver(function(){var f=document.querySelector('iframe.giscus-frame');",
    `if(f&&f.contentWindow)f.contentWindow.postMessage({giscus:{setConfig:{theme:pick()}}},${scriptSafeJson(origin)})}).observe(d,{attributes:true,attributeFilter:['data-theme']})})();`,
  ].join('');
}
