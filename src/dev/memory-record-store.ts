import type { RecordKind, RecordStore } from '../cache/record-store.js';

/** Records of a `quire dev` session, by `kind:key`; kept for the whole session. */
export type RecordMemory = Map<string, unknown>;

/**
 * A record store with the session's memory in front: a record found or made once is never read
 * from disk again. With `disk`, what is missing in memory is looked up there and what is put is
 * also written there on `save` (the full builds of the session); without it, memory only (the
 * small rebuilds after an edit, which must not wait for the disk).
 */
export function memoryRecordStore(memory: RecordMemory, disk: RecordStore | undefined): RecordStore {
  const id = (kind: RecordKind, key: string) => `${kind}:${key}`;
  return {
    async getMany(kind, keys) {
      const values = keys.map((key) => memory.get(id(kind, key)));
      const missing = disk ? keys.flatMap((key, i) => (values[i] === undefined ? [i] : [])) : [];
      if (missing.length > 0) {
        const found = await disk!.getMany(
          kind,
          missing.map((i) => keys[i]!),
        );
        missing.forEach((i, j) => {
          const value = found[j];
          if (value === undefined) return;
          values[i] = value;
          memory.set(id(kind, keys[i]!), value);
        });
      }
      return values;
    },
    put(kind, key, value) {
      memory.set(id(kind, key), value);
      disk?.put(kind, key, value);
    },
    get rejected() {
      return disk?.rejected ?? 0;
    },
    get writeFailure() {
      return disk?.writeFailure;
    },
    save: () => disk?.save() ?? Promise.resolve(),
  };
}
