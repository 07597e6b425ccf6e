import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';

/** What LiquidJS puts on its errors (TokenizationError, ParseError, RenderError…): the failing token. */
interface LiquidToken {
  readonly file?: string;
  readonly input?: string;
  getPosition?(): [number, number];
}

/**
 * A TemplateError for a LiquidJS failure: at the template file, line and column of the failing
 * tag or output (LiquidJS keeps them on `error.token`), with a code frame, instead of a message
 * with the location glued onto its end.
 */
export function templateDiagnostic(error: unknown, template: string, url: string, displayRoot: string): Diagnostic {
  const token = (error as { token?: LiquidToken } | null)?.token;
  const raw = error instanceof Error ? error.message : String(error);
  // LiquidJS appends ", file:/abs/x.liquid, line:2, col:6"; the location goes in its own fields.
  const message = raw.split('\n')[0]!.replace(/, file:.*$/, '').replace(/, line:\d+, col:\d+$/, '');
  const hint = 'fix the template, or delete your override to use the default theme';
  const what = `template ${template}.liquid failed for ${url}: ${message}`;
  if (!token?.getPosition || token.file === undefined) return diagnostic('TemplateError', what, {}, hint);
  const [line, column] = token.getPosition();
  const file = path.relative(displayRoot, token.file) || token.file;
  return diagnostic('TemplateError', what, { file, line, column, ...(token.input !== undefined && { source: token.input }) }, hint);
}
