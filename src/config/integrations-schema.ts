import { z } from 'zod';

/** An https URL (a script or a server the reader's browser will load). */
const httpsUrl = z.url({ protocol: /^https$/, error: 'expected an https:// URL' });
/** A value written into an attribute or a script: no control characters, no line breaks. */
const token = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `expected ${what}`)
    .regex(/^[^\u0000-\u001f\u007f]+$/, `expected ${what} on one line, without control characters`);

/** giscus (https://giscus.app): comments kept in a repository's GitHub Discussions. */
const giscus = z.strictObject({
  provider: z.literal('giscus'),
  /** `owner/name` of a public repository with Discussions and the giscus app. */
  repo: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/, 'expected a repository as owner/name'),
  repoId: token('the repository id giscus.app gives (R_…)'),
  category: token('a Discussions category name'),
  categoryId: token('the category id giscus.app gives (DIC_…)'),
  /** How a page finds its discussion. */
  mapping: z.enum(['pathname', 'url', 'title', 'og:title']).default('pathname'),
  strict: z.boolean().default(false),
  reactions: z.boolean().default(true),
  inputPosition: z.enum(['top', 'bottom']).default('bottom'),
  /** giscus theme; the default follows the reader's light or dark setting. */
  theme: token('a giscus theme name').default('preferred_color_scheme'),
  /** Language of the widget; default: the site's. */
  lang: token('a language code').optional(),
  loading: z.enum(['lazy', 'eager']).default('lazy'),
  /** The client script (for a self-hosted giscus). */
  src: httpsUrl.default('https://giscus.app/client.js'),
});

/** Waline (https://waline.js.org): comments on a server of your own. */
const waline = z.strictObject({
  provider: z.literal('waline'),
  /** The Waline server. */
  serverURL: z.url({ protocol: /^https?$/, error: 'expected the http(s) URL of your Waline server' }),
  /** Language of the widget; default: the site's. */
  lang: token('a language code').optional(),
  /** Dark mode: `auto` follows the reader's system setting, or a CSS selector that is true in dark mode. */
  dark: token('"auto" or a CSS selector').default('auto'),
  /** The client module and its stylesheet (pin a version, or host them yourself). */
  src: httpsUrl.default('https://unpkg.com/@waline/client@v3/dist/waline.js'),
  css: httpsUrl.default('https://unpkg.com/@waline/client@v3/dist/waline.css'),
});

/** Twikoo (https://twikoo.js.org): comments on a cloud function or server of your own. */
const twikoo = z.strictObject({
  provider: z.literal('twikoo'),
  /** The environment id (Tencent CloudBase) or the URL of your Twikoo server. */
  envId: token('the Twikoo envId (a CloudBase id or your server URL)'),
  region: token('a CloudBase region such as ap-shanghai').optional(),
  /** Language of the widget; default: the site's. */
  lang: token('a language code').optional(),
  src: httpsUrl.default('https://cdn.jsdelivr.net/npm/twikoo@1.6.44/dist/twikoo.min.js'),
});

export const commentsSchema = z.discriminatedUnion('provider', [giscus, waline, twikoo], {
  error: (issue) => (issue.code === 'invalid_union' ? 'expected `provider` to be one of giscus, waline, twikoo' : undefined),
});

export const analyticsSchema = z.strictObject({
  /** Umami (https://umami.is): its script and the site's website id. */
  umami: z
    .strictObject({
      src: httpsUrl,
      websiteId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected the website id Umami shows (a UUID)'),
      /** Only count visits on these host names. */
      domains: z.array(token('a host name')).optional(),
    })
    .optional(),
  /** Plausible (https://plausible.io): the site's domain as registered there. */
  plausible: z
    .strictObject({
      domain: token('the domain registered in Plausible'),
      src: httpsUrl.default('https://plausible.io/js/script.js'),
    })
    .optional(),
  /** Cloudflare Web Analytics: the site's token. */
  cloudflare: z.strictObject({ token: z.string().regex(/^[0-9a-f]{32}$/i, 'expected the 32-character token Cloudflare shows') }).optional(),
  /** Google Analytics 4: the measurement id. */
  google: z.strictObject({ id: z.string().regex(/^G-[A-Z0-9]+$/, 'expected a measurement id such as G-XXXXXXXXXX') }).optional(),
});

export type CommentsConfig = z.output<typeof commentsSchema>;
export type AnalyticsConfig = z.output<typeof analyticsSchema>;
