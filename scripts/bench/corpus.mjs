// Deterministic benchmark corpus: N posts of ≈1200 words, Chinese and English, a table, lists,
// links, two code blocks in varied languages, tags from a pool of 30. Same N → same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const TAGS = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? `标签${i}` : `tag-${i}`));
const ZH = '静态站点生成器把内容目录里的 Markdown 文件解析成页面，在构建时完成语法高亮、摘要和目录，再写出订阅源。远程办公的团队更依赖书面沟通，每个决定都要写下来。';
const EN = 'A static site generator turns a folder of Markdown into pages, highlights code at build time, and writes feeds that readers subscribe to. ';
const CODE = [
  ['typescript', 'export async function load(path: string): Promise<Entry> {\n  const text = await readFile(path, "utf8");\n  return parse(text);\n}'],
  ['go', 'func Load(path string) (*Entry, error) {\n\tdata, err := os.ReadFile(path)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn Parse(data)\n}'],
  ['python', 'def load(path: str) -> Entry:\n    with open(path, encoding="utf-8") as f:\n        return parse(f.read())'],
  ['rust', 'fn load(path: &Path) -> Result<Entry> {\n    let text = fs::read_to_string(path)?;\n    parse(&text)\n}'],
  ['bash', 'for f in content/posts/*.md; do\n  wc -w "$f"\ndone | sort -n | tail -5'],
  ['yaml', 'title: My Blog\ntimezone: Asia/Shanghai\npaginate: 10'],
];

function unique([lang, code], n) {
  const comment = lang === 'bash' || lang === 'yaml' || lang === 'python' ? '#' : '//';
  return [lang, `${comment} example ${n}\n${code}`];
}

function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function writeCorpus(dir, n) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'content/posts'), { recursive: true });
  writeFileSync(path.join(dir, 'quire.config.json'), JSON.stringify({ title: 'Bench', url: 'https://example.org/', timezone: 'Asia/Shanghai', language: 'zh-CN' }));
  const rnd = random(42);
  for (let i = 0; i < n; i++) {
    const zh = i % 2 === 0;
    const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const tags = [TAGS[Math.floor(rnd() * 30)], TAGS[Math.floor(rnd() * 30)]];
    // Every block differs (a comment naming the post), so a cold build really tokenizes 2N blocks.
    const [l1, c1] = unique(CODE[i % CODE.length], i);
    const [l2, c2] = unique(CODE[(i + 3) % CODE.length], i + 0.5);
    const para = () => (zh ? ZH.repeat(3) + EN : EN.repeat(4));
    const body = [
      para(),
      '<!-- more -->',
      `## ${zh ? '背景' : 'Background'} ${i}`,
      para(),
      para(),
      '| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |',
      '- one\n- two\n  - nested [link](https://example.com/' + i + ')\n- three',
      '```' + l1 + '\n' + c1 + '\n```',
      `## ${zh ? '细节' : 'Details'}`,
      para(),
      para(),
      '```' + l2 + '\n' + c2 + '\n```',
      para(),
      para(),
    ].join('\n\n');
    writeFileSync(
      path.join(dir, `content/posts/post-${String(i).padStart(5, '0')}.md`),
      `---\ntitle: "${zh ? '文章' : 'Post'} ${i}"\ndate: ${day} 08:00:00\ntags: [${tags.join(', ')}]\n---\n\n${body}\n`,
    );
  }
}
