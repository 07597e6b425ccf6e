import v8 from 'node:v8';

/** Sites with fewer sources than this build with heaps kept nearer what is live. */
export const LEAN_HEAP_BELOW_SOURCES = 1500;
/** Each heap grown to at most 2× what is live after a full collection (V8 chooses up to 4× itself). */
export const LEAN_HEAP_GROWING_PERCENT = 100;

/**
 * The heap growth a `quire build` of `sources` sources asks V8 for, or undefined for V8's own
 * choice. Measured on the bench corpus (docs/content/pages/benchmark.md): with V8's choice a cold
 * build of 1000 posts peaked at ≈456 MiB, 1.5× Hugo's peak on the same posts, and at ≈364 MiB
 * with 100 %, for ≈8 % more CPU time; at 2000 posts V8's choice already peaked at 0.88× Hugo's,
 * at 4000 at 0.67× (Hugo's memory grows faster with the site), so larger sites keep it. A setting
 * of the user's own (`--heap-growing-percent` among Node's options) is left as it is.
 */
export function heapGrowingPercent(sources: number, nodeOptions: readonly string[]): number | undefined {
  if (nodeOptions.some((option) => /^--heap[-_]growing[-_]percent\b/.test(option))) return undefined;
  return sources < LEAN_HEAP_BELOW_SOURCES ? LEAN_HEAP_GROWING_PERCENT : undefined;
}

/**
 * Apply `heapGrowingPercent` to this process (its main thread, and the worker threads started
 * after). For the command line only: the library never changes the heap settings of a program
 * that imports it.
 */
export function sizeHeapsFor(sources: number): void {
  const options = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)];
  const percent = heapGrowingPercent(sources, options);
  if (percent !== undefined) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
