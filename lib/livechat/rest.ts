/**
 * The visitor's REST client for `/api/v1/livechat/*`. Visitors authenticate with their token only (in the body,
 * the query or the `x-visitor-token` header); errors come back in several historical shapes (SPEC §2.4), all
 * turned into `LivechatError`.
 *
 * Two rules keep the token with the desk: a redirect is never followed (a 307 would replay the token header to
 * whatever origin it names), and an error's text never carries a request path or header value (some paths hold
 * the token, e.g. `agent.info/:rid/:token`), because error texts reach the chat's banner and the logs.
 */
import { LivechatError, withoutSecrets } from './errors';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RestClient {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete<T>(path: string, body: unknown): Promise<T>;
  /** A multipart upload (the visitor token goes in the `x-visitor-token` header, as for every call). */
  postForm<T>(path: string, form: FormData, control?: UploadControl): Promise<T>;
}

/**
 * Cancelling an upload. There is no byte progress for the request itself: an MV3 service worker has only `fetch`,
 * which reports none (a streamed request body would, but Chrome streams request bodies over HTTP/2 only), and
 * `XMLHttpRequest` (Firefox's background page) follows redirects, which would replay the visitor's token and file to
 * whatever origin a 307 names. The upload's determinate part is the hand-over to the worker (lib/background/uploads.ts).
 */
export interface UploadControl {
  signal?: AbortSignal;
}

export interface RestOptions {
  /** Server URL as the visitor configured it (origin plus optional sub-path). */
  baseUrl: string;
  fetch: FetchLike;
  token: () => string;
  /** Requests that hang longer are aborted as `unreachable`. */
  timeoutMs?: number;
  /** An upload that takes longer is aborted as `unreachable` (default 10 minutes: files are big, links slow). */
  uploadTimeoutMs?: number;
}

/** Creates a REST client bound to one server and visitor token. */
export function createRestClient(options: RestOptions): RestClient {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/api/v1/`;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    query?: Record<string, unknown>,
    control?: UploadControl,
  ) {
    const url = new URL(path.replace(/^\/+/, ''), base);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const token = options.token();
    const headers: Record<string, string> = { 'x-visitor-token': token };
    const form = body instanceof FormData;
    if (body !== undefined && !form) headers['content-type'] = 'application/json';
    const secrets = [url.toString(), url.pathname, path, token, encodeURIComponent(token)];
    let response: Response;
    const timeout = AbortSignal.timeout(form ? (options.uploadTimeoutMs ?? 600_000) : timeoutMs);
    const init: RequestInit = {
      method,
      headers,
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      redirect: 'manual',
      signal: control?.signal ? AbortSignal.any([timeout, control.signal]) : timeout,
    };
    try {
      response = await options.fetch(url.toString(), init);
    } catch (error) {
      if (control?.signal?.aborted) throw new LivechatError('rejected', 'cancelled', 'The upload was cancelled');
      const reason = error instanceof Error ? error.message : String(error);
      throw withoutSecrets(new LivechatError('unreachable', 'network', `Cannot reach the server (${reason})`), secrets);
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new LivechatError(
        'protocol',
        'redirect',
        'The server redirected the request elsewhere; requests are only sent to the configured server address',
      );
    }
    try {
      return await readResponse<T>(response, `${method} ${endpoint(path)}`);
    } catch (error) {
      throw error instanceof LivechatError ? withoutSecrets(error, secrets) : error;
    }
  }

  return {
    get: (path, query) => request('GET', path, undefined, query),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    delete: (path, body) => request('DELETE', path, body),
    postForm: (path, form, control) => request('POST', path, form, undefined, control),
  };
}

/** The endpoint's name without the ids and token its path may carry (`livechat/agent.info`). */
function endpoint(path: string): string {
  return path.replace(/^\/+/, '').split('/').slice(0, 2).join('/');
}

async function readResponse<T>(response: Response, what: string): Promise<T> {
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.ok && isObject(body) && body.success !== false) return body as T;
  if (response.status === 429) {
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    const retryAfterMs = Number.isFinite(reset) && reset > 0 ? Math.max(0, reset - Date.now()) : 60_000;
    throw new LivechatError('rate-limited', 'error-too-many-requests', 'The server asks us to slow down', retryAfterMs);
  }
  if (response.status === 404 && !(isObject(body) && typeof body.error === 'string')) {
    throw new LivechatError('missing', '404', `${what} is not available on this server`);
  }
  if (!isObject(body)) {
    if (response.status >= 500) {
      throw new LivechatError('unreachable', String(response.status), `The server failed (${response.status})`);
    }
    throw new LivechatError('protocol', String(response.status), `Unexpected answer to ${what} (${response.status})`);
  }
  const { code, message } = restErrorParts(body);
  if (response.status === 404) throw new LivechatError('missing', code, message);
  throw new LivechatError(response.status >= 500 ? 'unreachable' : 'rejected', code, message);
}

/** Extracts Rocket.Chat's error code and text from any of its REST error body shapes. */
export function restErrorParts(body: Record<string, unknown>): { code: string; message: string } {
  const error = body.error;
  const errorType = typeof body.errorType === 'string' ? body.errorType : undefined;
  if (typeof error === 'string') {
    const bracketed = /\[([^\]]+)\]\s*$/.exec(error);
    const code = errorType ?? bracketed?.[1] ?? error;
    const message = error.replace(/\s*\[[^\]]+\]\s*$/, '') || code;
    return { code, message };
  }
  if (isObject(error)) {
    const code = String(error.error ?? errorType ?? 'error');
    return { code, message: String(error.reason ?? error.message ?? code) };
  }
  return { code: errorType ?? 'error', message: errorType ?? 'The server refused the request' };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
