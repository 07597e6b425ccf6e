import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { toString } from 'mdast-util-to-string';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { buildIssueTree, domainOf } from '../../src/collect/weekly/issue-tree.js';
import { loadEntry } from '../../src/load/load-entry.js';
import type { Entry, EntryKind } from '../../src/types.js';

const parser = unified().use(remarkParse).use(remarkGfm);
const ctx = { timezone: 'Asia/Shanghai', displayRoot: '/site', parseMarkdown: (md: string) => parser.parse(md) };
function entry(kind: EntryKind, rel: string, text: string): Entry {
  const result = loadEntry({ kind, path: `/site/content/${rel}`, rel, assets: [] }, Buffer.from(text), ctx);
  if (!result.entry) throw new Error(JSON.stringify(result.diagnostics));
  return result.entry;
}

const issue = entry('weekly', 'weekly/0012.md', '---\nissue: 12\ndate: 2025-12-21 20:00\n---\n本周导语。\n\n## 娱乐\n\n- [电影](https://movie.example/a)\n\n  好看。\n\n## 技术\n\n- [Go 1.26](https://go.dev/blog)\n\n  评论。\n- [Rust](https://blog.rust-lang.org/)\n\n  评论。\n');
const note = (name: string, fm: string, body: string) => entry('note', `notes/${name}.md`, `---\ntitle: ${name}\ndate: 2025-12-17\n${fm}\n---\n${body}\n`);

describe('buildIssueTree', () => {
  it('merges notes into the body section of the same name, in the configured order, others last', () => {
    const notes = [note('fzf', 'link: https://www.github.com/junegunn/fzf\nsection: 工具', '好用的模糊查找。'), note('swc', 'link: https://swc.rs/\nsection: 技术', '快。'), note('misc', 'link: https://example.org/', '没有分区。')];
    const tree = buildIssueTree(issue, notes, ['技术', '工具'], '其他');
    expect(tree.sections.map((s) => [s.name, s.notes, s.bodyItems])).toEqual([
      ['技术', ['notes/swc.md'], 2],
      ['工具', ['notes/fzf.md'], 0],
      ['娱乐', [], 1],
      ['其他', ['notes/misc.md'], 0],
    ]);
    expect(tree.itemCount).toBe(6);
    const outline = tree.mdast.children.filter((n) => n.type === 'heading').map((h) => `${'#'.repeat((h as { depth: number }).depth)} ${toString(h)}`);
    expect(outline).toEqual(['## 技术', '### swc swc.rs', '## 工具', '### fzf github.com', '## 娱乐', '## 其他', '### misc example.org']);
    expect(toString(tree.mdast.children[0]!)).toBe('本周导语。');
    expect(tree.noteIds).toEqual({ 'notes/fzf.md': 'note-fzf', 'notes/swc.md': 'note-swc', 'notes/misc.md': 'note-misc' });
  });

  it('makes a notes-only issue from the notes alone', () => {
    const tree = buildIssueTree(undefined, [note('a', 'section: 阅读', 'x')], [], 'Other');
    expect(tree.sections.map((s) => s.name)).toEqual(['阅读']);
    expect(tree.itemCount).toBe(1);
  });

  it('reads the domain of a link', () => {
    expect(domainOf('https://www.example.com/x?y')).toBe('example.com');
    expect(domainOf('not a url')).toBeUndefined();
  });
});
