/**
 * Plain `http://` carries the visitor's token, name, e-mail and messages readable by anyone on the network path.
 * It is only harmless when the server is this machine (development, the devserver). Pure and dependency-free so
 * the build configuration can refuse a non-loopback `http://` preset with the same rule.
 */

/**
 * True for names and addresses that always mean this machine: `localhost` (and `*.localhost`, which browsers
 * resolve to loopback), any `127.0.0.0/8` address and `::1`. Takes `URL.hostname` (IPv6 in brackets or not).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True when `url` is `http://` (or `ws://`) to a host other than loopback: an unencrypted connection. */
export function isCleartextUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'http:' || parsed.protocol === 'ws:') && !isLoopbackHost(parsed.hostname);
}
