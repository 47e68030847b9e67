/**
 * After the options page saves a server address, it asks that server for its Livechat configuration
 * (`GET /api/v1/livechat/config`, which every Rocket.Chat since 0.70 answers without a visitor token, SPEC §2.2), so
 * a mistyped address or a server without Livechat is said at once, where it was typed, instead of as an endless
 * "reconnecting" in the chat. The options page gets it injected from its entrypoint, as the chat gets the worker.
 */
import { obj, str } from './read';

export type DeskProbe =
  /** A Livechat desk that is switched on; `title` is the widget title it configures. */
  | { kind: 'ready'; title: string }
  /** Rocket.Chat answered, with Livechat switched off. */
  | { kind: 'disabled' }
  /** Something answered, but not as Rocket.Chat's Livechat does (`status`: its HTTP status). */
  | { kind: 'not-livechat'; status: number }
  /** Nothing answered (network error, refused connection, timeout). */
  | { kind: 'unreachable'; detail: string };

export type ProbeFetch = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

/** Asks `serverUrl` for its Livechat configuration and says what kind of server answered. Never rejects. */
export async function probeDesk(serverUrl: string, fetch: ProbeFetch, timeoutMs = 8000): Promise<DeskProbe> {
  let response: Response;
  try {
    response = await fetch(new URL('api/v1/livechat/config', `${serverUrl.replace(/\/+$/, '')}/`).href, {
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return { kind: 'unreachable', detail: timedOut ? `no answer within ${timeoutMs / 1000} s` : describe(error) };
  }
  if (!response.ok) return { kind: 'not-livechat', status: response.status };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'not-livechat', status: response.status };
  }
  const raw = obj(body).config;
  const config = obj(raw);
  // `obj` hands the value itself back only when it is an object: anything else is not a Livechat answer.
  if (config !== raw) return { kind: 'not-livechat', status: response.status };
  if (config.enabled === false) return { kind: 'disabled' };
  return { kind: 'ready', title: str(obj(config.theme).title).trim() };
}

function describe(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}
