/**
 * Strict readers of built output, for tests: an HTML parse that lists every parse error (parse5 via
 * hast-util-from-html), an XML parse that fails on any error or warning (@xmldom/xmldom), and the
 * text and elements of a page.
 */
import { DOMParser, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

export interface StrictHtml {
  readonly tree: Root;
  /** parse5's parse errors (`code` and line:column): a well-formed page has none. */
  readonly errors: string[];
}

export function parseHtmlStrict(html: string): StrictHtml {
  const errors: string[] = [];
  const tree = fromHtml(html, { onerror: (error) => void errors.push(`${error.ruleId ?? error.reason} at ${error.line}:${error.column}`) });
  return { tree, errors };
}

/** Parse an HTML fragment (feed content, JSON Feed `content_html`): its parse errors and tree. */
export function parseHtmlFragmentStrict(html: string): StrictHtml {
  const errors: string[] = [];
  const tree = fromHtml(html, { fragment: true, onerror: (error) => void errors.push(`${error.ruleId ?? error.reason} at ${error.line}:${error.column}`) });
  return { tree, errors };
}

/** Every element of a tree, in document order. */
export function elementsOf(tree: Root | Element): Element[] {
  const out: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    out.push(node);
  });
  return out;
}

/** `tagName → count`, to compare two pages' structure (e.g. a hostile build against a benign one). */
export function elementCounts(tree: Root, ignore: ReadonlySet<string> = new Set()): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of elementsOf(tree)) if (!ignore.has(node.tagName)) counts[node.tagName] = (counts[node.tagName] ?? 0) + 1;
  let comments = 0;
  visit(tree, 'comment', () => {
    comments++;
  });
  if (comments > 0) counts['#comment'] = comments;
  return counts;
}

export function textOf(node: Element | Root): string {
  return hastToString(node);
}

export function attribute(node: Element, name: string): string | undefined {
  const value = node.properties[name];
  return value === undefined || value === null ? undefined : Array.isArray(value) ? value.join(' ') : String(value);
}

/** Parse XML, throwing on any warning or error (xmldom is lenient unless told otherwise). */
export function parseXmlStrict(xml: string): XmlDocument {
  const parser = new DOMParser({
    onError: (level: string, message: string) => {
      throw new Error(`XML ${level}: ${message}`);
    },
  });
  return parser.parseFromString(xml, 'text/xml');
}

/** Child elements of `parent` with this local name (namespace prefixes ignored). */
export function xmlChildren(parent: XmlElement | XmlDocument, localName: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (node: XmlElement | XmlDocument) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) {
        const element = child as XmlElement;
        if (element.localName === localName) out.push(element);
        walk(element);
      }
    }
  };
  walk(parent);
  return out;
}
