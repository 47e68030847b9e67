/**
 * Which addresses the chat may load by itself. Only the desk's own origin (the server the visitor chose) is
 * trusted to receive requests without a click: an image from anywhere else would tell a stranger the visitor's
 * address and when they read the chat. This module only decides; building URLs (and any credentials they carry
 * for the desk's protected files) is somebody else's job, and must ask {@link isDeskUrl} before adding them.
 */

/** The origin (`https://chat.example.com`) of the configured server, or null when none or unparsable. */
export function deskOrigin(serverUrl: string | null | undefined): string | null {
  if (!serverUrl) return null;
  try {
    const origin = new URL(serverUrl).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** True when `url` (absolute, or relative to the desk) is on the desk's own origin. */
export function isDeskUrl(url: string, serverUrl: string | null | undefined): boolean {
  const desk = deskOrigin(serverUrl);
  if (!desk) return false;
  try {
    return new URL(url, `${desk}/`).origin === desk;
  } catch {
    return false;
  }
}

/**
 * The host to name when `url` is not on the desk's origin (`example.org`, `127.0.0.1:8080`), else null.
 * An address that does not parse is foreign and named as written.
 */
export function foreignHost(url: string, serverUrl: string | null | undefined): string | null {
  if (isDeskUrl(url, serverUrl)) return null;
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
