import v8 from 'node:v8';
import type { Root as MdastRoot } from 'mdast';
import { compactTree } from '../load/compact-tree.js';

/** The trees a thread parsed and will render, by source key. */
export interface KeptTrees {
  /** Keep a tree (its own: it is compacted in place, then packed). */
  keep(key: string, tree: MdastRoot): void;
  /** The tree kept under `key`, given up (a second take is undefined). */
  take(key: string): MdastRoot | undefined;
  clear(): void;
}

/**
 * Trees kept from the load of an entry to its render, packed: serialized (V8's structured-clone
 * format) into a buffer outside the heap. A build holds every tree between the two steps (the
 * collect stage runs in between), and as objects they are 5× the size of their Markdown, all of
 * it live through every full collection of that time. Not deflated as well: on 1000 bench posts
 * deflating cost CPU time and saved no measurable peak RSS.
 */
export function keptTrees(): KeptTrees {
  const packed = new Map<string, Buffer | MdastRoot>();
  return {
    keep(key, tree) {
      const compact = compactTree(tree);
      try {
        packed.set(key, v8.serialize(compact));
      } catch {
        // A parse extension put something in the tree that cannot be serialized (a function): kept as it is.
        packed.set(key, compact);
      }
    },
    take(key) {
      const kept = packed.get(key);
      if (kept === undefined) return undefined;
      packed.delete(key);
      return Buffer.isBuffer(kept) ? (v8.deserialize(kept) as MdastRoot) : kept;
    },
    clear() {
      packed.clear();
    },
  };
}
