import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** A Markdown file of the repository (README, a docs page) as a GFM tree, without its front matter. */
export function readMarkdownTree(file: string): Root {
  const { content } = matter(readFileSync(file, 'utf8'));
  return unified().use(remarkParse).use(remarkGfm).parse(content);
}
