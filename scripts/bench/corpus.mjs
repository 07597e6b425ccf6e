// Deterministic benchmark corpus: N posts of ≈1200 words (CJK characters + Latin words, as quire
// counts them), every other post in Chinese (with English terms and sentences), the others in
// English; each with a table, a bullet list with links, an ordered list, inline code, emphasis,
// links in the prose and two fenced code blocks in two of 12 languages; 1–3 tags from a pool of 30.
// Same N → same bytes, and post i does not depend on N. All dates are in the past (2010 on).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const TAGS = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? `标签${i}` : `tag-${i}`));

const EN = [
  'A static site generator turns a folder of Markdown into pages and writes feeds that readers subscribe to.',
  "Highlighting code at build time means the reader's browser downloads no tokenizer at all.",
  'Remote teams depend on written decisions, so every design note ends up in a searchable archive.',
  "The loader reads the front matter, checks the dates against the site's time zone and keeps the body as a tree.",
  'When a build fails, the message should name the file, the line and the column, and say what to do next.',
  'Caching the highlighted blocks by their content hash makes the second build noticeably cheaper.',
  'A feed reader flattens line-number gutters into a column of digits, which is why they stay out of the feed.',
  'We measured the parser on a thousand posts and found that tables and autolinks cost more than expected.',
  'Tags written in Chinese need slugs that keep the characters, or every tag collapses onto the same address.',
  'The weekly digest collects short notes, numbers each issue once, and never renumbers an issue that was sent.',
  'Use `git log --follow` to see how a post changed after it was first published.',
  'The [CommonMark specification](https://spec.commonmark.org/) settles most questions about emphasis and lists.',
  'Run `npm run build` before the benchmark, because the command line imports the compiled library.',
  'A reading time estimate counts Chinese characters and English words separately, then adds the minutes.',
  '*Small files named after what they do* are easier to review than one module that does everything.',
  'Configuration is resolved once, frozen, and passed explicitly to each stage of the pipeline.',
  'The dev server rebuilds into a fresh folder and swaps it in, so no request ever sees half a site.',
  'Read the [Go blog](https://go.dev/blog/) for the reasoning behind the module proxy and the checksum database.',
  'Duplicate URLs are reported with both source files instead of silently overwriting one page with another.',
  '**Measure before optimising**: the slowest stage is rarely the one you would guess.',
];
const ZH = [
  '静态站点生成器把内容目录里的 Markdown 文件解析成页面，在构建时完成语法高亮、摘要和目录，再写出订阅源。',
  '远程办公的团队更依赖书面沟通，每个决定都要写下来，方便以后查找和回顾。',
  '构建失败时，错误信息应该指出文件、行号和列号，并且告诉作者下一步该怎么做。',
  '我们用一千篇文章测了解析器，发现表格和自动链接的开销比预想的大得多。',
  '中文标签需要保留汉字的网址，否则所有标签都会挤到同一个地址上，互相覆盖。',
  '每周简报把零散的笔记收集起来，每期只编号一次，已经发出的期号永远不会改变。',
  '运行 `npm run build` 之后再跑基准测试，因为命令行工具加载的是编译后的代码。',
  '阅读时间按汉字和英文单词分别估算，再把两部分的分钟数加在一起。',
  '配置只解析一次，冻结之后显式地传给流水线的每一个阶段，没有全局状态。',
  '开发服务器把每次构建写进新的目录，成功之后再替换，所以请求永远不会看到半个站点。',
  '参考 [CommonMark 规范](https://spec.commonmark.org/) 可以解决大多数关于强调和列表的疑问。',
  '**先测量，再优化**：最慢的阶段往往不是你猜的那一个。',
  '代码块按内容的哈希缓存起来，第二次构建就不必重新分词，速度明显更快。',
  '订阅源阅读器会把行号栏压扁成一列数字，所以订阅源里的代码块不带行号。',
  '时区处理不当会让文章的日期差一天，或者在另一个时区的持续集成机器上变成“未来的文章”。',
  '用 `git log --follow` 可以看到一篇文章发布之后又改了哪些地方。',
  '*小文件按用途命名*，比一个什么都做的大模块更容易审查。',
  '重复的网址会连同两个源文件一起报告，而不是悄悄地用一个页面覆盖另一个。',
  '周末整理了一下书架，顺便把去年的读书笔记也搬到了博客上。',
  '阅读 [Go 官方博客](https://go.dev/blog/) 可以了解模块代理和校验数据库背后的考虑。',
];

