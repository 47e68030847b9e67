/** Endpoint URL handling (SPEC §1.1): every Rocket.Chat client talks to the raw `/websocket` endpoint. */

/**
 * Returns the DDP WebSocket URL for `url`. `ws://` and `wss://` URLs are used as given; an `http(s)://` server URL
 * (with or without a base path) becomes `ws(s)://…/websocket`.
 * @throws {TypeError} when `url` is not an absolute http(s) or ws(s) URL.
 */
export function toWebSocketUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`Not a valid DDP server URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') return parsed.href;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`DDP server URL must use http(s) or ws(s), got ${parsed.protocol}`);
  }
  const base = parsed.pathname.replace(/\/+$/, '');
  const path = base.endsWith('/websocket') ? base : `${base}/websocket`;
  return `${parsed.protocol === 'https:' ? 'wss:' : 'ws:'}//${parsed.host}${path}${parsed.search}`;
}
