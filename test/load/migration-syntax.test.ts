import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { findMigrationSyntax } from '../../src/load/migration-syntax.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const parser = unified().use(remarkParse).use(remarkGfm);
const find = (markdown: string) => findMigrationSyntax(markdown, parser.parse(markdown));

describe('findMigrationSyntax', () => {
  it('finds Hexo tags and Hugo shortcodes in prose, each at its line and column, with what to write instead', () => {
    const markdown = [
      'Intro.', // 1
      '', // 2
      '{% asset_img cover.png 封面 %}', // 3
      '', // 4
      'See {{< ref "other.md" >}} and {{% notice warning %}}careful{{% /notice %}}.', // 5
      '', // 6
      '{% codeblock lang:js %}', // 7
      'let x = 1', // 8
      '{% endcodeblock %}', // 9
      '', // 10
      '{{<youtube id="abc">}}', // 11
    ].join('\n');
    const found = find(markdown);
    expect(found.map((f) => [f.line, f.column])).toEqual([
      [3, 1],
      [5, 5],
      [5, 32],
      [7, 1],
      [11, 1],
    ]);
    expect(found[0]!.message).toBe('the Hexo/Jekyll tag "asset_img" is not run by quire: it is published as the text "{% asset_img cover.png 封面 %}"');
    expect(found[0]!.hint).toContain('![alt](file.png "caption")');
    expect(found[1]!.message).toContain('the Hugo shortcode "ref"');
    expect(found[1]!.hint).toContain('[text](../posts/other.md)');
    expect(found[2]!.hint).toContain('> [!NOTE]');
    expect(found[3]!.hint).toContain('fenced code block');
    // `{{<youtube …>}}` holds what the parser reads as an HTML tag: found all the same.
    expect(found[4]!.message).toContain('"youtube"');
    expect(found[4]!.hint).toContain('<iframe>');
  });

  it('leaves code spans and code blocks alone, and says nothing for a post without any', () => {
    const markdown = ['Write `{% raw %}` in Hexo.', '', '```md', '{{< figure src="a.png" >}}', '{% highlight ruby %}', '```', '', '    {% include x.html %}'].join('\n');
    expect(find(markdown)).toEqual([]);
    expect(find('A plain post with {braces} and 100% {sure}.')).toEqual([]);
  });

  it('reports {% raw %} once, not its {% endraw %}', () => {
    const found = find('{% raw %}{{ x }}{% endraw %}');
    expect(found).toHaveLength(1);
    expect(found[0]!.hint).toContain('remove {% raw %} and {% endraw %}');
  });
});

describe('migration syntax in a build', () => {
  let root: string;
  beforeAll(() => (root = tempDir()));
  afterAll(() => remove(root));

  it('is a warning at the file, line and column of the tag, in front of a body after front matter', async () => {
    writeFiles(root, {
      'quire.config.json': configJson(),
      'content/posts/hexo.md': '---\ntitle: From Hexo\ndate: 2025-01-01\ndescription: Moved.\n---\n\nText.\n\n  {% blockquote 鲁迅 %}\n',
    });
    const result = await build({ root, outDir: path.join(root, 'dist'), now: new Date('2026-01-01T00:00:00Z') });
    const warnings = result.diagnostics.filter((d) => d.code === 'MigrationSyntax');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', file: path.join('content', 'posts', 'hexo.md'), line: 9, column: 3 });
    expect(warnings[0]!.message).toContain('"blockquote"');
  });
});
