/** What a fence's info string says after the language: ```go {1,3-5} title="main.go" showLineNumbers */
export interface FenceMeta {
  /** 1-based line numbers to highlight. */
  readonly highlight: ReadonlySet<number>;
  readonly title: string | undefined;
  /** true/false when the fence says so, undefined for the site default. */
  readonly lineNumbers: boolean | undefined;
  /** Number of the first line when numbered (`showLineNumbers{12}` or `startLine=12`). */
  readonly startLine: number;
}

const TOKEN = /\{([\d\s,-]*)\}|([A-Za-z][\w-]*)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?(\{\d+\})?/g;
const MAX_RANGE = 100_000;

export function parseFenceMeta(meta: string | null | undefined): FenceMeta {
  const highlight = new Set<number>();
  let title: string | undefined;
  let lineNumbers: boolean | undefined;
  let startLine = 1;
  for (const m of (meta ?? '').matchAll(TOKEN)) {
    if (m[1] !== undefined) {
      for (const part of m[1].split(',')) {
        const range = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
        if (!range) continue;
        const from = Number(range[1]);
        const to = Math.min(Number(range[2] ?? range[1]), from + MAX_RANGE);
        for (let n = from; n <= to; n++) highlight.add(n);
      }
      continue;
    }
    const key = m[2]!.toLowerCase();
    const value = m[3] ?? m[4] ?? m[5];
    if (key === 'title' || key === 'filename' || key === 'file') title = value;
    else if (key === 'showlinenumbers' || key === 'linenumbers' || key === 'linenos') {
      lineNumbers = value === undefined ? true : !/^(false|0|no)$/i.test(value);
      const start = m[6] ?? (value !== undefined && /^\d+$/.test(value) ? `{${value}}` : undefined);
      if (start) startLine = Number(start.slice(1, -1));
    } else if (key === 'nolinenumbers' || key === 'hidelinenumbers') lineNumbers = false;
    else if ((key === 'startline' || key === 'start') && value !== undefined && /^\d+$/.test(value)) startLine = Number(value);
  }
  return { highlight, title, lineNumbers, startLine };
}
