import LineBreaker from 'linebreak';
import stringWidth from 'string-width';

/** A run of inline text; `keep` runs are not broken inside (inline code, a link's `[1]`). */
export interface TextRun {
  readonly text: string;
  /** `fit`: unbroken when it fits on a line; `always`: never broken (a URL). */
  readonly keep?: 'fit' | 'always';
}

export interface WrapOptions {
  /** Columns a line may take, measured by display width (a CJK character is two). */
  readonly width: number;
  /** Count East Asian ambiguous characters (“ ” — …) as two columns, as CJK fonts draw them. */
  readonly ambiguousIsWide: boolean;
}

/**
 * Lines of at most `width` display columns, broken where the Unicode line breaking algorithm
 * (UAX #14, the `linebreak` package) allows: between words, between two Han characters, never
 * before a closing punctuation mark. A line feed in a run is a hard break. A piece with no break
 * opportunity that is wider than the line (a long URL) stays whole on a line of its own.
 */
export function wrapText(runs: readonly TextRun[], options: WrapOptions): string[] {
  const text = runs.map((r) => r.text).join('');
  const width = (s: string) => stringWidth(s, { ambiguousIsNarrow: !options.ambiguousIsWide });
  // Break positions inside a kept run are not taken.
  const kept: Array<[number, number]> = [];
  let at = 0;
  for (const run of runs) {
    if (run.keep === 'always' || (run.keep === 'fit' && width(run.text.trim()) <= options.width)) kept.push([at, at + run.text.length]);
    at += run.text.length;
  }
  const insideKept = (position: number) => kept.some(([start, end]) => position > start && position < end);

  const lines: string[] = [];
  let line = '';
  const flush = () => {
    lines.push(line.replace(/\s+$/, ''));
    line = '';
  };
  const breaker = new LineBreaker(text);
  let last = 0;
  for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
    if (!found.required && insideKept(found.position)) continue;
    const piece = text.slice(last, found.position);
    last = found.position;
    if (line.trim() !== '' && width(`${line}${piece}`.replace(/\s+$/, '')) > options.width) {
      flush();
      line = piece.replace(/^[^\S\n]+/, '');
    } else line += piece;
    if (found.required) flush();
  }
  if (line.trim() !== '' || lines.length === 0) flush();
  return lines;
}

/** Display width of a line, as `wrapText` measures it. */
export function displayWidth(text: string, ambiguousIsWide: boolean): number {
  return stringWidth(text, { ambiguousIsNarrow: !ambiguousIsWide });
}