// Languages every peer highlights: Shiki (quire), Chroma (Hugo), Prism (Eleventy), highlight.js (Hexo).
const CODE = {
  typescript: ['//', 'export async function load(path: string): Promise<Entry> {\n  const text = await readFile(path, "utf8");\n  const { data, content } = matter(text);\n  return { path, data, tree: parse(content) };\n}'],
  javascript: ['//', 'const posts = entries\n  .filter((e) => !e.draft)\n  .sort((a, b) => b.date - a.date);\nexport default posts.slice(0, 10);'],
  go: ['//', 'func Load(path string) (*Entry, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\treturn nil, fmt.Errorf("load %s: %w", path, err)\n\t}\n\treturn Parse(data)\n}'],
  python: ['#', 'def load(path: str) -> Entry:\n    with open(path, encoding="utf-8") as f:\n        meta, body = split_front_matter(f.read())\n    return Entry(path=path, meta=meta, body=body)'],
  rust: ['//', 'fn load(path: &Path) -> Result<Entry> {\n    let text = fs::read_to_string(path)?;\n    let (meta, body) = split(&text)?;\n    Ok(Entry { meta, body })\n}'],
  bash: ['#', 'for f in content/posts/*.md; do\n  wc -w "$f"\ndone | sort -n | tail -5\necho "done: $(date +%F)"'],
  yaml: ['#', 'title: My Blog\ntimezone: Asia/Shanghai\npaginate: 10\nfeeds:\n  - rss\n  - atom'],
  json: [null, '{\n  "title": "My Blog",\n  "timezone": "Asia/Shanghai",\n  "paginate": 10,\n  "feeds": ["rss", "atom", "json"]\n}'],
  css: ['/*', ':root {\n  --fg: #222;\n  --bg: #fff;\n}\npre code {\n  font: 14px/1.5 ui-monospace, monospace;\n}'],
  sql: ['--', 'SELECT tag, count(*) AS posts\nFROM post_tags\nGROUP BY tag\nORDER BY posts DESC\nLIMIT 10;'],
  java: ['//', 'public Entry load(Path path) throws IOException {\n    String text = Files.readString(path);\n    return Entry.parse(text);\n}'],
  c: ['//', '#include <stdio.h>\n\nint main(void) {\n    for (int i = 0; i < 3; i++)\n        printf("%d\\n", i);\n    return 0;\n}'],
};
export const LANGUAGES = Object.keys(CODE);

/** Words as quire counts them: CJK characters + Latin words, in the prose (no code, no URLs). */
export function countWords(markdown) {
  const prose = markdown
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^```[\s\S]*?^```$/gm, '')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<!--[\s\S]*?-->/g, '');
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
  return (prose.match(cjk)?.length ?? 0) + (prose.replace(cjk, ' ').match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0);
}

function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function codeBlock(lang, n) {
  const [comment, code] = CODE[lang];
  // Every block differs (a comment naming the post), so a cold build really tokenizes 2N blocks.
  if (!comment) return '```json\n' + code.replace('"My Blog"', `"Blog ${n}"`) + '\n```';
  const close = comment === '/*' ? ' */' : '';
  return '```' + lang + '\n' + `${comment} example ${n}${close}\n${code}` + '\n```';
}

