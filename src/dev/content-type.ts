import { lookup } from 'mime-types';

/** Types whose bytes are text: they are served as UTF-8, which is what quire writes. */
const TEXTUAL = /^text\/|[/+](xml|json)$|javascript$/;

/** Content-Type for a file name (mime-db via mime-types); text types say UTF-8, and names without an extension (CNAME) are text. */
export function contentTypeOf(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  if (!base.includes('.')) return 'text/plain; charset=utf-8';
  const type = lookup(base) || 'application/octet-stream';
  return TEXTUAL.test(type) ? `${type}; charset=utf-8` : type;
}
