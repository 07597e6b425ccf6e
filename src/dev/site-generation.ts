import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { readGuard, refusalOf, REFUSED_LINK_HINT, type ReadGuard } from '../discover/read-guard.js';
import type { ImageSizes } from '../discover/read-image-sizes.js';
import { emitFeed } from '../emit/feeds/emit-feeds.js';
import { emitSiteExtras, SITE_EXTRA_FILES } from '../emit/site-extras.js';
import { imageSizeLookup } from '../render/markdown/size-images.js';
import type { RenderedEntry } from '../render/render-entry.js';
import { createRouteRenderer } from '../render/render-site.js';
import type { TemplateEngine } from '../render/template-engine.js';
import type { FeedRoute, Route, Site } from '../types.js';
import type { OutputTree } from './resolve-request.js';

/** A file of the site as `quire dev` serves it: its bytes, or why it could not be made. */
export type ServedFile = { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly diagnostic: Diagnostic };

type Target = { readonly kind: 'extra' } | { readonly kind: 'page'; readonly route: Route } | { readonly kind: 'feed'; readonly route: FeedRoute } | { readonly kind: 'copy'; readonly from: string };

/** One good state of the site in `quire dev`: every file a build would write, made when asked for. */
export interface SiteGeneration extends OutputTree {
  readonly config: ResolvedConfig;
  readonly basePath: string;
  readonly site: Site;
  /** Every output path, as `build` would write them. */
  readonly outputPaths: () => readonly string[];
  /** The file at an output path (undefined: the site has none). Pages and feeds are made once per generation. */
  read(outputPath: string): Promise<ServedFile | undefined>;
  /** The 404 page, if the site has one. */
  notFound(): Promise<ServedFile | undefined>;
  /** Its files and folders, for the next generation when they are the same. */
  readonly layout: Layout;
}

/**
 * The site's files by output path, without writing any: a page is rendered through its template
 * the first time it is asked for (the same views and context as `renderSite`, so the same bytes
 * as `quire build`), a feed built the same way as `emitFeeds`, a copied file read from its
 * source each time. Later entries of the same path win, as they do on disk: pages, then feeds,
 * then copied files (the writer copies them last).
 */
export function createSiteGeneration(
  config: ResolvedConfig,
  site: Site,
  rendered: Readonly<Record<string, RenderedEntry>>,
  templates: TemplateEngine,
  imageSizes: ImageSizes,
  previous?: SiteGeneration,
): SiteGeneration {
  // The same routes, feeds and copies (an edit of a post's text): the same files.
  const same = previous && previous.site.routes === site.routes && previous.site.feeds === site.feeds && previous.site.copies === site.copies;
  const layout = same ? previous.layout : layoutOf(site);
  const { targets, folders } = layout;
  const renderRoute = createRouteRenderer(site, rendered, config, templates, imageSizeLookup(imageSizes, config.basePath));
  // sitemap.xml, robots.txt and the search index, made together the first time one is asked for.
  let extras: Map<string, Buffer> | undefined;
  const extraFiles = () =>
    (extras ??= new Map(emitSiteExtras({ site, rendered, config }).map((f) => [f.outputPath, Buffer.from(f.contents)])));
  const made = new Map<string, Promise<ServedFile>>();
  let guard: ReadGuard | undefined;
  const feedsMade = new Map<FeedRoute, Promise<Map<string, Buffer> | Diagnostic>>();

  const feedFiles = (route: FeedRoute) => {
    let files = feedsMade.get(route);
    if (!files) {
      files = Promise.resolve().then(() => {
        try {
          return new Map(emitFeed(route, { site, rendered, config }).map((f) => [f.outputPath, Buffer.from(f.contents)]));
        } catch (error) {
          return diagnostic('FeedError', `cannot write the feed ${route.files.rss.url}: ${(error as Error).message}`, {}, 'this is a bug in quire: please report it, with the entries of this feed');
        }
      });
      feedsMade.set(route, files);
    }
    return files;
  };

  const read = async (outputPath: string): Promise<ServedFile | undefined> => {
    const target = targets.get(outputPath);
    if (!target) return undefined;
    switch (target.kind) {
      case 'extra': {
        const body = extraFiles().get(outputPath);
        return body === undefined ? undefined : { ok: true, body };
      }
      case 'copy':
        return readCopy(target.from, (guard ??= readGuard(config)));
      case 'feed': {
        const files = await feedFiles(target.route);
        return files instanceof Map ? { ok: true, body: files.get(outputPath)! } : { ok: false, diagnostic: files };
      }
      case 'page': {
        let page = made.get(outputPath);
        if (!page) {
          page = renderRoute(target.route).then((r): ServedFile => ('contents' in r ? { ok: true, body: Buffer.from(r.contents, 'utf8') } : { ok: false, diagnostic: r.diagnostic }));
          made.set(outputPath, page);
        }
        return page;
      }
    }
  };

  const notFoundRoute = site.routes.find((route) => route.type === '404');
  return {
    config,
    basePath: config.basePath,
    site,
    outputPaths: () => [...targets.keys()],
    isFile: (outputPath) => targets.has(outputPath),
    isFolder: (outputPath) => folders.has(outputPath),
    read,
    notFound: async () => (notFoundRoute ? read(notFoundRoute.outputPath) : undefined),
    layout,
  };
}

/** What files and folders a site has, and what makes each file. */
export interface Layout {
  readonly targets: ReadonlyMap<string, Target>;
  readonly folders: ReadonlySet<string>;
}

function layoutOf(site: Site): Layout {
  const targets = new Map<string, Target>();
  // What a build writes after the feeds (a site's own public/ file of the same name wins there too).
  for (const outputPath of SITE_EXTRA_FILES) targets.set(outputPath, { kind: 'extra' });
  for (const route of site.routes) targets.set(route.outputPath, { kind: 'page', route });
  for (const route of site.feeds) for (const file of Object.values(route.files)) targets.set(file.outputPath, { kind: 'feed', route });
  for (const copy of site.copies) targets.set(copy.outputPath, { kind: 'copy', from: copy.from });
  const folders = new Set<string>();
  for (const outputPath of targets.keys()) {
    for (let at = outputPath.lastIndexOf('/'); at > 0; at = outputPath.lastIndexOf('/', at - 1)) {
      const folder = outputPath.slice(0, at);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return { targets, folders };
}

/**
 * A copied file, read from its source now: the file may have been replaced by a link since the
 * site was collected, so the guard of the build is applied again (to its real path), and only a
 * regular file is read (a FIFO would never end). Undefined: there is none (a 404).
 */
async function readCopy(from: string, guard: ReadGuard): Promise<ServedFile | undefined> {
  const real = await realpath(from).catch(() => undefined);
  if (real === undefined) return undefined;
  const why = refusalOf(guard, real);
  const shown = path.relative(guard.root, from) || from;
  if (why) return { ok: false, diagnostic: diagnostic('UnsafeSymlink', `${shown} leads to ${real}, ${why}; quire does not read it`, { file: shown }, REFUSED_LINK_HINT) };
  if (!(await stat(real).then((s) => s.isFile(), () => false))) return undefined;
  const body = await readFile(real).catch(() => undefined);
  return body === undefined ? undefined : { ok: true, body };
}
