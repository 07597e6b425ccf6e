import type { Element } from 'hast';
import type { fromHtml } from 'hast-util-from-html';
import type { Definition, Html, Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { warning, type Diagnostic } from '../diagnostics.js';
import { eachNode } from './each-node.js';
import type { PackedText } from '../packed-text.js';
import { SAFE_IMAGE_SCHEMES, SAFE_LINK_SCHEMES, unsafeScheme, whyUnsafe as why } from './safe-url.js';
import { unsafeUrlProperties, type UnsafeUrlProperty } from './url-attributes.js';

/**
 * hast-util-from-html's `fromHtml`, passed in: parse5 weighs ≈3 MiB a thread, so it is loaded
 * only where some file's text `mayHoldUrlAttribute`.
 */
export type HtmlParser = typeof fromHtml;

/**
 * Whether `text` may hold an HTML start tag with a valued attribute (`<a href=`): if it does not,
 * none of its raw HTML can hold a URL. True of a text whenever true of any part of it, so a whole
 * file can be asked before its raw HTML nodes are.
 */
export function mayHoldUrlAttribute(text: string): boolean {
  return /<[A-Za-z][^<>]*=/.test(text);
}

export interface UrlPlace {
  /** The file as shown in messages. */
  readonly file: string;
  /** Its text, for code frames. */
  readonly source: string | PackedText;
}

const LINK_HINT = `quire publishes ${SAFE_LINK_SCHEMES} as links; write the URL in full (https://…), or remove the link`;
const IMAGE_HINT = `quire publishes ${SAFE_IMAGE_SCHEMES} as images; put the image file in the site instead`;

/**
 * Take every URL with an unsafe scheme (see `unsafeScheme`) out of a Markdown tree, as GitHub
 * does, and say where each was: a link (inline, autolink, or through a reference definition) is
 * replaced by its text, an image by its alt text, an unsafe definition is dropped (so no other
 * file merged into the same page can use it), and in raw HTML the attribute alone is cut from the
 * HTML as written (`<a href="&#106;avascript:…">x</a>` → `<a >x</a>`), the rest kept as it is.
 * Changes `tree` in place; positions are the file's. `parseHtml` is needed when the file's text
 * `mayHoldUrlAttribute`.
 */
export function removeUnsafeUrls(tree: Root, place: UrlPlace, parseHtml: HtmlParser | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = (node: Nodes) => ({ file: place.file, line: node.position?.start.line, column: node.position?.start.column, source: place.source });

  // mdast-util-to-hast's lookup: identifiers in upper case, the first definition wins.
  const definitions = new Map<string, Definition>();
  eachNode(tree, (node) => {
    if (node.type !== 'definition') return;
    const id = node.identifier.toUpperCase();
    if (!definitions.has(id)) definitions.set(id, node);
  });
  const unsafeDefinition = (identifier: string, use: 'link' | 'image'): string | undefined => {
    const definition = definitions.get(identifier.toUpperCase());
    return definition === undefined ? undefined : unsafeScheme(definition.url, use);
  };

  eachNode(tree, (node, index, parent) => {
    const replace = (replacement: Nodes[]): number => {
      (parent.children as Nodes[]).splice(index, 1, ...replacement);
      return index;
    };
    const altText = (alt: string | null | undefined): Nodes[] => (alt ? [{ type: 'text', value: alt }] : []);
    switch (node.type) {
      case 'link': {
        const scheme = unsafeScheme(node.url, 'link');
        if (scheme === undefined) return undefined;
        diagnostics.push(warning('UnsafeUrl', `the link to ${shown(node.url)} was removed (its text is kept): ${why(scheme)}`, at(node), LINK_HINT));
        return replace(node.children);
      }
      case 'image': {
        const scheme = unsafeScheme(node.url, 'image');
        if (scheme === undefined) return undefined;
        diagnostics.push(warning('UnsafeUrl', `the image ${shown(node.url)} was removed (its alt text is kept): ${why(scheme)}`, at(node), IMAGE_HINT));
        return replace(altText(node.alt));
      }
      case 'definition': {
        const scheme = unsafeScheme(node.url, 'link');
        if (scheme === undefined) return undefined;
        diagnostics.push(warning('UnsafeUrl', `the link definition [${node.label ?? node.identifier}]: ${shown(node.url)} was removed, and the links that use it keep only their text: ${why(scheme)}`, at(node), LINK_HINT));
        return replace([]);
      }
      // A definition safe as a link may not be as an image (`data:text/plain`), and the reverse.
      case 'linkReference':
        return unsafeDefinition(node.identifier, 'link') === undefined ? undefined : replace(node.children);
      case 'imageReference':
        return unsafeDefinition(node.identifier, 'image') === undefined ? undefined : replace(altText(node.alt));
      case 'html':
        diagnostics.push(...cleanHtml(node, place, parseHtml));
        return undefined;
      default:
        return undefined;
    }
  });
  return diagnostics;
}

/** Cut the unsafe URL attributes out of a raw HTML node, keeping everything else as written. */
function cleanHtml(node: Html, place: UrlPlace, parseHtml: HtmlParser | undefined): Diagnostic[] {
  // Most raw HTML (`<!-- more -->`, `</a>`, `<br>`) has no valued attribute and is not parsed.
  if (!mayHoldUrlAttribute(node.value)) return [];
  if (parseHtml === undefined) throw new Error(`internal: ${place.file} was loaded without an HTML parser, though it has raw HTML with attributes`);
  const found = unsafeAttributes(node.value, parseHtml);
  if (found.length === 0) return [];
  const diagnostics: Diagnostic[] = [];
  let value = node.value;
  for (const cut of [...found].sort((a, b) => (b.start ?? 0) - (a.start ?? 0))) {
    if (cut.start !== undefined && cut.end !== undefined) value = value.slice(0, cut.start) + value.slice(cut.end);
    const name = cut.start !== undefined && cut.end !== undefined ? node.value.slice(cut.start, cut.end).split('=')[0]!.trim() : cut.property;
    diagnostics.unshift(
      warning('UnsafeUrl', `the HTML attribute ${name}=${shown(cut.value)} was removed: ${why(cut.scheme)}`, { file: place.file, ...positionIn(node, cut.start ?? 0), source: place.source }, cut.use === 'image' ? IMAGE_HINT : LINK_HINT),
    );
  }
  // Cutting whole attributes leaves the others as they were; should the parser still find one
  // (or an attribute had no place to cut), the whole node goes.
  node.value = unsafeAttributes(value, parseHtml).length === 0 ? value : '';
  return diagnostics;
}

type FoundAttribute = UnsafeUrlProperty & { readonly start: number | undefined; readonly end: number | undefined };

/** The unsafe URL attributes of an HTML fragment, with their offsets in it (attribute name to value end). */
function unsafeAttributes(html: string, parseHtml: HtmlParser): FoundAttribute[] {
  const found: FoundAttribute[] = [];
  visit(parseHtml(html, { fragment: true, verbose: true }), 'element', (element: Element) => {
    const positions = (element.data as { position?: { properties?: Record<string, { start: { offset?: number }; end: { offset?: number } } | undefined> } } | undefined)?.position?.properties;
    for (const unsafe of unsafeUrlProperties(element)) {
      const range = positions?.[unsafe.property];
      found.push({ ...unsafe, start: range?.start.offset, end: range?.end.offset });
    }
  });
  return found;
}

/** File line:column of `offset` in a raw HTML node (columns after its first line are within the node's own text). */
function positionIn(node: Html, offset: number): { line?: number; column?: number } {
  const start = node.position?.start;
  if (!start) return {};
  const before = node.value.slice(0, offset);
  const newlines = before.split('\n').length - 1;
  return newlines === 0 ? { line: start.line, column: start.column + offset } : { line: start.line + newlines, column: offset - before.lastIndexOf('\n') };
}

/** The URL as written, in quotes, shortened when long (a data: URL). */
function shown(url: string): string {
  return JSON.stringify(url.length > 60 ? `${url.slice(0, 57)}…` : url);
}
