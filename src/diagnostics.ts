import { codeFrameColumns } from '@babel/code-frame';
import stringWidth from 'string-width';
import { unpackText, type PackedText } from './packed-text.js';

/** Stable names of everything quire can complain about. Never rename one: users search for them. */
export type DiagnosticCode =
  | 'ConfigNotFound'
  | 'ConfigLoad'
  | 'ConfigInvalid'
  | 'ConfigUnknownKey'
  | 'ContentDirMissing'
  | 'OutDirUnsafe'
  | 'ReadError'
  | 'FrontMatterSyntax'
  | 'FrontMatterUnterminated'
  | 'FrontMatterInvalid'
  | 'FrontMatterUnknownKey'
  | 'InvalidDate'
  | 'UnsafePath'
  | 'DuplicateUrl'
  | 'BrokenLink'
  | 'MissingAsset'
  | 'UnknownLanguage'
  | 'MarkdownError'
  | 'TemplateError'
  | 'FeedError'
  | 'WriteError'
  | 'InitFolderNotEmpty'
  | 'InitInvalidOption'
  | 'InstallFailed'
  // quire new / dev / check
  | 'InvalidOption'
  | 'UnknownCommand'
  | 'WeeklyIssueNotFound'
  | 'FileExists'
  | 'PortInUse'
  | 'BrokenAnchor'
  | 'ExternalLinkBroken'
  | 'ExternalLinkUnverified'
  | 'MissingDescription'
  | 'FutureDate'
  | 'DuplicateTitle'
  // output folder, lock and cache (hostile input)
  | 'StaleLock'
  | 'CacheDirUnsafe'
  // weekly digest: issue numbers that would move, issues with nothing in them
  | 'WeeklyNumber'
  | 'EmptyIssue'
  // reading only the project: symbolic links that lead out of it (or into .git/, the cache, the output)
  | 'UnsafeSymlink'
  // unsafe URL schemes (javascript:, data:…) in front matter, links and raw HTML
  | 'UnsafeUrl'
  // hostile input: limits on input shapes, entry ids
  | 'LimitExceeded'
  | 'DuplicateId'
  // Moving from Hexo / Hugo / Jekyll: old URLs and syntax quire does not run.
  | 'MigrationSyntax'
  // Categories and series.
  | 'SeriesOrder'
  // Weekly link hygiene.
  | 'DuplicateLink'
  | 'RepeatedLink'
  // Newsletter hand-off.
  | 'MissingApiKey'
  | 'SendFailed'
  | 'InternalError'
  // Responsive images.
  | 'ImageEncode'
  // Translations (`translationKey`, `languages`).
  | 'TranslationFileName'
  | 'TranslationWithoutOriginal'
  | 'TranslationConflict'
  // math, diagrams and plugin output in feeds
  | 'MathError'
  | 'PluginOutput';

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: 'error' | 'warning';
  /** What is wrong, in one sentence, without the location. */
  readonly message: string;
  /** Path as shown to the user (relative to the project root when possible). */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** What to do about it. */
  readonly hint?: string;
  /** A code frame around line:column, already rendered. */
  readonly frame?: string;
}

export interface Place {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** The whole text of `file`, to render a code frame from (an entry's, packed). */
  readonly source?: string | PackedText;
}

export function diagnostic(
  code: DiagnosticCode,
  message: string,
  place: Place = {},
  hint?: string,
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  const { file, line, column, source } = place;
  const frame = source !== undefined && line !== undefined ? codeFrame(typeof source === 'string' ? source : unpackText(source), line, column ?? 1) : undefined;
  return {
    code,
    severity,
    message,
    ...(file !== undefined && { file }),
    ...(line !== undefined && { line }),
    ...(column !== undefined && { column }),
    ...(hint !== undefined && { hint }),
    ...(frame !== undefined && { frame }),
  };
}

export function warning(code: DiagnosticCode, message: string, place: Place = {}, hint?: string): Diagnostic {
  return diagnostic(code, message, place, hint, 'warning');
}

/** Thrown at the end of a stage that found errors; carries every diagnostic of that stage. */
export class QuireError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(errors.length === 1 ? formatLocation(errors[0]!) + errors[0]!.message : `${errors.length} errors`);
    this.name = 'QuireError';
    this.diagnostics = diagnostics;
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Throw if any diagnostic is an error: the way a stage fails after collecting all problems. */
export function failOnErrors(diagnostics: readonly Diagnostic[]): void {
  if (hasErrors(diagnostics)) throw new QuireError(diagnostics);
}

function formatLocation(d: Diagnostic): string {
  if (d.file === undefined) return '';
  const pos = d.line !== undefined ? `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}` : '';
  return `${d.file}${pos}: `;
}

export interface FormatOptions {
  readonly color?: (kind: 'error' | 'warning' | 'dim' | 'bold', text: string) => string;
}

/** Human-readable block: `error[Code] file:line:col: message`, the frame, and the hint. */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const paint = options.color ?? ((_k, t) => t);
  const head = `${paint(d.severity, `${d.severity}[${d.code}]`)} ${paint('bold', formatLocation(d) + d.message)}`;
  const lines = [head];
  if (d.frame) lines.push(d.frame.replace(/^/gm, '    '));
  if (d.hint) lines.push(`  ${paint('dim', 'hint:')} ${d.hint}`);
  return lines.join('\n');
}

/**
 * The lines around `line` with a caret under `column`. @babel/code-frame puts one space under each
 * character before the column; a terminal shows CJK characters (and other wide ones) two columns
 * wide, so the caret's padding is made of each character's display width instead.
 */
function codeFrame(text: string, line: number, column: number): string {
  const frame = codeFrameColumns(text, { start: { line, column } }, { highlightCode: false, linesAbove: 1, linesBelow: 1 });
  const before = text.split(/\r\n|[\n\r\u2028\u2029]/)[line - 1]?.slice(0, Math.max(column - 1, 0)) ?? '';
  const padding = [...before].map((ch) => (ch === '\t' ? '\t' : ' '.repeat(stringWidth(ch)))).join('');
  const lines = frame.split('\n');
  const marked = lines.findIndex((l) => /^\s*>/.test(l));
  const caret = /^(\s*\|) [\s]*(\^+)$/.exec(lines[marked + 1] ?? '');
  if (marked < 0 || !caret) return frame;
  lines[marked + 1] = `${caret[1]} ${padding}${caret[2]}`;
  return lines.join('\n');
}
