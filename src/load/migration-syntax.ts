import type { Root as MdastRoot } from 'mdast';
import { visit } from 'unist-util-visit';

/** A Hexo tag plugin, Jekyll Liquid tag or Hugo shortcode found in Markdown prose. */
export interface MigrationSyntax {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint: string;
}

// `{% name args %}` (Hexo, Jekyll; `{%- … -%}` too) and `{{< name args >}}` / `{{% name args %}}` (Hugo).
const TAG = /\{%-?\s*([A-Za-z_][\w-]*)[^\n]*?-?%\}|\{\{([<%])\s*(\/?)\s*([A-Za-z_][\w./-]*)[^\n]*?\s*[>%]\}\}/g;

/** What to write instead, by tag or shortcode name. */
const INSTEAD: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(codeblock|code|highlight|include_code|gist)$/, 'a fenced code block: ```lang … ``` (it is highlighted with shiki)'],
  [/^(asset_img|asset_image|img|image|figure|fancybox)$/, 'a Markdown image, ![alt](file.png "caption"), with the file beside the post in its folder'],
  [/^(blockquote|quote|pullquote|note|notice|alert|admonition|callout|tip|warning|hint|info)$/, 'a callout such as "> [!NOTE]" on its own line, followed by "> text" lines'],
  [/^(post_link|post_path|post_url|asset_link|asset_path|link|ref|relref)$/, 'a relative Markdown link to the file, e.g. [text](../posts/other.md)'],
  [/^(youtube|vimeo|bilibili|iframe|video|audio|jsfiddle|codepen|tweet|twitter|x|instagram)$/, 'the embed as raw HTML (an <iframe> or <video> tag) written in the Markdown'],
  [/^(raw|endraw)$/, 'nothing: quire does not run Liquid in Markdown, so remove {% raw %} and {% endraw %}'],
];

/**
 * Hexo tag plugins, Jekyll Liquid tags and Hugo shortcodes in a post's prose: quire prints them as
 * text, so each is reported with what to write instead. Code blocks and code spans are skipped (a
 * post may well be about them); closing tags (`{% endcodeblock %}`, `{{< /notice >}}`) are not
 * reported again. `markdown` is the text that was parsed into `mdast` (offsets match).
 */
export function findMigrationSyntax(markdown: string, mdast: MdastRoot): MigrationSyntax[] {
  if (!markdown.includes('{%') && !markdown.includes('{{<') && !markdown.includes('{{%')) return [];
  // Code is blanked out (same length, newlines kept) so that what is left lines up with the file.
  const code: Array<[number, number]> = [];
  visit(mdast, (node) => {
    if ((node.type === 'code' || node.type === 'inlineCode') && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
      code.push([node.position.start.offset, node.position.end.offset]);
    }
  });
  let prose = markdown;
  for (const [start, end] of code) prose = prose.slice(0, start) + prose.slice(start, end).replace(/[^\n]/g, ' ') + prose.slice(end);

  const found: MigrationSyntax[] = [];
  // Lines are counted as the matches go (one pass over the text, however many there are).
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  for (const match of prose.matchAll(TAG)) {
    const hugo = match[2] !== undefined;
    const name = (hugo ? match[4] : match[1])!;
    if (hugo ? match[3] === '/' : name.startsWith('end')) continue;
    for (let at = prose.indexOf('\n', counted); at !== -1 && at < match.index; at = prose.indexOf('\n', at + 1)) {
      line++;
      lineStart = at + 1;
    }
    counted = match.index;
    const column = match.index - lineStart + 1;
    const kind = hugo ? `the Hugo shortcode "${name}"` : `the Hexo/Jekyll tag "${name}"`;
    const instead = INSTEAD.find(([pattern]) => pattern.test(name.toLowerCase()))?.[1] ?? 'Markdown or raw HTML that says the same';
    found.push({
      line,
      column,
      message: `${kind} is not run by quire: it is published as the text ${JSON.stringify(match[0].length > 60 ? `${match[0].slice(0, 57)}...` : match[0])}`,
      hint: `write ${instead}; to show the syntax itself, put it in a code span or block`,
    });
  }
  return found;
}
