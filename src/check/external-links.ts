export interface ExternalOptions {
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Per request. */
  readonly timeoutMs: number;
  /** Further attempts after a timeout, a network error, 429 or 5xx. */
  readonly retries: number;
  /** First delay between attempts; doubled each time. */
  readonly backoffMs?: number;
  readonly fetch?: typeof fetch;
  readonly userAgent?: string;
}

export type ExternalVerdict =
  | { readonly ok: true; readonly status: number }
  /** `broken`: the link is dead (404, 410, other 4xx, unknown host, refused); `unverified`: could not tell (timeouts, 5xx, 429, 401/403). */
  | { readonly ok: false; readonly kind: 'broken' | 'unverified'; readonly reason: string; readonly status?: number };

/**
 * Check external URLs (each once) with node's fetch: HEAD first, GET when HEAD is refused or
 * fails (many servers answer HEAD with 403/404/405), redirects followed, a timeout per request,
 * retries with backoff for what may pass, and at most `concurrency` requests at a time.
 */
export async function checkExternalLinks(urls: readonly string[], options: ExternalOptions): Promise<Map<string, ExternalVerdict>> {
  const unique = [...new Set(urls)];
  const results = new Map<string, ExternalVerdict>();
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const url = unique[next++]!;
      results.set(url, await checkOne(url, options));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, unique.length)) }, worker));
  return results;
}

type Attempt = { status: number } | { error: string; code: string | undefined };

async function checkOne(url: string, options: ExternalOptions): Promise<ExternalVerdict> {
  let verdict: ExternalVerdict = { ok: false, kind: 'unverified', reason: 'not checked' };
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep((options.backoffMs ?? 300) * 2 ** (attempt - 1));
    let result = await request(url, 'HEAD', options);
    // A server that lets HEAD time out is not asked again with GET in the same attempt.
    const timedOut = !('status' in result) && result.code === 'ETIMEDOUT';
    if (!timedOut && (!('status' in result) || result.status >= 400)) {
      const viaGet = await request(url, 'GET', options);
      // A GET that answers at all is the better witness than a failed HEAD.
      if ('status' in viaGet || !('status' in result)) result = viaGet;
    }
    verdict = judge(result);
    if (verdict.ok || verdict.kind === 'broken' || !retryable(result)) return verdict;
  }
  return verdict;
}

function judge(result: Attempt): ExternalVerdict {
  if ('status' in result) {
    const { status } = result;
    if (status < 400) return { ok: true, status };
    if (status === 401 || status === 403) return { ok: false, kind: 'unverified', status, reason: `the server refused the checker (${status}); it may still work in a browser` };
    if (status === 429) return { ok: false, kind: 'unverified', status, reason: 'the server said too many requests (429)' };
    if (status >= 500) return { ok: false, kind: 'unverified', status, reason: `the server failed (${status})` };
    return { ok: false, kind: 'broken', status, reason: status === 404 || status === 410 ? `not found (${status})` : `the server answered ${status}` };
  }
  if (result.code === 'ENOTFOUND') return { ok: false, kind: 'broken', reason: 'the host name does not resolve' };
  if (result.code === 'ECONNREFUSED') return { ok: false, kind: 'broken', reason: 'the connection was refused' };
  return { ok: false, kind: 'unverified', reason: result.error };
}

function retryable(result: Attempt): boolean {
  if ('status' in result) return result.status === 429 || result.status >= 500;
  return result.code !== 'ENOTFOUND';
}

async function request(url: string, method: 'HEAD' | 'GET', options: ExternalOptions): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method,
      redirect: 'follow',
      signal: controller.signal,
      headers: { 'user-agent': options.userAgent ?? 'quire-check (link checker)', accept: method === 'GET' ? 'text/html,*/*;q=0.8' : '*/*' },
    });
    // Only the status matters: do not download the body.
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    if (controller.signal.aborted) return { error: `no answer within ${Math.round(options.timeoutMs / 100) / 10} s`, code: 'ETIMEDOUT' };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { error: cause?.message ?? (error as Error).message, code: cause?.code };
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
