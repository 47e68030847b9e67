/**
 * Rocket.Chat protects uploaded files by default (`FileUpload_ProtectFiles`): `/file-upload/…` answers 403 unless
 * the request names a Livechat room of the visitor (`rc_token`, `rc_rid`, `rc_room_type=l`, read from the query
 * on every line; the official widget sets the same names as cookies on the server's origin, which an extension
 * cannot). The credentials go only to the desk's own file URLs, never to another origin.
 */

export interface FileAccess {
  /** The desk's URL: only links on its origin get the credentials. */
  baseUrl: string;
  token: string;
  /** The room the file was posted in (8.5.1+ check that it is the file's room). */
  rid: string;
}

/** `url` with the visitor's file credentials when it is one of the desk's own uploads; otherwise unchanged. */
export function withFileAccess(url: string, access: FileAccess): string {
  let target: URL;
  let desk: URL;
  try {
    target = new URL(url);
    desk = new URL(access.baseUrl);
  } catch {
    return url;
  }
  const prefix = `${desk.pathname.replace(/\/+$/, '')}/file-upload/`;
  if (target.origin !== desk.origin || !target.pathname.startsWith(prefix) || !access.token || !access.rid) return url;
  target.searchParams.set('rc_token', access.token);
  target.searchParams.set('rc_rid', access.rid);
  target.searchParams.set('rc_room_type', 'l');
  return target.toString();
}
