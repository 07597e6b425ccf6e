import type { Document, Element } from '@xmldom/xmldom';
import { xmlCharsOnly } from './feed-slots.js';
import { rfc822, zoneDates } from './feed-dates.js';
import type { FeedChannel, FeedItem, FeedPerson } from './feed-types.js';

const DC = 'http://purl.org/dc/elements/1.1/';

/**
 * RSS 2.0 `<author>` must be an e-mail address (`me@example.org (Name)`): `feed` writes a bare
 * name, which validators reject. So authors go to `feed` only when every one has an e-mail;
 * otherwise each name is written here as Dublin Core `<dc:creator>`, which readers show alike.
 */
export function rssAuthorsInline(authors: readonly FeedPerson[]): boolean {
  return authors.length > 0 && authors.every((a) => a.email !== undefined && a.email !== '');
}

/** Fixes to `feed`'s RSS 2.0 that its options cannot express (after the slots are filled). */
export function finishRss(doc: Document, channel: FeedChannel, items: readonly FeedItem[], authorsOf: (item: FeedItem) => readonly FeedPerson[]): void {
  const root = doc.documentElement!;
  zoneDates(doc, ['pubDate', 'lastBuildDate'], (date) => rfc822(date, channel.timezone ?? 'UTC'));
  const elements = Array.from(root.getElementsByTagName('item')) as Element[];
  if (elements.length !== items.length) throw new Error(`feed wrote ${elements.length} RSS items for ${items.length}`);
  let usesDc = false;
  items.forEach((item, i) => {
    const authors = authorsOf(item);
    if (rssAuthorsInline(authors)) return;
    const element = elements[i]!;
    // Indented like the item's other children.
    const indent = element.firstChild?.nodeType === 3 ? (element.firstChild.nodeValue ?? '') : '';
    const tail = element.lastChild?.nodeType === 3 ? element.lastChild : null;
    for (const author of authors) {
      const creator = doc.createElementNS(DC, 'dc:creator');
      creator.appendChild(doc.createTextNode(xmlCharsOnly(author.name)));
      element.insertBefore(doc.createTextNode(indent), tail);
      element.insertBefore(creator, tail);
      usesDc = true;
    }
  });
  if (usesDc && !root.hasAttribute('xmlns:dc')) root.setAttribute('xmlns:dc', DC);
}
