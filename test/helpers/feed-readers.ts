/**
 * Real feed readers' parsers, for tests: rss-parser configured as the Fluent Reader app does,
 * feedsmith, Python's feedparser (Debian `python3-feedparser`), and the JSON Feed 1.1 schema.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parseFeed } from 'feedsmith';
import Parser from 'rss-parser';

const require = createRequire(import.meta.url);

/**
 * rss-parser with Fluent Reader's options (yang991178/fluent-reader, src/scripts/utils.ts):
 * `content:encoded` as `fullContent`, `media:content` kept as an array, `thumb` and `image`.
 */
export const fluentReaderParser = new Parser<Record<string, unknown>, { fullContent?: string; thumb?: string; image?: unknown; mediaContent?: unknown[] }>({
  customFields: {
    item: ['thumb', 'image', ['content:encoded', 'fullContent'], ['media:content', 'mediaContent', { keepArray: true }]] as never,
  },
});

/** An item the way Fluent Reader stores it (src/scripts/models/item.ts): title, link, date, content, creator. */
export interface FluentItem {
  readonly title: string | undefined;
  readonly link: string | undefined;
  readonly date: number | undefined;
  readonly content: string;
  readonly creator: string | undefined;
  readonly id: string | undefined;
  readonly categories: readonly string[];
}

export async function parseLikeFluentReader(xml: string): Promise<{ title: string | undefined; items: FluentItem[] }> {
  const feed = await fluentReaderParser.parseString(xml);
  return {
    title: feed.title,
    items: feed.items.map((item) => ({
      title: item.title,
      link: item.link,
      date: item.isoDate ? Date.parse(item.isoDate) : undefined,
      content: item.fullContent ?? item.content ?? '',
      creator: item.creator,
      id: item.guid ?? (item as { id?: string }).id,
      categories: (item.categories ?? []).map((c: unknown) => (typeof c === 'string' ? c : String((c as { _?: string; $?: { term?: string } })._ ?? (c as { $?: { term?: string } }).$?.term))),
    })),
  };
}

/** feedsmith's strict-enough parse of RSS, Atom or JSON Feed (throws on malformed input). */
export function parseWithFeedsmith(text: string): ReturnType<typeof parseFeed> {
  return parseFeed(text.trimStart().startsWith('{') ? JSON.parse(text) : text);
}

export interface FeedparserResult {
  readonly file: string;
  readonly bozo: number;
  readonly bozoException: string | null;
  readonly version: string;
  readonly encoding: string;
  readonly feed: { readonly title: string; readonly language: string | null; readonly link: string | null };
  readonly entries: ReadonlyArray<{
    readonly title: string;
    readonly id: string;
    readonly link: string;
    readonly published: number | null;
    readonly updated: number | null;
    readonly author: string | null;
    readonly tags: readonly string[];
    readonly content: string | null;
    readonly summary: string | null;
    readonly enclosures: readonly string[];
  }>;
}

const FEEDPARSER = `
import calendar, json, sys
import feedparser
def ts(t):
    return calendar.timegm(t) * 1000 if t else None
out = []
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out.append({
        'file': path,
        'bozo': int(d.bozo),
        'bozoException': str(d.get('bozo_exception')) if d.bozo else None,
        'version': d.version,
        'encoding': d.encoding,
        'feed': {'title': d.feed.get('title'), 'language': d.feed.get('language'), 'link': d.feed.get('link')},
        'entries': [{
            'title': e.get('title'),
            'id': e.get('id'),
            'link': e.get('link'),
            'published': ts(e.get('published_parsed')),
            'updated': ts(e.get('updated_parsed')),
            'author': e.get('author'),
            'tags': [t.get('term') for t in e.get('tags', [])],
            'content': e['content'][0]['value'] if e.get('content') else None,
            'summary': e.get('summary'),
            'enclosures': [x.get('href') for x in e.get('enclosures', [])],
        } for e in d.entries],
    })
json.dump(out, sys.stdout, ensure_ascii=False)
`;

/** Python's feedparser over files, through Debian's /usr/bin/python3. */
export function parseWithFeedparser(files: readonly string[]): FeedparserResult[] {
  try {
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', FEEDPARSER, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as FeedparserResult[];
  } catch (error) {
    throw new Error(`feedparser failed (is Debian's python3-feedparser installed? apt-get install -y python3-feedparser; see CONTRIBUTING.md): ${(error as Error).message}`);
  }
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
/** JSON Feed 1.1 schema from npm `jsonfeed-schema` (schema-v1.1.json, after https://jsonfeed.org/version/1.1). */
const validateJsonFeed11 = ajv.compile(JSON.parse(readFileSync(require.resolve('jsonfeed-schema/schema-v1.1.json'), 'utf8')) as object);

/** Schema errors of a JSON Feed 1.1 document (empty when valid). */
export function jsonFeedErrors(feed: unknown): string[] {
  return validateJsonFeed11(feed) ? [] : (validateJsonFeed11.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
