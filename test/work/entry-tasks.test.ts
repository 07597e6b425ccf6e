import path from 'node:path';
import type { Root as MdastRoot } from 'mdast';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { userConfigSchema } from '../../src/config/schema.js';
import type { TokenRequest, TokenSource } from '../../src/render/highlight.js';
import { unpackText } from '../../src/packed-text.js';
import { linkTable } from '../../src/render/markdown/rewrite-links.js';
import type { Entry, Site, SourceFile } from '../../src/types.js';
import { createEntryTasks, type EntryTasks } from '../../src/work/entry-tasks.js';
import { remove, tempDir } from '../helpers/site-fixture.js';

// `quire dev` keeps the Markdown each source was last parsed from: a save that changes only the
// front matter (on as many lines) takes a copy of the tree instead of parsing the body again.
// What comes out must be what a fresh parse gives, however the trees handed out before were changed.
const root = tempDir();
afterAll(() => remove(root));
const config = resolveConfig({ root, file: undefined, config: userConfigSchema.parse({ timezone: 'Asia/Shanghai' }) }, { now: new Date('2026-01-01T00:00:00Z') });
const source: SourceFile = { kind: 'post', path: path.join(root, 'content', 'posts', 'a.md'), rel: 'posts/a.md', assets: [] };
const body = ['', '# Heading', '', 'Text with a [link](https://example.org/) and `code`.', '', '| a | b |', '|---|---|', '| 1 | 2 |', '', '```ts', 'const x = 1;', '```', ''].join('\n');
const file = (frontMatter: string, text = body) => new TextEncoder().encode(`---\n${frontMatter}\n---\n${text}`);

const loadOne = async (tasks: EntryTasks, bytes: Uint8Array, withTree = true): Promise<Entry> => {
  const [outcome] = await tasks.load([{ source, bytes, withTree }]);
  if (!outcome?.entry) throw new Error(JSON.stringify(outcome?.diagnostics));
  return outcome.entry;
};

const renderOne = async (tasks: EntryTasks, entry: Entry): Promise<string | undefined> => {
  const placed = { entry, url: '/posts/a/', outputPath: 'posts/a/index.html' };
  const site = { entries: { [source.rel]: placed }, unpublished: {} } as unknown as Site;
  tasks.setLinks(linkTable(site));
  const [outcome] = await tasks.render([{ key: source.rel, placed }]);
  return outcome?.rendered && unpackText(outcome.rendered.html);
};

/** Every text value and child list of a tree changed in place. */
function scribble(node: object): void {
  const n = node as { value?: unknown; children?: object[] };
  if (typeof n.value === 'string') n.value = 'scribbled';
  for (const child of n.children ?? []) scribble(child);
  n.children?.splice(1);
}

describe('createEntryTasks with keepParsedBodies', () => {
  it('gives the tree of a fresh parse after a front-matter edit, untouched by changes to the trees handed out before', async () => {
    const kept = createEntryTasks(config, { keepParsedBodies: true });
    const fresh = createEntryTasks(config);
    try {
      const first = await loadOne(kept, file('title: One\ndate: 2025-01-01\ntags: []'));
      // What a render plugin might do to the tree it was given: change its nodes in place.
      scribble(first.mdast as MdastRoot);
      const retitled = file('title: Two\ndate: 2025-02-02\ntags: [x]');
      const again = await loadOne(kept, retitled);
      expect(again.title).toBe('Two');
      expect(again.mdast).toEqual((await loadOne(fresh, retitled)).mdast);
      expect(JSON.stringify(again.mdast)).not.toContain('scribbled');
      scribble(again.mdast as MdastRoot);
      const thrice = file('title: Three\ndate: 2025-03-03\ntags: [y]');
      expect((await loadOne(kept, thrice)).mdast).toEqual((await loadOne(fresh, thrice)).mdast);

      // A changed body is parsed again.
      const edited = file('title: Two\ndate: 2025-02-02\ntags: [x]', `${body}\nA new paragraph.\n`);
      const third = await loadOne(kept, edited);
      expect(third.mdast).toEqual((await loadOne(fresh, edited)).mdast);
      expect(JSON.stringify(third.mdast)).toContain('A new paragraph.');
    } finally {
      kept.dispose();
      fresh.dispose();
    }
  });

  it('renders a front-matter edit as a fresh load does', async () => {
    const kept = createEntryTasks(config, { keepParsedBodies: true });
    const fresh = createEntryTasks(config);
    try {
      await renderOne(kept, await loadOne(kept, file('title: One\ntags: []'), false));
      const retitled = file('title: Two\ntags: [x]');
      const html = await renderOne(kept, await loadOne(kept, retitled, false));
      expect(html).toBeDefined();
      expect(html).toContain('<table>');
      expect(html).toBe(await renderOne(fresh, await loadOne(fresh, retitled, false)));
    } finally {
      kept.dispose();
      fresh.dispose();
    }
  });
});

describe('createEntryTasks with tokensElsewhere (the main thread when a worker runs shiki)', () => {
  it("sends an entry's code to the other thread as soon as it is parsed, and renders the bytes its own shiki would", async () => {
    const worker = createEntryTasks(config);
    const asked: TokenRequest[][] = [];
    const elsewhere: TokenSource = {
      tokenize(requests) {
        asked.push([...requests]);
        return worker.tokenize(requests);
      },
      dispose: () => undefined,
    };
    const main = createEntryTasks(config, { tokensElsewhere: () => elsewhere });
    const alone = createEntryTasks(config);
    const code = `${body}\n\`\`\`go\nfunc main() {} // [!code ++]\n\`\`\`\n\n\`\`\`text\nplain\n\`\`\`\n`;
    try {
      const entry = await loadOne(main, file('title: Code\ntags: []', code), false);
      // asked after loading, with no render: the TypeScript and Go blocks, not the plain one
      await vi.waitFor(() => expect(asked).toHaveLength(1));
      expect(asked).toEqual([
        [
          { lang: 'ts', code: 'const x = 1;' },
          { lang: 'go', code: 'func main() {}' },
        ],
      ]);
      const html = await renderOne(main, entry);
      expect(asked).toHaveLength(1);
      expect(html).toContain('--shiki-dark');
      expect(html).toBe(await renderOne(alone, await loadOne(alone, file('title: Code\ntags: []', code), false)));
      // what the main thread made known to the highlight cache is what the lone thread's shiki made
      expect(main.highlightUsed()).toEqual(alone.highlightUsed());
    } finally {
      main.dispose();
      alone.dispose();
      worker.dispose();
    }
  });
});