/** The Markdown of post i (front matter included). */
export function post(i) {
  const rnd = random(i * 7919 + 42);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const zh = i % 2 === 0;
  const sentence = () => (zh ? (rnd() < 0.15 ? pick(EN) : pick(ZH)) : pick(EN));
  const paragraph = () => Array.from({ length: 4 + Math.floor(rnd() * 3) }, sentence).join(zh ? '' : ' ');
  const date = new Date(Date.UTC(2010, 0, 1, 8) + i * 86_400_000).toISOString().slice(0, 10);
  const tags = [];
  for (let k = 1 + Math.floor(rnd() * 3); tags.length < k; ) {
    const t = pick(TAGS);
    if (!tags.includes(t)) tags.push(t);
  }
  const langs = [LANGUAGES[i % LANGUAGES.length], LANGUAGES[(i * 5 + 7) % LANGUAGES.length]];
  if (langs[0] === langs[1]) langs[1] = LANGUAGES[(i + 1) % LANGUAGES.length];
  const h = zh ? ['背景', '做法', '细节', '小结'] : ['Background', 'Approach', 'Details', 'Summary'];
  const table = zh
    ? `| 阶段 | 耗时 | 说明 |\n|---|--:|---|\n| 解析 | ${(i % 7) + 3} 秒 | micromark 加 \`GFM\` |\n| 高亮 | ${(i % 5) + 1} 秒 | 每个代码块分词一次 |\n| 写出 | ${(i % 3) + 1} 秒 | 先写临时目录再替换 |`
    : `| stage | time | note |\n|---|--:|---|\n| parse | ${(i % 7) + 3} s | micromark with \`GFM\` |\n| highlight | ${(i % 5) + 1} s | each block tokenized once |\n| write | ${(i % 3) + 1} s | staging folder, then swap |`;
  const list = zh
    ? `- 先读 [文档](https://example.com/docs/${i})\n- 再看例子\n  - 最小的 [示例站点](https://example.com/sample/${i})\n  - 完整的配置\n- 最后跑一遍测试`
    : `- read the [docs](https://example.com/docs/${i}) first\n- then the examples\n  - the smallest [sample site](https://example.com/sample/${i})\n  - the full configuration\n- run the tests last`;
  const steps = zh ? '1. 安装依赖\n2. 写一篇文章\n3. 运行 `quire build`' : '1. install the dependencies\n2. write a post\n3. run `quire build`';
  const blocks = [
    paragraph(),
    '<!-- more -->',
    `## ${h[0]} ${i}`,
    paragraph(),
    paragraph(),
    table,
    list,
    paragraph(),
    `## ${h[1]}`,
    paragraph(),
    codeBlock(langs[0], i),
    paragraph(),
    steps,
    `### ${h[2]}`,
    paragraph(),
    codeBlock(langs[1], i + 0.5),
    paragraph(),
    `## ${h[3]}`,
    paragraph(),
  ];
  // Prose until ≈1200 words.
  const target = 1200;
  let text = blocks.join('\n\n');
  while (countWords(text) < target - 60) text += '\n\n' + paragraph();
  const title = zh ? `文章 ${i}` : `Post ${i}`;
  return `---\ntitle: "${title}"\ndate: ${date} 08:00:00\ntags: [${tags.join(', ')}]\n---\n\n${text}\n`;
}

export const postFile = (i) => `post-${String(i).padStart(5, '0')}.md`;

/** Writes dir/content/posts/post-NNNNN.md for i < n and dir/quire.config.json (dir is emptied first). */
export function writeCorpus(dir, n) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'content/posts'), { recursive: true });
  writeFileSync(path.join(dir, 'quire.config.json'), JSON.stringify({ title: 'Bench', url: 'https://example.org/', timezone: 'Asia/Shanghai', language: 'zh-CN' }));
  for (let i = 0; i < n; i++) writeFileSync(path.join(dir, 'content/posts', postFile(i)), post(i));
}

/** Posts, mean bytes and mean words (as quire counts them) of a written corpus. */
export function corpusStats(dir) {
  const posts = path.join(dir, 'content/posts');
  let bytes = 0;
  let words = 0;
  const files = readdirSync(posts).filter((f) => f.endsWith('.md'));
  for (const f of files) {
    const text = readFileSync(path.join(posts, f), 'utf8');
    bytes += Buffer.byteLength(text);
    words += countWords(text);
  }
  return { posts: files.length, bytes: Math.round(bytes / files.length), words: Math.round(words / files.length) };
}
