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
import type { Element as XmlElement } from '@xmldom/xmldom';

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
    'content/notes/evil-note.md': ['---', `title: ${yamlString(s.noteTitle)}`, 'date: 2025-03-05', 'link: https://example.org/?a=1&b=2', 'section: Tools', '---', 'Commentary.', ''].join('\n'),
  };
}

interface BuiltSite {
  /** outputPath → text of every HTML, XML and JSON file. */
  readonly files: ReadonlyMap<string, string>;
  /** outputPath with the tag's folder replaced by `<tag>`, to pair pages of the two builds. */
  readonly normalised: ReadonlyMap<string, string>;
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
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const file of await renderOutputs(prepared)) {
    if (!/\.(html|xml|json)$/.test(file.outputPath)) continue;
    const text = typeof file.contents === 'string' ? file.contents : decoder.decode(file.contents);
    files.set(file.outputPath, text);
    normalised.set(file.outputPath.replace(`tags/${tagSlug}/`, 'tags/<tag>/'), text);
  }
  // The outputs the checkers read: they must exist, or a checker would pass by reading nothing.
  for (const required of ['index.html', 'posts/evil/index.html', 'feed.xml', 'atom.xml', 'feed.json', `tags/${tagSlug}/feed.xml`, `tags/${tagSlug}/atom.xml`, 'weekly/1/index.html']) {
    if (!files.has(required)) throw new Error(`${required} was not built`);
  }
  return { files, normalised, strings };
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
const xmlText = (parent: XmlElement, name: string) => xmlChildren(parent, name).map((e) => e.textContent ?? '');

const OUTPUT_CHECKERS: readonly OutputChecker[] = [
  {
    name: 'HTML: every page parses without error and has no element or comment its benign twin lacks',
    check: ({ hostile, benign }) => {
      const out: string[] = [];
      const expect = problems(out);
      for (const [key, html] of hostile.normalised) {
        if (!key.endsWith('.html')) continue;
        const parsed = parseHtmlStrict(html);
        expect(parsed.errors.length === 0, `${key}: parse errors ${parsed.errors.join(', ')}`);
        const twin = benign.normalised.get(key);
        if (twin === undefined) {
          out.push(`${key}: no benign twin`);
          continue;
        }
        // Highlighted code is split into spans by its text: compare everything else.
        const ignore = new Set(['span']);
        expect(JSON.stringify(elementCounts(parsed.tree, ignore)) === JSON.stringify(elementCounts(parseHtmlStrict(twin).tree, ignore)), `${key}: elements differ from the benign build`);
      }
      expect([...hostile.normalised.keys()].sort().join() === [...benign.normalised.keys()].sort().join(), 'the two builds have different pages');
      return out;
    },
  },
  {
    name: 'HTML text: titles, headings, tag names, code and the site title come back exactly',
    check: ({ hostile: site }) => {
      const out: string[] = [];
      const expect = problems(out);
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
      return out;
    },
  },
  {
    name: 'HTML attributes: meta description, og:title, feed link titles',
    check: ({ hostile: site }) => {
      const out: string[] = [];
      const expect = problems(out);
      const s = site.strings;
      const post = htmlOf(site, 'posts/evil/index.html');
      expect(metaContent(post, 'description').join() === s.description, 'meta description');
      expect(metaContent(post, 'og:title').join() === s.title, 'og:title');
      const home = htmlOf(site, 'index.html');
      expect(metaContent(home, 'description').join() === s.siteDescription, 'home meta description');
      const feedTitles = home.filter((e) => e.tagName === 'link' && attribute(e, 'rel') === 'alternate').map((e) => attribute(e, 'title'));
      expect(feedTitles.includes(`${s.site} (RSS)`) && feedTitles.includes(`${s.site} (Atom)`), `feed link titles: ${feedTitles.join(' | ')}`);
      return out;
    },
  },
  {
    name: 'RSS 2.0: strict XML; channel, item title, category and content round-trip',
    check: ({ hostile: site }) => {
      const out: string[] = [];
      const expect = problems(out);
      const s = site.strings;
      for (const [file, xml] of site.files) {
        if (!file.endsWith('feed.xml')) continue;
        let doc;
        try {
          doc = parseXmlStrict(xml);
        } catch (error) {
          out.push(`${file}: ${(error as Error).message}`);
          continue;
        }
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
      return out;
    },
  },
  {
    name: 'Atom: strict XML; feed title, author, entry title and category round-trip',
    check: ({ hostile: site }) => {
      const out: string[] = [];
      const expect = problems(out);
      const s = site.strings;
      const text = (e: XmlElement) => (e.getAttribute('type') === 'html' ? textOf(parseHtmlFragmentStrict(e.textContent ?? '').tree) : (e.textContent ?? ''));
      for (const [file, xml] of site.files) {
        if (!file.endsWith('atom.xml')) continue;
        let doc;
        try {
          doc = parseXmlStrict(xml);
        } catch (error) {
          out.push(`${file}: ${(error as Error).message}`);
          continue;
        }
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
      return out;
    },
  },
  {
    name: 'JSON Feed: JSON.parse; title, item title, tags, summary and content round-trip',
    check: ({ hostile: site }) => {
      const out: string[] = [];
      const expect = problems(out);
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
          out.push(`${file}: ${(error as Error).message}`);
        }
      }
      return out;
    },
  },
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
});
