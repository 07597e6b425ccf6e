import type { ResolvedConfig } from '../config/resolve-config.js';
import type { SiteClock } from '../types.js';

/** The last instant a JavaScript Date can hold, in milliseconds. */
const MAX_TIME = 8.64e15;


/**
 * "Is this date still to come?" against the build's clock (always no with `--future`), noting
 * the dates it was asked about: the same site is collected for any clock in `window()`.
 */
export function publishClock(config: ResolvedConfig): { isFuture(epochMs: number): boolean; window(): SiteClock } {
  const now = config.now.getTime();
  let from = -MAX_TIME;
  let until = MAX_TIME;
  return {
    isFuture(epochMs) {
      if (config.future) return false;
      if (epochMs > now) until = Math.min(until, epochMs);
      else from = Math.max(from, epochMs);
      return epochMs > now;
    },
    window: () => ({ from, until }),
  };
}
