import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The real path of `p` (links resolved) even when it does not exist yet: the real path of its
 * nearest existing ancestor, with the rest as written.
 */
export function realPathOf(p: string): string {
  const rest: string[] = [];
  let current = p;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return p;
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}
