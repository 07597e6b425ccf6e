import path from 'node:path';
import { sourcePlace } from '../../collect/weekly/note-origins.js';
import type { Element, Root } from 'hast';
import { diagnostic, warning, type Diagnostic } from '../../diagnostics.js';
import { hrefOf } from '../../collect/url-path.js';
import type { ImageDimensions, ImageSizes } from '../../discover/read-image-sizes.js';
import type { Entry, Site } from '../../types.js';
import { imageSizeLookup, type ImageSizeLookup } from './size-images.js';
import { eachElement } from './each-element.js';

const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  img: ['src'],
  source: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  link: ['href'],
};

/**
 * Where links to other sources lead: `target(key)` is the URL path of the published entry with
 * that source key (always starting with `/`), else `draft`, `future` or `missing`. A function, so
 * a render can record which targets it looked at (the build cache checks them again).
 */
export interface LinkContext {
  readonly target: (key: string) => string;
  readonly basePath: string;
}

/** The link targets of a site, as plain data a worker thread can be sent. */
export interface LinkTable {
  readonly urls: Readonly<Record<string, string>>;
  readonly unpublished: Readonly<Record<string, 'draft' | 'future'>>;
  /** Dimensions of the site's images by output path (plain data: it goes to worker threads too). */
  readonly images: Readonly<Record<string, ImageDimensions>>;
  readonly basePath: string;
}

/** Prefix of the keys under which a render records the image sizes it used (no source key starts with NUL). */
const IMAGE_KEY = '\u0000image ';

export function linkTable(site: Site, images: ImageSizes = new Map(), basePath = '/'): LinkTable {
  const urls: Record<string, string> = {};
  for (const [key, placed] of Object.entries(site.entries)) urls[key] = placed.url;
  return { urls, unpublished: site.unpublished, images: Object.fromEntries(images), basePath };
}

/** The size lookup of a table, recording each answer in `targets` (see `linkTarget`), so a cached page is redone when an image it shows changes size. */
export function recordingImageLookup(table: LinkTable, targets: Record<string, string>): ImageSizeLookup {
  const lookup = imageSizeLookup(table.images, table.basePath);
  return (href) => {
    const size = lookup(href);
    targets[IMAGE_KEY + href] = sizeText(size);
    return size;
  };
}

const sizeText = (size: ImageDimensions | undefined) => (size ? `${size.width}x${size.height}${size.responsive ? ` ${JSON.stringify(size.responsive)}` : ''}` : 'none');

/** What a link (a source key) or an image (a recorded image key) resolves to with this table. */
export function linkTarget(table: LinkTable, key: string): string {
  if (key.startsWith(IMAGE_KEY)) return sizeText(imageSizeLookup(table.images, table.basePath)(key.slice(IMAGE_KEY.length)));
  return (Object.hasOwn(table.urls, key) ? table.urls[key] : undefined) ?? (Object.hasOwn(table.unpublished, key) ? table.unpublished[key] : undefined) ?? 'missing';
}

/**
 * Make every link and image of a page work from any page of the site (list pages, feeds):
 * - `./other.md#x`, `../pages/about.md` → the target's URL (a missing target is an error);
 * - a page-bundle file (`cover.png`) → its URL beside the page;
 * - `/images/a.png` (site root) → under the base path.
 * External URLs, `mailto:` and in-page `#fragments` are left alone.
 */
export function rewriteLinks(tree: Root, entry: Entry, pageUrl: string, ctx: LinkContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const sourceDir = path.posix.dirname(entry.source.rel);
  const bundleDir = entry.source.assets.length > 0 || /\/index\.(md|markdown)$/i.test(entry.source.rel) ? sourceDir : undefined;
  const pageDir = pageUrl.endsWith('/') ? pageUrl : pageUrl.replace(/[^/]*$/, '');

  eachElement(tree, (node: Element) => {
    const attributes = URL_ATTRIBUTES[node.tagName];
    if (!attributes) return;
    for (const attribute of attributes) {
      const value = node.properties[attribute];
      if (typeof value !== 'string' || value === '') continue;
      const place = sourcePlace(entry, node.position);
      const result = resolveReference(value, { entry, sourceDir, bundleDir, pageDir, ctx });
      if (result.kind === 'keep') continue;
      if (result.kind === 'error') {
        diagnostics.push(diagnostic('BrokenLink', result.message, place, result.hint));
        continue;
      }
      if (result.kind === 'warning') diagnostics.push(warning('MissingAsset', result.message, place, result.hint));
      node.properties[attribute] = result.href;
    }
  });
  return diagnostics;
}

type Resolution =
  | { kind: 'keep' }
  | { kind: 'href'; href: string }
  | { kind: 'warning'; href: string; message: string; hint: string }
  | { kind: 'error'; message: string; hint: string };

function resolveReference(
  value: string,
  env: { entry: Entry; sourceDir: string; bundleDir: string | undefined; pageDir: string; ctx: LinkContext },
): Resolution {
  const { ctx } = env;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//') || value.startsWith('#')) return { kind: 'keep' };
  const match = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(value)!;
  const rawPath = match[1] ?? '';
  const suffix = (match[2] ?? '') + (match[3] ?? '');
  if (rawPath === '') return { kind: 'keep' };
  let decoded: string;
  try {
    decoded = decodeURI(rawPath);
  } catch {
    decoded = rawPath;
  }
  if (decoded.startsWith('/')) {
    if (ctx.basePath !== '/' && (decoded + '/').startsWith(ctx.basePath)) return { kind: 'keep' };
    return { kind: 'href', href: hrefOf(decoded, ctx.basePath) + suffix };
  }

  const target = path.posix.normalize(path.posix.join(env.sourceDir, decoded));
  if (/\.(md|markdown)$/i.test(target)) {
    const found = ctx.target(target);
    if (found.startsWith('/')) return { kind: 'href', href: hrefOf(found, ctx.basePath) + suffix };
    const why = found === 'draft' || found === 'future' ? found : undefined;
    if (why) {
      return {
        kind: 'error',
        message: `the link to ${value} points at a ${why === 'draft' ? 'draft' : 'future-dated post'}, which is not published`,
        hint: why === 'draft' ? 'remove the link, publish the target, or build with --drafts' : 'remove the link until the target is out, or build with --future',
      };
    }
    return { kind: 'error', message: `the link to ${value} points at content/${target}, which does not exist`, hint: 'fix the path (it is relative to this file), or remove the link' };
  }

  if (env.bundleDir !== undefined && (target + '/').startsWith(env.bundleDir + '/')) {
    const inBundle = target.slice(env.bundleDir.length + 1);
    const href = hrefOf(env.pageDir + inBundle, ctx.basePath) + suffix;
    if (env.entry.source.assets.includes(inBundle)) return { kind: 'href', href };
    return { kind: 'warning', href, message: `${value} is not a file in this page bundle`, hint: `put the file next to ${path.posix.basename(env.entry.source.rel)}, or fix the path` };
  }
  // A relative path from a single-file page: it means "relative to the page URL", as in a browser.
  return { kind: 'href', href: hrefOf(path.posix.normalize(env.pageDir + decoded), ctx.basePath) + suffix };
}
