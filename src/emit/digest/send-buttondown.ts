import { diagnostic, QuireError } from '../../diagnostics.js';

/** Where Buttondown's API lives (`BUTTONDOWN_API_URL` may point elsewhere, e.g. a test server). */
export const BUTTONDOWN_API = 'https://api.buttondown.com/v1/';

/** The environment variable the API key is read from: never the config, never the command line. */
export const BUTTONDOWN_KEY_VARIABLE = 'BUTTONDOWN_API_KEY';

export interface DraftRequest {
  readonly url: string;
  readonly method: 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface DraftContent {
  readonly subject: string;
  /** The e-mail HTML (CSS inlined). */
  readonly html: string;
  /** The issue's page, Buttondown's `canonical_url`. */
  readonly canonicalUrl: string;
}

/**
 * The request that creates a Buttondown draft (`POST /v1/emails` with `status: "draft"`: an email
 * created without that status is sent at once, so it is always there). The body is the e-mail HTML,
 * marked as such for Buttondown's editor.
 */
export function buttondownDraftRequest(content: DraftContent, apiKey: string, apiBase = BUTTONDOWN_API): DraftRequest {
  const base = apiBase.endsWith('/') ? apiBase : `${apiBase}/`;
  return {
    url: new URL('emails', base).href,
    method: 'POST',
    headers: { Authorization: `Token ${apiKey}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ subject: content.subject, body: `<!-- buttondown-editor-mode: fancy -->\n${content.html}`, status: 'draft', canonical_url: content.canonicalUrl }),
  };
}

/** The request as `--dry-run` prints it: the key shown by its last four characters only. */
export function describeRequest(request: DraftRequest): string {
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${name === 'Authorization' ? value.replace(/^(Token )(.*)$/, (_m, p: string, key: string) => `${p}…${key.slice(-4)}`) : value}`);
  return `${request.method} ${request.url}\n${headers.join('\n')}\n\n${JSON.stringify(JSON.parse(request.body), null, 2)}\n`;
}

/** The API key, or an error saying where to put it. */
export function buttondownKey(value: string | undefined): string {
  if (value !== undefined && value.trim() !== '') return value.trim();
  throw new QuireError([
    diagnostic(
      'MissingApiKey',
      `${BUTTONDOWN_KEY_VARIABLE} is not set: the Buttondown API key is read from the environment only`,
      {},
      `copy the key from Buttondown's settings (API) and run \`${BUTTONDOWN_KEY_VARIABLE}=… quire digest N --send buttondown\`; in CI, store it as a secret; add --dry-run to see the request without sending it`,
    ),
  ]);
}

/** Send the request; the id of the draft Buttondown made, or an error with what Buttondown said. */
export async function createDraft(request: DraftRequest, fetchImpl: typeof fetch = fetch): Promise<{ id: string | undefined }> {
  let response: Response;
  try {
    response = await fetchImpl(request.url, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const reason = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
    throw new QuireError([diagnostic('SendFailed', `cannot reach Buttondown at ${request.url}: ${reason}`, {}, 'check the network connection, then run the command again (nothing was created)')]);
  }
  const text = await response.text();
  if (!response.ok) {
    const detail = apiDetail(text);
    const hint =
      response.status === 401 || response.status === 403
        ? `check ${BUTTONDOWN_KEY_VARIABLE}: Buttondown did not accept the key`
        : response.status === 429
          ? 'Buttondown asks to slow down: wait a minute and run it again'
          : 'nothing was created; fix what Buttondown says, then run the command again';
    throw new QuireError([diagnostic('SendFailed', `Buttondown answered ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}`, {}, hint)]);
  }
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return { id: typeof id === 'string' ? id : undefined };
  } catch {
    return { id: undefined };
  }
}

/** Buttondown's error message from a JSON error body (`detail`, or the first field error), shortened. */
function apiDetail(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const detail = typeof body['detail'] === 'string' ? body['detail'] : Object.entries(body).map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(' ') : String(value)}`)[0];
    return detail?.slice(0, 300);
  } catch {
    return text.trim().slice(0, 300) || undefined;
  }
}
