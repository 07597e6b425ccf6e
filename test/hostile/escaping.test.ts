/**
 * "Escaped everywhere": a site whose title, author, post title, description, summary, tag and note
 * are hostile text is built next to a benign twin (same files, plain words). Every output is read
 * with a real parser — HTML with parse5 (no parse error allowed), RSS and Atom with a strict XML
 * parser, JSON Feed with JSON.parse — and the hostile text must come back exactly, while no page
 * may have an element or comment its benign twin does not have (an injected <script> or <b>).
 *
 * Each output is one entry of OUTPUT_CHECKERS. To cover a new output (JSON-LD, sitemap, search
 * index), add a checker: read its file from `built.hostile`, parse it with a real parser, and
 * return what does not round-trip.
 */
import type { Element } from 'hast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSite, renderOutputs } from '../../src/build.js';
import { remove, tempDir, writeFiles, configJson } from '../helpers/site-fixture.js';
import {
  attribute,
  elementCounts,
  elementsOf,
  parseHtmlFragmentStrict,
  parseHtmlStrict,
  parseXmlStrict,
  textOf,
  xmlChildren,
} from '../helpers/strict-parsers.js';
import type { Document as XmlDocument, Element as XmlElement } from '@xmldom/xmldom';

const NOW = new Date('2026-01-01T00:00:00Z');
const EVIL = `<script>alert(1)</script> "q" 's' ]]> ]]> </title> --> <!-- &amp; &lt; <b>x</b> </textarea>`;

/** The strings put into the site; the benign twin has plain words in the same places. */
interface Strings {
  readonly site: string;
  readonly siteDescription: string;
  readonly author: string;
  readonly title: string;
  readonly description: string;
  readonly summary: string;
  readonly tag: string;
  readonly code: string;
  readonly noteTitle: string;
  /** A page's `permalink:`, as written in its front matter. */
  readonly permalink: string;
  /** The folder that page is built into (decoded), written out here rather than taken from the build. */
  readonly pageFolder: string;
}
const HOSTILE: Strings = {
  site: `Site ${EVIL}`,
  siteDescription: `About ${EVIL}`,
  author: `Author ${EVIL}`,
  title: `Title ${EVIL}`,
  description: `Description ${EVIL}`,
  summary: `Summary ${EVIL}`,
  tag: `Tag ${EVIL}`,
  code: `const s = '${EVIL}';`,
  noteTitle: `Note ${EVIL}`,
  // Everything a permalink may hold (src/collect/url-path.ts): markup, quotes, `&`, a space, `%25`, CJK.
  permalink: `/odd <b>&amp; "q" 's' 100%25 远程/`,
  pageFolder: `odd <b>&amp; "q" 's' 100% 远程`,
};
const BENIGN: Strings = {
  site: 'Site',
  siteDescription: 'About',
  author: 'Author',
  title: 'Title',
  description: 'Description',
  summary: 'Summary',
  tag: 'Tag',
  code: "const s = 'plain';",
  noteTitle: 'Note',
  permalink: '/plain-url/',
  pageFolder: 'plain-url',
};

const yamlString = (s: string) => JSON.stringify(s);

function siteFiles(s: Strings): Record<string, string> {
  return {
    'quire.config.json': configJson({ title: s.site, description: s.siteDescription, author: { name: s.author }, language: 'en' }),
    'content/posts/evil.md': [
      '---',
      `title: ${yamlString(s.title)}`,
      `description: ${yamlString(s.description)}`,
      `summary: ${yamlString(s.summary)}`,
      `tags: [${yamlString(s.tag)}]`,
      'date: 2025-03-01 10:00',
      '---',
      `Inline \`${s.code}\` and a block:`,
      '',
      '```ts',
      s.code,
      '```',
      '',
    ].join('\n'),
    'content/posts/plain.md': '---\ntitle: Plain\ndate: 2025-02-01\ntags: [other]\n---\nNothing odd.\n',
    'content/weekly/0001.md': '---\ntitle: First issue\ndate: 2025-03-07\n---\nIntro.\n',
    'content/pages/odd-url.md': `---\ntitle: Odd URL\npermalink: ${yamlString(s.permalink)}\n---\nA page at an odd URL.\n`,
    'content/notes/evil-note.md': ['---', `title: ${yamlString(s.noteTitle)}`, 'date: 2025-03-05', 'link: https://example.org/?a=1&b=2', 'section: Tools', '---', 'Commentary.', ''].join('\n'),
  };
}

