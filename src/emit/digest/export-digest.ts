import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import type { Root as MdastRoot } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { mathToMarkdown } from 'mdast-util-math';
import { toMarkdown } from 'mdast-util-to-markdown';
import { visit } from 'unist-util-visit';
import { attentionOutsidePunctuation } from './attention-edges.js';
import { calloutBlockquote } from './callout-markdown.js';
import { mathHandlers } from './digest-math.js';
import { mdastToText } from './digest-text.js';
import { emailHtml } from './email-html.js';
import { displayWidth, wrapText } from './wrap-text.js';

export type DigestFormat = 'email' | 'text' | 'markdown';

/** Columns of the text format (and of the e-mail's plain-text part). */
export const TEXT_WIDTH = 72;

export interface DigestSource {
  readonly title: string;
  /** Absolute URL of the issue page. */
  readonly url: string;
  /** The language (BCP 47): how wide its ambiguous characters are in the text format. */
  readonly lang: string;
  /** The week range and the date, as the issue page shows them: `2025-11-10 – 11-16 · 2025-11-16`. */
  readonly meta: string;
  /** The issue as feeds get it: absolute URLs, no scripts, feed-safe code blocks. */
  readonly feedHtml: string;
  /** E-mail HTML from the `email` template, with its <style> still separate. */
  readonly emailHtml: string;
}

/**
 * An issue ready to paste into Buttondown or Mailchimp. `email`: the e-mail template with its
 * CSS inlined (see `emailHtml`); `text`: plain text at 72 columns, links as numbered references,
 * code intact (also the plain-text part of the e-mail); `markdown`: GFM with each fence's language.
 */
export function exportDigest(source: DigestSource, format: DigestFormat): string {
  switch (format) {
    case 'email':
      return emailHtml(source.emailHtml);
    case 'text': {
      const layout = { width: TEXT_WIDTH, ambiguousIsWide: /^(zh|ja|ko)\b/i.test(source.lang) };
      const title = wrapText([{ text: source.title }], layout);
      const underline = '='.repeat(Math.max(...title.map((line) => displayWidth(line, layout.ambiguousIsWide))));
      const meta = wrapText([{ text: source.meta }], layout);
      const body = mdastToText(toMdast(fragment(source.feedHtml, 'text'), { handlers: mathHandlers }) as MdastRoot, layout);
      return `${[...title, underline, ...meta, source.url].join('\n')}\n\n${body}`;
    }
    case 'markdown': {
      const body = toMdast(fragment(source.feedHtml, 'markdown'), { handlers: { ...mathHandlers, blockquote: calloutBlockquote } }) as MdastRoot;
      const heading = { type: 'heading' as const, depth: 1 as const, children: [{ type: 'link' as const, url: source.url, children: [{ type: 'text' as const, value: source.title }] }] };
      const meta = { type: 'paragraph' as const, children: [{ type: 'text' as const, value: source.meta }] };
      const root: MdastRoot = { type: 'root', children: [heading, meta, ...body.children] };
      attentionOutsidePunctuation(root);
      return toMarkdown(root, { extensions: [gfmToMarkdown(), mathToMarkdown()], bullet: '-', rule: '-', fences: true });
    }
  }
}

/**
 * The issue's feed HTML as a tree, its items' domain labels (`<small class="domain">`) made
 * what each format shows: `(go.dev)` in text, emphasis in Markdown.
 */
function fragment(html: string, format: 'text' | 'markdown'): HastRoot {
  const tree = fromHtml(html, { fragment: true });
  visit(tree, 'element', (node: Element) => {
    const classes = node.properties['className'];
    if (node.tagName !== 'small' || !Array.isArray(classes) || !classes.includes('domain')) return;
    if (format === 'markdown') node.tagName = 'em';
    else node.children = [{ type: 'text', value: '(' }, ...node.children, { type: 'text', value: ')' }];
  });
  return tree;
}
