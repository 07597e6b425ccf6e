import type { Element, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { toString } from 'hast-util-to-string';
import { unified, type PluggableList, type Processor } from 'unified';
import type { VFile } from 'vfile';
import { warning, type Diagnostic } from '../../diagnostics.js';
import type { Entry } from '../../types.js';
import { sourcePlace } from '../../collect/weekly/note-origins.js';
import type { CodeBlockSource, CodeHighlighter } from '../highlight.js';
import { addHeadingIds, type TocItem } from './heading-ids.js';
import { remarkCallouts } from './callouts.js';
import { rehypeFigures } from './figures.js';
import { rehypeLatinLang } from './latin-lang.js';
import { cjkMarkdown, type CjkMarkdownOptions } from './cjk-markdown.js';
import { labelTaskItems } from './label-task-items.js';
import { mermaidDiagrams } from './mermaid-diagrams.js';
import { renderMath } from './render-math.js';
import { rewriteLinks, type LinkContext } from './rewrite-links.js';
import { sizeImages, type ImageSizeLookup } from './size-images.js';
import { eachNode } from '../../load/each-node.js';
import { eachElement, SKIP } from './each-element.js';

/** What our own transforms need about the page being rendered, passed in `file.data`. */
export interface PageData {
  entry: Entry;
  pageUrl: string;
  links: LinkContext;
  highlighter: CodeHighlighter;
  /** The entry's language (its `lang`, else the site's): callout titles and labels. */
  language?: string | undefined;
  /** Dimensions of local images, for `<img width height>`; none when not given. */
  imageSize?: ImageSizeLookup | undefined;
  /** Filled in by the transforms. */
  toc: TocItem[];
  diagnostics: Diagnostic[];
}

declare module 'vfile' {
  interface DataMap {
    quire: PageData;
  }
}

export interface MarkdownOptions {
  readonly remarkPlugins: PluggableList;
  readonly rehypePlugins: PluggableList;
  readonly footnoteLabel: string;
  readonly footnoteBackLabel: string;
  /** CJK emphasis and line breaks (all on when not given), Hexo-style breaks (off). */
  readonly cjk?: { readonly emphasis: boolean; readonly lineBreaks: boolean } | undefined;
  readonly breaks?: boolean | undefined;
  /** `$…$` and `$$…$$` typeset with KaTeX (default on), ```` ```mermaid ```` fences drawn as diagrams (default on). */
  readonly math?: boolean | undefined;
  readonly mermaid?: boolean | undefined;
}

export type MarkdownProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;

/**
 * remark-parse + remark-gfm + the site's remark plugins → remark-rehype (raw HTML kept) →
 * heading ids, links, highlighting → the site's rehype plugins → rehype-stringify.
 * `parse()` is used by the load stage, `run()` and `stringify()` by the render stage.
 */
export function createMarkdownProcessor(options: MarkdownOptions): MarkdownProcessor {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(cjkMarkdown, cjkOptions(options))
    .use(options.math === false ? [] : [remarkMath])
    .use(options.remarkPlugins)
    .use(remarkCallouts)
    .use(remarkRehype, {
      allowDangerousHtml: true,
      footnoteLabel: options.footnoteLabel,
      footnoteBackLabel: options.footnoteBackLabel,
    })
    .use(options.math === false ? [] : [renderMath])
    .use(options.mermaid === false ? [] : [mermaidDiagrams])
    .use(pageTransforms)
    .use(rehypeFigures)
    .use(rehypeLatinLang)
    .use(options.rehypePlugins)
    .use(rehypeStringify, { allowDangerousHtml: true }) as unknown as MarkdownProcessor;
}

function cjkOptions(options: MarkdownOptions): CjkMarkdownOptions {
  return { emphasis: options.cjk?.emphasis ?? true, lineBreaks: options.cjk?.lineBreaks ?? true, breaks: options.breaks ?? false };
}

function pageTransforms() {
  return async (tree: HastRoot, file: VFile) => {
    const data = file.data.quire;
    if (!data) throw new Error('quire page data missing on the vfile');
    data.toc = addHeadingIds(tree);
    alignmentAsStyle(tree);
    labelTaskItems(tree);
    data.diagnostics.push(...rewriteLinks(tree, data.entry, data.pageUrl, data.links));
    sizeImages(tree, data.imageSize);
    await highlightCode(tree, data);
  };
}

/** The `pre > code` blocks of a page (fenced code, and any a remark plugin made), as written. */
function codeElements(tree: HastRoot): Array<{ node: Element; index: number; parent: HastRoot | Element; code: string; fence: string; meta: string | undefined }> {
  const found: ReturnType<typeof codeElements> = [];
  eachElement(tree, (node: Element, index, parent) => {
    if (node.tagName !== 'pre' || !parent || index === undefined) return;
    const code = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
    if (!code) return;
    const classes = Array.isArray(code.properties['className']) ? code.properties['className'].map(String) : [];
    // remark-math's display formula, left for a plugin (rehype-katex) when the built-in math is off.
    if (classes.includes('math-display')) return SKIP;
    const fence = classes.find((c) => c.startsWith('language-'))?.slice('language-'.length) ?? '';
    const meta = (code.data as { meta?: string } | undefined)?.meta;
    found.push({ node, index, parent, code: toString(code).replace(/\n$/, ''), fence, meta });
    return SKIP;
  });
  return found;
}

async function highlightCode(tree: HastRoot, data: PageData): Promise<void> {
  const blocks = codeElements(tree);
  await data.highlighter.prepare(blocks);
  for (const { node, index, parent, code: text, fence, meta } of blocks) {
    const place = sourcePlace(data.entry, node.position);
    const result = data.highlighter.render(text, fence, meta);
    if (result.unknownLanguage) {
      data.diagnostics.push(
        warning('UnknownLanguage', `no syntax highlighting for the code language "${fence}"; shown as plain text`, place, 'use a language name shiki knows (https://shiki.style/languages), or `text`; or map it with `highlight.aliases`'),
      );
    } else if (result.tooLong) {
      data.diagnostics.push(warning('UnknownLanguage', `a code block of ${text.length} characters is too long to highlight; shown as plain text`, place, 'split it, or link to the file instead'));
    }
    result.element.position = node.position;
    parent.children[index] = result.element;
  }
}

/** GFM column alignment arrives as the obsolete `align` attribute; HTML wants `text-align`. */
function alignmentAsStyle(tree: HastRoot): void {
  eachElement(tree, (node: Element) => {
    if (node.tagName !== 'td' && node.tagName !== 'th') return;
    const align = node.properties['align'];
    if (typeof align !== 'string') return;
    delete node.properties['align'];
    const style = node.properties['style'];
    node.properties['style'] = `text-align:${align}${typeof style === 'string' && style !== '' ? `;${style}` : ''}`;
  });
}

/** The fenced code blocks of a parsed tree, as `highlightCode` will find them after remark-rehype. */
export function codeBlocks(tree: MdastRoot): CodeBlockSource[] {
  const blocks: CodeBlockSource[] = [];
  eachNode(tree, (node) => {
    if (node.type === 'code') blocks.push({ code: node.value, fence: node.lang ?? '' });
  });
  return blocks;
}
