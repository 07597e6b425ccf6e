import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string; html: string }>;
}

/** Run axe-core on the loaded page; returns the violations as readable lines (none: an empty list). */
export async function axeViolations(page: Page, tags: readonly string[] = WCAG_21_AA): Promise<string[]> {
  // The page's globals are untyped here: the tests compile without the DOM library.
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async (values) => {
    const { axe, document } = globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> }; document: unknown };
    const result = await axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
    return result.violations;
  }, [...tags]);
  return (violations as AxeViolation[]).flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? '?'}): ${v.help}\n    at ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`),
  );
}
