/** Per-line markers written in the code itself, as shiki's notation transformers read them. */
export type LineMark = 'add' | 'remove' | 'highlight';

export interface StrippedCode {
  /** The code with the notation comments removed: what the reader sees and copies. */
  readonly code: string;
  /** 0-based line index → marks. */
  readonly marks: ReadonlyMap<number, ReadonlySet<LineMark>>;
}

// `// [!code ++]`, `# [!code --]`, `-- [!code hl]`, `/* [!code highlight] */`, `<!-- [!code ++] -->`,
// optionally `:N` for N lines. The comment must end the line.
const NOTATION = /[ \t]*(?:\/\/|#|--|;|%|\/\*|<!--)[ \t]*\[!code (\+\+|--|highlight|hl)(?::(\d+))?\][ \t]*(?:\*\/|-->)?[ \t]*$/;

/** Remove `[!code ++|--|highlight]` comments and remember which lines they marked. */
export function stripNotation(code: string): StrippedCode {
  if (!code.includes('[!code ')) return { code, marks: new Map() };
  const marks = new Map<number, Set<LineMark>>();
  const lines = code.split('\n');
  const out = lines.map((line, index) => {
    const m = NOTATION.exec(line);
    if (!m) return line;
    const mark: LineMark = m[1] === '++' ? 'add' : m[1] === '--' ? 'remove' : 'highlight';
    const count = Math.max(1, Math.min(Number(m[2] ?? 1), lines.length - index));
    for (let i = index; i < index + count; i++) {
      let set = marks.get(i);
      if (!set) marks.set(i, (set = new Set()));
      set.add(mark);
    }
    return line.slice(0, m.index);
  });
  // A line that held only the comment marks the next line instead, and disappears.
  const kept: string[] = [];
  const shifted = new Map<number, Set<LineMark>>();
  for (let i = 0; i < out.length; i++) {
    const onlyComment = out[i] === '' && lines[i] !== '' && NOTATION.test(lines[i]!) && /^\s*(?:\/\/|#|--|;|%|\/\*|<!--)/.test(lines[i]!);
    if (onlyComment && i + 1 < out.length) {
      const set = marks.get(i);
      if (set) {
        const next = shifted.get(kept.length) ?? new Set<LineMark>();
        for (const m of set) next.add(m);
        shifted.set(kept.length, next);
      }
      continue;
    }
    const set = marks.get(i);
    if (set) {
      const target = shifted.get(kept.length) ?? new Set<LineMark>();
      for (const m of set) target.add(m);
      shifted.set(kept.length, target);
    }
    kept.push(out[i]!);
  }
  return { code: kept.join('\n'), marks: shifted };
}

/** In a `diff` fence, lines starting with `+`/`-` are additions/removals; the text is kept as is. */
export function diffMarks(code: string): Map<number, Set<LineMark>> {
  const marks = new Map<number, Set<LineMark>>();
  code.split('\n').forEach((line, i) => {
    if (line.startsWith('+') && !line.startsWith('+++')) marks.set(i, new Set(['add']));
    else if (line.startsWith('-') && !line.startsWith('---')) marks.set(i, new Set(['remove']));
  });
  return marks;
}
