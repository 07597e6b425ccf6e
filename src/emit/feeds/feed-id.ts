import { createHash } from 'node:crypto';

/** RFC 4122 namespace for names that are URLs (reused here for names of our own). */
const NAMESPACE = '6ba7b8119dad11d180b400c04fd430c8';

/**
 * The stable id of a feed item. Without a front-matter `id` it is the permalink (an absolute
 * URL), so changing a title never changes it. A pinned `id` that is a URI (e.g. the post's old
 * URL, or `tag:example.org,2024:x`) is used as it is; any other text becomes the name-based
 * `urn:uuid:` (UUID v5) of that text, the same on every build and on every host.
 */
export function feedId(pinned: string | undefined, permalink: string): string {
  if (pinned === undefined || pinned.trim() === '') return permalink;
  const value = pinned.trim();
  if (/^[a-z][a-z0-9+.-]*:\S+$/i.test(value)) {
    try {
      return new URL(value).href;
    } catch {
      // not a URL after all: fall through to a UUID
    }
  }
  return `urn:uuid:${uuidV5(value)}`;
}

function uuidV5(name: string): string {
  const hash = createHash('sha1').update(Buffer.from(NAMESPACE, 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
