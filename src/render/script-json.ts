/**
 * JSON to place inside a `<script>` element (JSON-LD, data for scripts). JSON.stringify alone is
 * not enough there: `</script>` or `<!--` in a string would end or change the element. `<`, `>`,
 * `&` and the line separators U+2028/U+2029 are written as `\uXXXX` escapes, which every JSON
 * parser reads back as the same characters.
 */
export function scriptSafeJson(value: unknown): string {
  return (JSON.stringify(value ?? null) ?? 'null').replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
