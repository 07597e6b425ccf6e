import type { Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import juice from 'juice';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { mdastToText } from './digest-text.js';

export type DigestFormat = 'email' | 'text' | 'markdown';

export interface DigestSource {
  readonly title: string;
  /** Absolute URL of the issue page. */
  readonly url: string;
  /** The issue as feeds get it: absolute URLs, no scripts, feed-safe code blocks. */
  readonly feedHtml: string;
  /** E-mail HTML from the `email` template, with its <style> still separate. */
  readonly emailHtml: string;
}

/**
 * An issue ready to paste into Buttondown or Mailchimp. `email`: the e-mail template with its
 * CSS inlined by juice and the <style> removed (Gmail drops it), so no colour depends on a
 * stylesheet; `text`: plain text, links as numbered references, code intact; `markdown`: GFM.
 */
export function exportDigest(source: DigestSource, format: DigestFormat): string {
  switch (format) {
    case 'email':
      return juice(source.emailHtml, { removeStyleTags: true, preserveMediaQueries: false, preserveFontFaces: false, applyWidthAttributes: true, applyAttributesTableElements: true });
    case 'text': {
      const mdast = toMdast(fragment(source.feedHtml));
      return `${source.title}\n${source.url}\n\n${mdastToText(mdast as never)}`;
    }
    case 'markdown': {
      const mdast = toMdast(fragment(source.feedHtml));
      // The title as Markdown text (`<script>` → `\<script>`), like every title and section name of the body.
      const heading = toMarkdown({ type: 'heading', depth: 1, children: [{ type: 'link', url: source.url, children: [{ type: 'text', value: source.title }] }] });
      return `${heading}\n${toMarkdown(mdast as never, { extensions: [gfmToMarkdown()], bullet: '-', rule: '-' })}`;
    }
  }
}

function fragment(html: string): HastRoot {
  return fromHtml(html, { fragment: true });
}
