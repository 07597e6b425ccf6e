import { hrefOf } from '../collect/url-path.js';
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import type { LinkFinding } from './check-links.js';
import type { LinkTarget } from './resolve-link.js';
import type { SourcePlace } from './trace-source.js';

/** One problem, as printed and as `--json` gives it. */
export interface CheckProblem {
  readonly severity: 'error' | 'warning';
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly hint?: string;
  /** Source file, relative to the project root, when the problem can be traced to one. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** The built page (href, base path included) and the line in its HTML. */
  readonly page?: string;
  readonly pageLine?: number;
  /** The URL at fault. */
  readonly url?: string;
  /** More pages with the same problem (list pages showing the same excerpt, say). */
  readonly alsoOn?: number;
  /** For people: the diagnostic with its code frame. */
  readonly diagnostic: Diagnostic;
}

export interface Traced {
  readonly problem: CheckProblem;
  readonly key: string;
  /** 2: found on the page of its source; 1: in an excerpt on a list page; 0: no source. */
  readonly rank: number;
}

export function traced(finding: LinkFinding, place: SourcePlace | undefined, basePath: string): Traced {
  const page = hrefOf(finding.page.url, basePath);
  const pageLine = finding.link.line;
  const onPage = `on page ${page}${pageLine !== undefined ? ` (line ${pageLine} of its HTML)` : ''}`;
  let message = finding.message;
  let hint = finding.hint;
  if (!place) {
    message = `${onPage}: ${message}`;
    hint = `${hint ? `${hint}; ` : ''}the link is not in a post or page: it comes from a template`;
  } else if (place.inExcerpt) {
    message = `${onPage}, in the excerpt of this post: ${message}`;
  }
  const d = diagnostic(finding.code, message, place ?? {}, hint, finding.severity);
  return {
    problem: { ...fromDiagnostic(d), page, ...(pageLine !== undefined && { pageLine }), url: finding.link.value },
    key: `${finding.code}\u0000${targetKey(finding.target)}\u0000${finding.link.value}`,
    rank: place === undefined ? 0 : place.inExcerpt ? 1 : 2,
  };
}

/**
 * One problem per place it must be fixed: the same broken link on a post's page and on the list
 * pages showing its excerpt is reported for the post's page; one found only on pages without a
 * source (a template's) is reported once, with the number of other pages.
 */
export function merge(list: readonly Traced[]): CheckProblem[] {
  const out: CheckProblem[] = [];
  const groups = new Map<string, Traced[]>();
  for (const item of list) groups.set(item.key, [...(groups.get(item.key) ?? []), item]);
  for (const group of groups.values()) {
    const best = Math.max(...group.map((g) => g.rank));
    const seen = new Set<string>();
    const kept = group.filter((g) => g.rank === best).filter((g) => {
      const where = `${g.problem.file}:${g.problem.line}`;
      if (seen.has(where)) return false;
      seen.add(where);
      return true;
    });
    const others = group.length - kept.length;
    out.push(...kept.map((g, i) => (i === 0 && others > 0 ? { ...g.problem, alsoOn: others } : g.problem)));
  }
  const where = (p: CheckProblem) => p.file ?? `\uffff${p.page ?? ''}`;
  return out.sort((a, b) => (where(a) < where(b) ? -1 : where(a) > where(b) ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
}

function targetKey(target: LinkTarget): string {
  switch (target.kind) {
    case 'internal':
      return `${target.path}#${target.fragment ?? ''}`;
    case 'external':
      return target.url;
    case 'outside-base':
      return target.pathname;
    default:
      return target.kind;
  }
}

export function fromDiagnostic(d: Diagnostic): CheckProblem {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.hint !== undefined && { hint: d.hint }),
    ...(d.file !== undefined && { file: d.file }),
    ...(d.line !== undefined && { line: d.line }),
    ...(d.column !== undefined && { column: d.column }),
    diagnostic: d,
  };
}
