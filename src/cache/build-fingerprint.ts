import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PluggableList } from 'unified';
import type { ResolvedConfig } from '../config/resolve-config.js';

/**
 * Bumped whenever quire changes what it stores in the build cache or how an entry is loaded or
 * rendered without a version change (the stamp below also holds quire's own version).
 */
export const CACHE_FORMAT = 23;

/** The packages whose code decides how an entry is parsed, highlighted and turned into HTML. */
const PACKAGES = [
  'unified',
  'remark-parse',
  'remark-gfm',
  'remark-rehype',
  'rehype-stringify',
  'micromark',
  'mdast-util-to-hast',
  'hast-util-to-html',
  'hast-util-to-string',
  'hast-util-raw',
  // reads raw HTML for unsafe URLs when an entry is loaded (src/load/remove-unsafe-urls.ts)
  'hast-util-from-html',
  'hast-util-to-text',
  'github-slugger',
  // math (src/render/markdown/render-math.ts)
  'remark-math',
  'micromark-extension-math',
  'mdast-util-math',
  'katex',
  'shiki',
  '@shikijs/vscode-textmate',
  'gray-matter',
  'yaml',
  'smol-toml',
  'luxon',
  'zod',
  'remark-cjk-friendly',
  'remark-cjk-friendly-gfm-strikethrough',
];

export interface BuildFingerprint {
  /** What an entry's fields and parsed tree depend on besides its own file. */
  readonly load: string;
  /**
   * What an entry's HTML depends on besides its tree, its URL and the URLs it links to. Not the
   * site's origin: the records' feed copies hold a stand-in (src/render/feed-origin.ts), so
   * `quire dev` starts from the records of `quire build` and the other way round.
   */
  readonly render: string;
}

/**
 * Hash everything outside the sources that changes what the cache stores: quire's version and
 * cache format, the versions of the Markdown/highlighting packages, the config values that reach
 * an entry's HTML, and — when the config has remark/rehype plugins, which are code and cannot be
 * compared — the config file's bytes, the plugins' source text and the project's package.json
 * and lockfile (so upgrading a plugin package starts over).
 */
export function buildFingerprint(config: ResolvedConfig): BuildFingerprint {
  const versions = packageVersions();
  const plugins = pluginFingerprint(config);
  const load = digest({ format: CACHE_FORMAT, versions, timezone: config.timezone, limits: config.limits, plugins, cjk: config.markdown.cjk, breaks: config.markdown.breaks, math: config.markdown.math, mermaid: config.markdown.mermaid });
  const render = digest({
    load,
    basePath: config.basePath,
    language: config.language,
    summaryLength: config.summaryLength,
    highlight: config.highlight,
  });
  return { load, render };
}

/** quire's version and each package's, as installed (read from its package.json). */
function packageVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const own = require('../../package.json') as { version: string };
  const out: Record<string, string> = { quire: own.version };
  for (const name of PACKAGES) {
    for (const dir of require.resolve.paths(name) ?? []) {
      try {
        out[name] = (JSON.parse(readFileSync(path.join(dir, name, 'package.json'), 'utf8')) as { version: string }).version;
        break;
      } catch {
        // not in this node_modules: try the next one up
      }
    }
  }
  return out;
}

function pluginFingerprint(config: ResolvedConfig): string | undefined {
  const { remarkPlugins, rehypePlugins } = config.markdown;
  if (remarkPlugins.length === 0 && rehypePlugins.length === 0) return undefined;
  const hash = createHash('sha256');
  const add = (label: string, data: string | Buffer) => hash.update(`${label}\u0000${data.length}\u0000`).update(data);
  add('plugins', describePlugins([...remarkPlugins, '|', ...rehypePlugins]));
  for (const file of [config.configFile, path.join(config.root, 'package.json'), path.join(config.root, 'package-lock.json'), path.join(config.root, 'pnpm-lock.yaml'), path.join(config.root, 'yarn.lock')]) {
    if (file === undefined) continue;
    try {
      add(file, readFileSync(file));
    } catch {
      add(file, '');
    }
  }
  return hash.digest('hex');
}

/** Plugins as text: functions by their source, options as JSON (functions inside by their source). */
function describePlugins(list: PluggableList | readonly unknown[]): string {
  try {
    return JSON.stringify(list, (_key, value: unknown) => (typeof value === 'function' ? `fn:${value.name}:${String(value)}` : value));
  } catch {
    // options that cannot be written out (cycles, BigInt): the config file's bytes still count
    return 'unprintable';
  }
}

export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * Everything of a build's settings that can change its output, as text: the versions of Node and
 * its ICU (segmentation, dates), the fingerprint (package versions, plugins) and every resolved
 * config value (functions by their source) but the clock, which `Site.clock` accounts for.
 */
export function siteSettings(config: ResolvedConfig, fingerprint: BuildFingerprint): string {
  const { now: _now, ...settings } = config;
  try {
    return JSON.stringify({ format: CACHE_FORMAT, node: process.versions, fingerprint, settings }, (_key, value: unknown) => (typeof value === 'function' ? `fn:${value.name}:${String(value)}` : value));
  } catch {
    // settings that cannot be written out (cycles, BigInt): never the same as another build's
    return `unprintable ${Math.random()}`;
  }
}
