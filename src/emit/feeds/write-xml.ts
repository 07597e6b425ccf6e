import { XMLSerializer, type Document } from '@xmldom/xmldom';

/**
 * A feed document as the file to publish: an XML declaration that says UTF-8, the browser
 * stylesheet if any (`<?xml-stylesheet type="text/xsl" href="…"?>`, ignored by feed readers),
 * then the document element, serialized with every value escaped once and checked well-formed.
 */
export function writeXml(doc: Document, stylesheetHref: string | undefined): string {
  const root = doc.documentElement;
  if (!root) throw new Error('feed XML has no document element');
  const stylesheet = stylesheetHref !== undefined ? `<?xml-stylesheet type="text/xsl" href="${pseudoAttribute(stylesheetHref)}"?>\n` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n${stylesheet}${new XMLSerializer().serializeToString(root, { requireWellFormed: true })}\n`;
}

/** A pseudo-attribute value of a processing instruction is escaped like an attribute; `?>` cannot occur. */
function pseudoAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