interface BuiltSite {
  /** outputPath → text of every HTML, XML and JSON file. */
  readonly files: ReadonlyMap<string, string>;
  /** outputPath of every file built, of any kind. */
  readonly outputPaths: ReadonlySet<string>;
  /** outputPath with the tag's folder replaced by `<tag>`, to pair pages of the two builds. */
  readonly normalised: ReadonlyMap<string, string>;
  /** The hostile (or benign) tag's URL slug. */
  readonly tagSlug: string;
  readonly strings: Strings;
}

interface Built {
  readonly hostile: BuiltSite;
  readonly benign: BuiltSite;
}

interface OutputChecker {
  readonly name: string;
  /** What does not round-trip or is malformed; empty when all is well. */
  check(built: Built): string[];
}

async function buildSite(root: string, strings: Strings): Promise<BuiltSite> {
  writeFiles(root, siteFiles(strings));
  const prepared = await prepareSite({ root, now: NOW });
  const tagSlug = prepared.site.tags.find((t) => t.name === strings.tag)!.slug;
  const files = new Map<string, string>();
  const normalised = new Map<string, string>();
  const outputPaths = new Set<string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const file of await renderOutputs(prepared)) {
    outputPaths.add(file.outputPath);
    if (!/\.(html|xml|json)$/.test(file.outputPath)) continue;
    const text = typeof file.contents === 'string' ? file.contents : decoder.decode(file.contents);
    files.set(file.outputPath, text);
    normalised.set(file.outputPath.replace(`tags/${tagSlug}/`, 'tags/<tag>/').replace(`${strings.pageFolder}/`, '<page>/'), text);
  }
  // The outputs the checkers read: they must exist, or a checker would pass by reading nothing.
  for (const required of ['index.html', 'posts/evil/index.html', 'feed.xml', 'atom.xml', 'feed.json', `tags/${tagSlug}/feed.xml`, `tags/${tagSlug}/atom.xml`, 'weekly/1/index.html', 'sitemap.xml', 'search/index.json', `${strings.pageFolder}/index.html`]) {
    if (!files.has(required)) throw new Error(`${required} was not built`);
  }
  return { files, outputPaths, normalised, tagSlug, strings };
}

const problems = (list: string[]) => (condition: boolean, what: string) => {
  if (!condition) list.push(what);
};

function htmlOf(site: BuiltSite, outputPath: string): Element[] {
  return elementsOf(parseHtmlStrict(site.files.get(outputPath)!).tree);
}
const byTag = (all: Element[], tag: string) => all.filter((e) => e.tagName === tag);
const metaContent = (all: Element[], key: string) =>
  all.filter((e) => e.tagName === 'meta' && (attribute(e, 'name') === key || attribute(e, 'property') === key)).map((e) => attribute(e, 'content'));
