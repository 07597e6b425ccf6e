import type { Document, Element } from '@xmldom/xmldom';
import { rfc3339, zoneDates } from './feed-dates.js';
import type { FeedChannel, FeedItem } from './feed-types.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Fixes to `feed`'s Atom 1.0 that its options cannot express (after the slots are filled). */
export function finishAtom(doc: Document, channel: FeedChannel, items: readonly FeedItem[]): void {
  const root = doc.documentElement!;
  zoneDates(doc, ['updated', 'published'], (date) => rfc3339(date, channel.timezone ?? 'UTC'));
  // The language, which `feed` leaves out of Atom: on the feed, and on entries written in another.
  root.setAttributeNS(XML_NS, 'xml:lang', channel.language);
  const entries = (Array.from(root.childNodes) as Element[]).filter((n) => n.nodeType === 1 && n.nodeName === 'entry');
  if (entries.length !== items.length) throw new Error(`feed wrote ${entries.length} Atom entries for ${items.length}`);
  items.forEach((item, i) => {
    const entry = entries[i]!;
    if (item.language !== undefined && item.language !== channel.language) entry.setAttributeNS(XML_NS, 'xml:lang', item.language);
    // `feed` guesses an enclosure's type from the file extension (`image/svg`, `image/jpg`).
    if (item.image) {
      const enclosure = (Array.from(entry.getElementsByTagName('link')) as Element[]).find((link) => link.getAttribute('rel') === 'enclosure');
      enclosure?.setAttribute('type', item.image.type);
    }
  });
}
