import type { Root } from 'mdast';
import { newlineToBreak } from 'mdast-util-newline-to-break';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import type { Processor } from 'unified';
import { joinCjkLines } from '../../load/join-cjk-lines.js';

export interface CjkMarkdownOptions {
  /** `**加粗，**后面` and `~~删除。~~后面` are emphasis and strikethrough (the CJK-friendly rules). */
  readonly emphasis: boolean;
  /** A soft line break between two CJK characters is removed (see `joinCjkLines`). */
  readonly lineBreaks: boolean;
  /** Every line break is a hard break (`<br>`), as Hexo renders: for migrated posts. */
  readonly breaks: boolean;
}

/**
 * remark plugin, used right after remark-gfm: the CJK-friendly emphasis and strikethrough
 * (micromark extensions, so the parser itself reads them), and the line-break handling done to
 * the tree as it is parsed (the parser is wrapped), so that the tree the load stage keeps, which
 * summaries, search and the digest read, is the one the page is rendered from.
 */
export function cjkMarkdown(this: Processor, options: CjkMarkdownOptions): undefined {
  if (options.emphasis) {
    remarkCjkFriendly.call(this);
    remarkCjkFriendlyGfmStrikethrough.call(this);
  }
  const parse = this.parser;
  if (!parse || (!options.lineBreaks && !options.breaks)) return;
  this.parser = (document, file) => {
    const tree = parse(document, file) as Root;
    if (options.breaks) newlineToBreak(tree);
    else joinCjkLines(tree);
    return tree;
  };
}