/** The `<script type="application/ld+json">` elements of a page, with their text exactly as written in the file. */
function jsonLdScripts(site: BuiltSite, outputPath: string): Array<{ raw: string; text: string }> {
  const html = site.files.get(outputPath)!;
  return htmlOf(site, outputPath)
    .filter((e) => e.tagName === 'script' && attribute(e, 'type') === 'application/ld+json')
    .map((script) => {
      const first = script.children[0]?.position?.start.offset;
      const last = script.children.at(-1)?.position?.end.offset;
      return { raw: first !== undefined && last !== undefined ? html.slice(first, last) : '', text: textOf(script) };
    });
}
/** Whether `href` is an absolute URL written as the URL it means, whose path decodes to `/${folder}/`. */
function isPageUrl(href: string | undefined, folder: string): boolean {
  if (href === undefined || !URL.canParse(href)) return false;
  const url = new URL(href);
  return url.href === href && decodedPath(url) === `${folder}/`;
}
/** A URL's path, percent-decoded, without its leading `/`; undefined when an escape is broken. */
function decodedPath(url: URL): string | undefined {
  try {
    return decodeURIComponent(url.pathname).replace(/^\//, '');
  } catch {
    return undefined;
  }
}
const xmlText = (parent: XmlElement, name: string) => xmlChildren(parent, name).map((e) => e.textContent ?? '');

/** The output files whose name ends with `suffix`, each parsed as strict XML; one that does not parse is noted instead. */
function* xmlFiles(site: BuiltSite, suffix: string, expect: (condition: boolean, what: string) => void): Generator<[string, XmlDocument]> {
  for (const [file, xml] of site.files) {
    if (!file.endsWith(suffix)) continue;
    let doc: XmlDocument;
    try {
      doc = parseXmlStrict(xml);
    } catch (error) {
      expect(false, `${file}: ${(error as Error).message}`);
      continue;
    }
    yield [file, doc];
  }
}

/** A checker from its assertions: `expect(ok, what)` notes `what` when `ok` is false. */
function checker(name: string, assert: (built: Built, expect: (condition: boolean, what: string) => void) => void): OutputChecker {
  return {
    name,
    check: (built) => {
      const out: string[] = [];
      assert(built, problems(out));
      return out;
    },
  };
}

const OUTPUT_CHECKERS: readonly OutputChecker[] = [
  checker('HTML: every page parses without error and has no element or comment its benign twin lacks', ({ hostile, benign }, expect) => {
    for (const [key, html] of hostile.normalised) {
      if (!key.endsWith('.html')) continue;
      const parsed = parseHtmlStrict(html);
      expect(parsed.errors.length === 0, `${key}: parse errors ${parsed.errors.join(', ')}`);
      const twin = benign.normalised.get(key);
      if (twin === undefined) {
        expect(false, `${key}: no benign twin`);
        continue;
      }
      // Highlighted code is split into spans by its text: compare everything else.
      const ignore = new Set(['span']);
      expect(JSON.stringify(elementCounts(parsed.tree, ignore)) === JSON.stringify(elementCounts(parseHtmlStrict(twin).tree, ignore)), `${key}: elements differ from the benign build`);
    }
    expect([...hostile.normalised.keys()].sort().join() === [...benign.normalised.keys()].sort().join(), 'the two builds have different pages');
  }),
  checker('HTML text: titles, headings, tag names, code and the site title come back exactly', ({ hostile: site }, expect) => {
    const s = site.strings;
    const post = htmlOf(site, 'posts/evil/index.html');
    expect(byTag(post, 'title').map(textOf).join() === `${s.title} · ${s.site}`, 'post <title>');
    expect(byTag(post, 'h1').map(textOf).includes(s.title), 'post <h1>');
    expect(byTag(post, 'code').map(textOf).filter((t) => t.replace(/\n$/, '') === s.code).length === 2, 'inline and block code');
    expect(byTag(post, 'a').some((a) => textOf(a) === `#${s.tag}`), 'tag link on the post');
    for (const [file] of site.files) {
      if (!file.endsWith('.html')) continue;
      const all = htmlOf(site, file);
      expect(all.some((e) => e.tagName === 'a' && attribute(e, 'className') === 'site-title' && textOf(e) === s.site), `${file}: site title`);
    }
    const home = htmlOf(site, 'index.html');
    expect(byTag(home, 'title').map(textOf).join() === s.site, 'home <title>');
    expect(home.some((e) => textOf(e) === s.title), 'home lists the title');
    expect(home.some((e) => textOf(e) === s.summary), 'home shows the summary');
    const tagPage = [...site.files.keys()].find((f) => f.startsWith('tags/') && f.endsWith('/index.html') && f !== 'tags/index.html' && !f.includes('other'))!;
    expect(htmlOf(site, tagPage).some((e) => e.tagName === 'h1' && textOf(e).includes(s.tag)), 'tag page heading');
    expect(htmlOf(site, 'tags/index.html').some((e) => e.tagName === 'a' && textOf(e).includes(s.tag)), 'tags index');
    expect(htmlOf(site, 'archive/index.html').some((e) => e.tagName === 'a' && textOf(e) === s.title), 'archive');
    expect(htmlOf(site, 'weekly/1/index.html').some((e) => /^h[2-4]$/.test(e.tagName) && textOf(e).includes(s.noteTitle)), 'weekly issue note heading');
  }),
  checker('HTML attributes: meta description, OpenGraph, author, canonical URL, feed link titles', ({ hostile: site }, expect) => {
    const s = site.strings;
    const post = htmlOf(site, 'posts/evil/index.html');
    expect(metaContent(post, 'description').join() === s.description, 'meta description');
    expect(metaContent(post, 'og:title').join() === s.title, 'og:title');
    expect(metaContent(post, 'og:description').join() === s.description, 'og:description');
    expect(metaContent(post, 'og:site_name').join() === s.site, 'og:site_name');
    expect(metaContent(post, 'article:tag').join() === s.tag, 'article:tag');
    expect(metaContent(post, 'author').join() === s.author, 'meta author');
    const odd = htmlOf(site, `${s.pageFolder}/index.html`);
    const canonical = odd.filter((e) => e.tagName === 'link' && attribute(e, 'rel') === 'canonical').map((e) => attribute(e, 'href'));
    expect(canonical.length === 1 && isPageUrl(canonical[0], s.pageFolder), `odd-URL page canonical: ${canonical.join()}`);
    expect(metaContent(odd, 'og:url').length === 1 && isPageUrl(metaContent(odd, 'og:url')[0], s.pageFolder), `odd-URL page og:url: ${metaContent(odd, 'og:url').join()}`);
    const home = htmlOf(site, 'index.html');
    expect(metaContent(home, 'description').join() === s.siteDescription, 'home meta description');
    const feedTitles = home.filter((e) => e.tagName === 'link' && attribute(e, 'rel') === 'alternate').map((e) => attribute(e, 'title'));
    expect(feedTitles.includes(`${s.site} (RSS)`) && feedTitles.includes(`${s.site} (Atom)`), `feed link titles: ${feedTitles.join(' | ')}`);
  }),
  checker('RSS 2.0: strict XML; channel, item title, category and content round-trip', ({ hostile: site }, expect) => {
    const s = site.strings;
    for (const [file, doc] of xmlFiles(site, 'feed.xml', expect)) {
      const channel = xmlChildren(doc, 'channel')[0]!;
      expect(xmlText(channel, 'title')[0]!.includes(s.site), `${file}: channel title`);
      for (const item of xmlChildren(doc, 'item')) {
        for (const html of [...xmlText(item, 'encoded'), ...xmlText(item, 'description')]) {
          const fragment = parseHtmlFragmentStrict(html);
          expect(fragment.errors.length === 0, `${file}: item HTML parse errors ${fragment.errors.join(', ')}`);
          expect(!elementsOf(fragment.tree).some((e) => e.tagName === 'script'), `${file}: <script> in item HTML`);
        }
      }
      if (file === 'feed.xml') {
        const item = xmlChildren(doc, 'item').find((i) => xmlText(i, 'title')[0] === s.title);
        expect(item !== undefined, 'feed.xml: item title');
        if (item) {
          expect(xmlText(item, 'category').includes(s.tag), 'feed.xml: category');
          const content = parseHtmlFragmentStrict(xmlText(item, 'encoded')[0] ?? '');
          expect(byTag(elementsOf(content.tree), 'code').some((c) => textOf(c).replace(/\n$/, '') === s.code), 'feed.xml: code in content:encoded');
        }
      }
    }
  }),
  checker('Atom: strict XML; feed title, author, entry title and category round-trip', ({ hostile: site }, expect) => {
    const s = site.strings;
    const text = (e: XmlElement) => (e.getAttribute('type') === 'html' ? textOf(parseHtmlFragmentStrict(e.textContent ?? '').tree) : (e.textContent ?? ''));
    for (const [file, doc] of xmlFiles(site, 'atom.xml', expect)) {
      const feedTitle = xmlChildren(doc, 'title')[0]!;
      expect(text(feedTitle).includes(s.site), `${file}: feed title`);
      if (file === 'atom.xml') {
        const entry = xmlChildren(doc, 'entry').find((e) => text(xmlChildren(e, 'title')[0]!) === s.title);
        expect(entry !== undefined, 'atom.xml: entry title');
        if (entry) {
          const category = xmlChildren(entry, 'category')[0];
          expect(category?.getAttribute('term') === s.tag && category.getAttribute('label') === s.tag, 'atom.xml: category term and label');
        }
        expect(xmlChildren(doc, 'name').some((n) => n.textContent === s.author), 'atom.xml: author name');
      }
    }
  }),
  checker('JSON Feed: JSON.parse; title, item title, tags, summary and content round-trip', ({ hostile: site }, expect) => {
    const s = site.strings;
    const feed = JSON.parse(site.files.get('feed.json')!) as {
      title: string;
      description?: string;
      authors?: Array<{ name: string }>;
      items: Array<{ title: string; tags?: string[]; summary?: string; content_html?: string }>;
    };
    expect(feed.title === s.site, 'title');
    expect(feed.authors?.[0]?.name === s.author, 'author');
    const item = feed.items.find((i) => i.title === s.title);
    expect(item !== undefined, 'item title');
    expect(item?.tags?.join() === s.tag, 'item tags');
    expect(item?.summary === s.description, `item summary: ${item?.summary}`);
    const content = parseHtmlFragmentStrict(item?.content_html ?? '');
    expect(content.errors.length === 0, 'content_html parses');
    expect(byTag(elementsOf(content.tree), 'code').some((c) => textOf(c).replace(/\n$/, '') === s.code), 'code in content_html');
    for (const [file, json] of site.files) {
      if (!file.endsWith('.json')) continue;
      try {
        JSON.parse(json);
      } catch (error) {
        expect(false, `${file}: ${(error as Error).message}`);
      }
    }
  }),
  checker('JSON-LD: every ld+json script is JSON that round-trips and cannot end or change its element', ({ hostile: site, benign }, expect) => {
    const s = site.strings;
    type Ld = Record<string, unknown> & { author?: { name?: unknown }; isPartOf?: { name?: unknown }; '@graph'?: Ld[] };
    const parsed = new Map<string, Ld[]>();
    const withLd = (built: BuiltSite) =>
      [...built.normalised.keys()].filter((f) => f.endsWith('.html') && jsonLdScripts(built, f.replace('tags/<tag>/', `tags/${built.tagSlug}/`).replace('<page>/', `${built.strings.pageFolder}/`)).length > 0).sort().join();
    expect(withLd(site) === withLd(benign), 'the two builds have JSON-LD on different pages');
    for (const [file] of site.files) {
      if (!file.endsWith('.html')) continue;
      for (const { raw, text } of jsonLdScripts(site, file)) {
        // `</script` would end the element, `<!--` and `<script` change how the parser finds its end.
        expect(!/<\/script|<!--|<script/i.test(raw), `${file}: ld+json text holds </script, <script or <!--`);
        try {
          parsed.set(file, [...(parsed.get(file) ?? []), JSON.parse(text) as Ld]);
        } catch (error) {
          expect(false, `${file}: ld+json is not JSON: ${(error as Error).message}`);
        }
      }
    }
    for (const [file, lds] of parsed) {
      for (const ld of lds.flatMap((l) => [l, ...(l['@graph'] ?? [])])) {
        if (ld.author !== undefined) expect(ld.author.name === s.author, `${file}: ld+json author name`);
        if (ld.isPartOf !== undefined) expect(ld.isPartOf.name === s.site, `${file}: ld+json isPartOf name`);
      }
    }
    const post = parsed.get('posts/evil/index.html')?.find((l) => l['@type'] === 'BlogPosting');
    expect(post?.headline === s.title, `post ld+json headline: ${String(post?.headline)}`);
    expect(post?.description === s.description, 'post ld+json description');
    expect(post?.keywords === s.tag, 'post ld+json keywords');
    const odd = parsed.get(`${s.pageFolder}/index.html`)?.[0];
    expect(typeof odd?.url === 'string' && isPageUrl(odd.url, s.pageFolder), `odd-URL page ld+json url: ${String(odd?.url)}`);
    const graph = parsed.get('index.html')?.flatMap((l) => l['@graph'] ?? []) ?? [];
    expect(graph.length === 2 && graph.every((l) => l.name === s.site && l.description === s.siteDescription), 'home ld+json name and description');
  }),
  checker('Sitemap: strict XML; every <loc> is an absolute URL of the site that, decoded, is a built file', ({ hostile, benign }, expect) => {
    /** The output files the sitemap points at, with the tag's folder normalised; undefined when unreadable. */
    const listed = (site: BuiltSite): string[] | undefined => {
      let doc;
      try {
        doc = parseXmlStrict(site.files.get('sitemap.xml')!);
      } catch (error) {
        expect(false, `sitemap.xml: ${(error as Error).message}`);
        return undefined;
      }
      expect(doc.documentElement?.localName === 'urlset' && doc.documentElement.namespaceURI === 'http://www.sitemaps.org/schemas/sitemap/0.9', 'sitemap.xml: root is a sitemaps.org urlset');
      const files: string[] = [];
      for (const loc of xmlChildren(doc, 'loc').map((l) => l.textContent ?? '')) {
        let url: URL;
        try {
          url = new URL(loc);
        } catch {
          expect(false, `sitemap.xml: <loc> ${loc} is not an absolute URL`);
          continue;
        }
        expect(url.href === loc, `sitemap.xml: <loc> ${loc} is not written as the URL it means (${url.href})`);
        expect(url.origin === 'https://example.org' && url.search === '' && url.hash === '', `sitemap.xml: <loc> ${loc} is not a page of https://example.org/`);
        const decoded = decodedPath(url);
        if (decoded === undefined) {
          expect(false, `sitemap.xml: <loc> ${loc} has a broken %-escape`);
          continue;
        }
        const file = decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
        expect(site.outputPaths.has(file), `sitemap.xml: <loc> ${loc} is no built file (${file})`);
        files.push(file.replace(`tags/${site.tagSlug}/`, 'tags/<tag>/').replace(`${site.strings.pageFolder}/`, '<page>/'));
      }
      return files.sort();
    };
    const hostileFiles = listed(hostile);
    const benignFiles = listed(benign);
    if (hostileFiles && benignFiles) {
      for (const page of ['posts/evil/index.html', 'tags/<tag>/index.html', '<page>/index.html']) expect(hostileFiles.includes(page), `sitemap.xml: does not list ${page}`);
      expect(hostileFiles.join() === benignFiles.join(), 'sitemap.xml: lists other pages than the benign build');
    }
  }),
  checker("Search index: JSON.parse; the post's title and excerpt come back exactly", ({ hostile, benign }, expect) => {
    type Index = { docs: Array<{ t: string; u: string; d: string; e: string; l: string }> };
    const read = (site: BuiltSite): Index | undefined => {
      try {
        return JSON.parse(site.files.get('search/index.json')!) as Index;
      } catch (error) {
        expect(false, `search/index.json: ${(error as Error).message}`);
        return undefined;
      }
    };
    const index = read(hostile);
    const twin = read(benign);
    if (!index || !twin) return;
    const s = hostile.strings;
    const urls = (i: Index, strings: Strings = s) => i.docs.map((d) => decodeURIComponent(d.u).replace(`/${strings.pageFolder}/`, '/<page>/')).join();
    expect(urls(index) === urls(twin, benign.strings), 'search index: documents differ from the benign build');
    // `u` is an href: percent-encoded as a browser would resolve it, and decoding to the page's folder.
    const page = index.docs.find((d) => d.t === 'Odd URL');
    expect(page !== undefined && new URL(page.u, 'https://example.org/').pathname === page.u && decodeURIComponent(page.u) === `/${s.pageFolder}/`, `search index: href of the odd-URL page: ${page?.u}`);
    const doc = index.docs.find((d) => d.u === '/posts/evil/');
    expect(doc?.t === s.title, `search index: title of /posts/evil/: ${doc?.t}`);
    // The excerpt is the description, cut with '…' when long: as text, never HTML-escaped.
    const e = doc?.e ?? '';
    const cut = e.endsWith('…') ? e.slice(0, -1) : e;
    expect(e === s.description || (cut.length >= 40 && s.description.startsWith(cut)), `search index: excerpt of /posts/evil/: ${e}`);
    expect(twin.docs.find((d) => d.u === '/posts/evil/')?.e === benign.strings.description, 'search index: benign excerpt');
    expect(doc?.l === 'en', 'search index: language');
  }),
];

describe('hostile text is escaped in every output', () => {
  let root: string;
  let built: Built;
  beforeAll(async () => {
    root = tempDir();
    built = {
      hostile: await buildSite(`${root}/hostile`, HOSTILE),
      benign: await buildSite(`${root}/benign`, BENIGN),
    };
  });
  afterAll(() => remove(root));

  it.each(OUTPUT_CHECKERS.map((c) => [c.name, c]))('%s', (_name, checker) => {
    expect(checker.check(built)).toEqual([]);
  });

  it('the checkers can fail: a page with the title written unescaped is caught', () => {
    const broken = new Map(built.hostile.files);
    const page = broken.get('posts/evil/index.html')!;
    broken.set('posts/evil/index.html', page.replace('</h1>', `${EVIL}</h1>`));
    const normalised = new Map(built.hostile.normalised);
    normalised.set('posts/evil/index.html', broken.get('posts/evil/index.html')!);
    const tampered: Built = { ...built, hostile: { ...built.hostile, files: broken, normalised } };
    expect(OUTPUT_CHECKERS[0]!.check(tampered)).toContain('posts/evil/index.html: elements differ from the benign build');
    expect(OUTPUT_CHECKERS[1]!.check(tampered)).toContain('post <h1>');
  });

  /** The build with some hostile files replaced (by output path). */
  const tamper = (replace: (files: Map<string, string>) => void): Built => {
    const files = new Map(built.hostile.files);
    replace(files);
    return { ...built, hostile: { ...built.hostile, files } };
  };
  const checker = (name: string) => OUTPUT_CHECKERS.find((c) => c.name.startsWith(name))!;

  it('the checkers can fail: JSON-LD written with plain JSON.stringify is caught', () => {
    const page = 'posts/evil/index.html';
    const tampered = tamper((files) => {
      const html = files.get(page)!;
      const [script] = jsonLdScripts(built.hostile, page);
      files.set(page, html.replace(script!.raw, JSON.stringify(JSON.parse(script!.text))));
    });
    const found = checker('JSON-LD').check(tampered);
    expect(found).toContain(`${page}: ld+json text holds </script, <script or <!--`);
    expect(found.some((p) => p.startsWith(`${page}: ld+json is not JSON`))).toBe(true);
  });

  it('the checkers can fail: a malformed sitemap, or one pointing at no file, is caught', () => {
    const malformed = tamper((files) => files.set('sitemap.xml', files.get('sitemap.xml')!.replace('/posts/evil/', '/posts/evil/?a=1&b=2')));
    expect(checker('Sitemap').check(malformed).some((p) => p.startsWith('sitemap.xml: ') && p.includes('XML error'))).toBe(true);
    const raw = built.hostile.files.get('sitemap.xml')!;
    const encodedFolder = encodeURIComponent(built.hostile.strings.pageFolder);
    expect(raw).toContain(encodedFolder);
    const unencoded = tamper((files) => files.set('sitemap.xml', raw.replace(encodedFolder, built.hostile.strings.pageFolder.replace(/[&<]/g, (c) => (c === '&' ? '&amp;' : '&lt;')))));
    const unencodedFound = checker('Sitemap').check(unencoded);
    expect(unencodedFound.some((p) => p.includes('is not written as the URL it means')) && unencodedFound.some((p) => p.includes('has a broken %-escape'))).toBe(true);
    const missing = tamper((files) => files.set('sitemap.xml', raw.replace('/posts/evil/', '/posts/missing/')));
    expect(checker('Sitemap').check(missing)).toContain('sitemap.xml: <loc> https://example.org/posts/missing/ is no built file (posts/missing/index.html)');
  });

  it('the checkers can fail: an HTML-escaped title in the search index is caught', () => {
    const tampered = tamper((files) => {
      const index = JSON.parse(files.get('search/index.json')!) as { docs: Array<{ u: string; t: string }> };
      for (const doc of index.docs) if (doc.u === '/posts/evil/') doc.t = doc.t.replace(/</g, '&lt;');
      files.set('search/index.json', JSON.stringify(index));
    });
    expect(checker('Search index').check(tampered).some((p) => p.startsWith('search index: title of /posts/evil/'))).toBe(true);
  });
});
