import { checksum, freshestFirst, PACK_HEADER, type Located, type ReadPacks, type RecordKind } from './record-packs.js';

/** A record no build has used for this long is dropped when its pack is merged. */
export const UNUSED_LIFETIME_MS = 24 * 3_600_000;
/** More packs than this are merged into one by the next build that saves. */
const MAX_PACKS = 8;
/** Merged too when more than this share of the bytes read is records no build used for a day. */
const MAX_DROPPABLE_SHARE = 0.25;

/** Merge when the packs are many, or when a quarter of what was read is records no build used for a day. */
export function shouldMerge(packs: ReadPacks, used: ReadonlySet<string>, time: number, wroteOne: boolean): boolean {
  if (packs.packs.length + (wroteOne ? 1 : 0) > MAX_PACKS) return true;
  if (packs.packs.length === 0) return false;
  let droppable = 0;
  for (const [id, copies] of packs.index) {
    const unused = !used.has(id) && time - lastUsed(copies) > UNUSED_LIFETIME_MS;
    // A second copy of a record is dropped by a merge too.
    copies.forEach((copy, i) => {
      if (unused || i > 0) droppable += copy.end + 1 - copy.line;
    });
  }
  return droppable > packs.bytes * MAX_DROPPABLE_SHARE;
}

/**
 * One pack of the records read: those this build used (stamped as used now) and those it did not
 * use that a build used within a day (with their time); one copy of each, a good one: the copy
 * this build read, else the most recently used copy whose checksum matches. Never a record this
 * build found damaged.
 */
export function mergedPack(packs: ReadPacks, seen: { readonly used: ReadonlySet<string>; readonly good: ReadonlyMap<string, Located>; readonly damaged: ReadonlySet<string> }, time: number): Buffer {
  const parts: Buffer[] = [Buffer.from(`${PACK_HEADER}\n`)];
  for (const [id, copies] of packs.index) {
    const wanted = seen.used.has(id);
    if (!wanted && time - lastUsed(copies) > UNUSED_LIFETIME_MS) continue;
    const copy = seen.good.get(id) ?? (seen.damaged.has(id) ? undefined : soundCopy(id, copies));
    if (copy === undefined) continue;
    parts.push(...recordBytes(id, copy, wanted ? time : lastUsed(copies)));
  }
  return Buffer.concat(parts);
}

/** A record's line as read, under another time of last use. */
export function recordBytes(id: string, copy: Located, usedAt: number): Buffer[] {
  const [kind, key] = id.split('-') as [RecordKind, string];
  return [Buffer.from(`${kind} ${key} ${usedAt} ${copy.sum} `), copy.bytes.subarray(copy.start, copy.end), Buffer.from('\n')];
}

/** When a build last used a record: the newest stamp among its copies. */
function lastUsed(copies: readonly Located[]): number {
  return Math.max(...copies.map((copy) => copy.usedAt));
}

/** The most recently used copy whose checksum matches, if any. */
function soundCopy(id: string, copies: readonly Located[]): Located | undefined {
  const [kind, key] = id.split('-') as [RecordKind, string];
  return freshestFirst(copies).find((copy) => checksum(kind, key, copy.bytes.toString('utf8', copy.start, copy.end)) === copy.sum);
}
