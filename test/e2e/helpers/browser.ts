import { existsSync } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page, type Request, type Response } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it), or the one `QUIRE_CHROMIUM` names. */
export const CHROMIUM = process.env['QUIRE_CHROMIUM'] || '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does, or set QUIRE_CHROMIUM to another Chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Everything that went wrong while a page loaded: console errors, script errors, failed or >= 400 requests. */
export interface PageProblems {
  readonly list: string[];
  /** Stop listening. */
  stop(): void;
}

/**
 * Watch `page` for problems. `expectedStatus` allows one URL to answer with an error status (the
 * 404 page itself); Chromium's console line about that response is allowed with it.
 */
export function watchProblems(page: Page, expected?: { url: string; status: number }): PageProblems {
  const list: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    if (expected && message.location().url === expected.url && message.text().includes(`status of ${expected.status}`)) return;
    list.push(`console error: ${message.text()} (${message.location().url}:${message.location().lineNumber})`);
  };
  const onPageError = (error: Error) => list.push(`uncaught: ${error.message}`);
  const onFailed = (request: Request) => {
    const reason = request.failure()?.errorText ?? '?';
    // Chromium asks for the icon after the load event, on its own schedule; the next `goto`
    // cancels that request when it is still open (the previous page's, seen by this watch). A
    // missing icon still shows, as its 404 response below.
    if (reason === 'net::ERR_ABORTED' && /\/favicon\.(svg|ico|png)$/.test(new URL(request.url()).pathname)) return;
    list.push(`request failed: ${request.url()} (${reason})`);
  };
  const onResponse = (response: Response) => {
    if (response.status() < 400) return;
    if (expected && response.url() === expected.url && response.status() === expected.status) return;
    list.push(`HTTP ${response.status()}: ${response.url()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  return {
    list,
    stop: () => {
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      page.off('requestfailed', onFailed);
      page.off('response', onResponse);
    },
  };
}
