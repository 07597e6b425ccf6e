/**
 * Text a file must not hold, and where it is: bytes that are not UTF-8, control characters in
 * front-matter values, and the line and column of an offset.
 */

/** Paths of the string values (at any depth) that contain a C0 control character other than tab and line ends. */
export function controlCharacterFields(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  // eslint-disable-next-line no-control-regex
  if (typeof value === 'string') return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => controlCharacterFields(item, [...path, i]));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => controlCharacterFields(item, [...path, key]));
  }
  return [];
}

/** Line and column (1-based, in characters) of offset `index` of `text`. */
export function positionAt(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: [...before.slice(lastBreak + 1)].length + 1 };
}

/** Where the first byte that is not UTF-8 is: the longest prefix that decodes (streaming) is found by bisection. */
export function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  const decodes = (length: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (decodes(middle)) good = middle;
    else bad = middle;
  }
  // The characters before the broken sequence: a streaming decode of the good prefix holds back
  // the start of a sequence that the next byte breaks.
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, good), { stream: true });
  return positionAt(text, text.length);
}
