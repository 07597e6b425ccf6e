import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

/** How a value is written into XML: `text` as escaped text, `html` as (split) CDATA. */
export type SlotKind = 'text' | 'html';

const TOKEN = /\uE000(\d+)\uE001/g;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/**
 * Our values never reach the `feed` package's XML writer raw: each is handed over as a token
 * (`\uE000 n \uE001`, private-use characters that survive its writer untouched) and put back into
 * its output through a real DOM, whose serializer escapes every value exactly once. This is how
 * `]]>` (which `feed` splits only once per field), `<` and `&` in attributes (never escaped) and a
 * literal `&amp;` in text (which it unescapes first) come out right, whatever the field.
 */
export class FeedSlots {
  private readonly values: Array<{ readonly value: string; readonly kind: SlotKind }> = [];

  /** A token standing for `value` in what is given to `feed`. */
  put(value: string, kind: SlotKind = 'text'): string {
    this.values.push({ value, kind });
    return `\uE000${this.values.length - 1}\uE001`;
  }

  putOptional(value: string | undefined, kind: SlotKind = 'text'): string | undefined {
    return value === undefined ? undefined : this.put(value, kind);
  }

  /** Parse `feed`'s XML and put every value back in place of its token. */
  fillXml(xml: string): Document {
    const doc = parseXml(xml);
    this.fillNode(doc.documentElement!, doc);
    return doc;
  }

  /** The same for `feed`'s JSON, already parsed: every string has its tokens replaced. */
  fillJson(value: unknown): unknown {
    if (typeof value === 'string') return this.replace(value, false);
    if (Array.isArray(value)) return value.map((v) => this.fillJson(v));
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.fillJson(v)]));
    return value;
  }

  private fillNode(element: Element, doc: Document): void {
    for (const attribute of Array.from(element.attributes)) {
      if (hasToken(attribute.value)) element.setAttribute(attribute.name, this.replace(attribute.value, true));
    }
    for (const child of Array.from(element.childNodes) as Node[]) {
      if (child.nodeType === ELEMENT_NODE) this.fillNode(child as Element, doc);
      else if ((child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) && hasToken(child.nodeValue ?? '')) {
        const data = child.nodeValue ?? '';
        const value = this.replace(data, true);
        if (child.nodeType === CDATA_SECTION_NODE && this.kindsIn(data).has('html') && countOf(value, ']]>') <= MAX_CDATA_SPLITS) {
          for (const section of cdataSections(value)) element.insertBefore(doc.createCDATASection(section), child);
        } else if (child.nodeType === CDATA_SECTION_NODE && this.kindsIn(data).has('html')) {
          // Thousands of `]]>` (a long code listing) would mean as many sections, each inserted in
          // time linear in the ones before; escaped text is the other standard form of the same HTML.
          element.insertBefore(doc.createTextNode(value), child);
        } else {
          element.insertBefore(doc.createTextNode(value), child);
          // Plain text written where `feed` declared HTML (Atom titles): say it is text.
          if (child.nodeType === CDATA_SECTION_NODE && element.getAttribute('type') === 'html') element.setAttribute('type', 'text');
        }
        element.removeChild(child);
      }
    }
  }

  private kindsIn(data: string): Set<SlotKind> {
    return new Set([...data.matchAll(TOKEN)].map((m) => this.slot(m[1]!).kind));
  }

  private replace(data: string, forXml: boolean): string {
    return data.replace(TOKEN, (_, index: string) => {
      const { value } = this.slot(index);
      return forXml ? xmlCharsOnly(value) : value;
    });
  }

  private slot(index: string): { readonly value: string; readonly kind: SlotKind } {
    const slot = this.values[Number(index)];
    if (!slot) throw new Error(`feed slot ${index} does not exist`);
    return slot;
  }
}

/** More `]]>` than this in one HTML value: written as escaped text instead of split CDATA. */
const MAX_CDATA_SPLITS = 1000;

function countOf(value: string, part: string): number {
  return value.split(part).length - 1;
}

function hasToken(value: string): boolean {
  return value.includes('\uE000');
}

/**
 * CDATA sections holding `value`: one per `]]>`, split between `]]` and `>`, so that no section
 * contains the sequence that would end it.
 */
export function cdataSections(value: string): string[] {
  const parts = value.split(']]>');
  return parts.map((part, i) => (i > 0 ? '>' : '') + part + (i < parts.length - 1 ? ']]' : ''));
}

/** Drop what XML 1.0 cannot carry at all: control characters, lone surrogates, U+FFFE/U+FFFF. */
export function xmlCharsOnly(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** A strict parse: any warning or error of the parser is a bug of ours or of `feed`. */
export function parseXml(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`feed XML is not well-formed (${level}): ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
}
