declare module 'wcag-contrast' {
  /** WCAG 2 contrast ratio of two colours given as hex strings. */
  export function hex(a: string, b: string): number;
  /** WCAG 2 contrast ratio of two colours given as [r, g, b]. */
  export function rgb(a: readonly number[], b: readonly number[]): number;
}
