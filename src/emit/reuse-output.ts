import pLimit from 'p-limit';
import type { PageCache } from '../cache/page-cache.js';
import type { PageSink } from '../render/render-site.js';
import type { FeedRoute } from '../types.js';
import type { FeedInputs } from './feeds/emit-feeds.js';
import type { OutputFile, SiteWriter } from './write-site.js';

/** Stat and link this many kept files at once. */
const CONCURRENCY = 32;

export interface ReusingOutput {
  /** For `renderSite`: pages go to the writer; unchanged ones keep the previous file. */
  readonly sink: PageSink;
  /** For `emitFeeds`: true when the previous files of this feed are kept (call `ready` first). */
  keepFeed(route: FeedRoute, inputs: FeedInputs): boolean;
  /** Link the kept feeds, build again those that could not be linked (`rebuild`), write the rest; the number of feed files. */
  writeFeeds(files: readonly OutputFile[], rebuild: (routes: readonly FeedRoute[]) => readonly OutputFile[]): Promise<number>;
  ready(): Promise<void>;
  /** Pages kept from the previous build. */
  readonly reusedPages: number;
}

/**
 * The writer, with the page cache in front of it: a page or feed made from the same inputs as
 * the file the previous build wrote (see `openPageCache`) is hard-linked from the previous site
 * instead of rendered. Without a page cache, everything is rendered and written.
 */
export function reusingOutput(writer: SiteWriter, cache: PageCache | undefined): ReusingOutput {
  const keys = new Map<string, string>();
  const keptFeeds: FeedRoute[] = [];
  let reusedPages = 0;
  const write = async (file: OutputFile) => {
    await writer.write(file);
    const key = keys.get(file.outputPath);
    if (key !== undefined) cache?.record(file.outputPath, key);
  };
  const filesOf = (route: FeedRoute) => Object.values(route.files).map((f) => f.outputPath);

  return {
    sink: {
      write,
      reuse: cache
        ? async (planned, shared) => {
            const pages: Array<[outputPath: string, key: string]> = [];
            for (const page of planned) {
              const key = cache.keyOf(page.template, page.context, shared);
              keys.set(page.outputPath, key);
              pages.push([page.outputPath, key]);
            }
            const limit = pLimit(CONCURRENCY);
            const kept = new Set<string>();
            await Promise.all(
              pages.map(([outputPath, key]) =>
                limit(async () => {
                  if (!(await cache.unchanged(outputPath, key)) || !(await writer.reuse(outputPath))) return;
                  cache.record(outputPath, key);
                  kept.add(outputPath);
                }),
              ),
            );
            reusedPages = kept.size;
            return kept;
          }
        : undefined,
    },
    keepFeed(route, inputs) {
      if (!cache) return false;
      const key = cache.keyOfValue('feed', inputs);
      for (const file of filesOf(route)) keys.set(file, key);
      if (!filesOf(route).every((file) => cache.unchangedSync(file, key))) return false;
      keptFeeds.push(route);
      return true;
    },
    async writeFeeds(files, rebuild) {
      const lost: FeedRoute[] = [];
      let count = files.length;
      for (const route of keptFeeds) {
        const linked = await Promise.all(filesOf(route).map((file) => writer.reuse(file)));
        if (!linked.every(Boolean)) lost.push(route);
        else for (const file of filesOf(route)) cache?.record(file, keys.get(file)!);
        if (linked.every(Boolean)) count += linked.length;
      }
      const all = lost.length > 0 ? [...files, ...rebuild(lost)] : files;
      for (const file of all) await write(file);
      return count + all.length - files.length;
    },
    ready: () => cache?.ready() ?? Promise.resolve(),
    get reusedPages() {
      return reusedPages;
    },
  };
}
