/** `POST livechat/upload/:rid` (SPEC §2.2 upload, R12) and serving the stored files back. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Desk } from '../desk';
import { checkUpload, fileMessageParts, storeFile } from '../files';
import { sendJson } from '../http';
import type { CallLog } from '../log';
import { sendVisitorMessage } from '../rooms';
import type { StoredFile } from '../types';
import { boundaryOf, parseMultipart } from './multipart';
import { RestFailure, type RestHandler } from './types';

function unauthorized(desk: Desk): RestFailure {
  return new RestFailure(desk.caps.uploadAuthStatus, { success: false, error: 'unauthorized' });
}

const upload: RestHandler = ({ desk, params: [rid], headers, raw }) => {
  const token = headers['x-visitor-token'];
  if (typeof token !== 'string' || token === '') throw unauthorized(desk);
  if (!desk.settings.fileUpload) throw new RestFailure(400, { success: false, error: 'error-fileupload-disabled' });
  const visitor = desk.store.visitors.get(token);
  const room = desk.store.rooms.get(rid ?? '');
  if (!visitor || !room?.open || room.v.token !== token) throw unauthorized(desk);
  const boundary = boundaryOf(headers['content-type']);
  if (!boundary) throw new Error('Invalid Content-Type');
  const parts = parseMultipart(raw, boundary);
  const file = parts.find((part) => part.name === 'file' && part.filename !== undefined);
  if (!file) throw new Error('[No file uploaded]');
  const type = file.contentType ?? 'application/octet-stream';
  const refusal = checkUpload(desk, type, file.data.length);
  if (refusal) throw new RestFailure(400, { success: false, ...refusal });
  const fields = Object.fromEntries(parts.filter((p) => p !== file).map((p) => [p.name, p.data.toString('utf8')]));
  const stored = storeFile(desk, room._id, file.filename ?? 'file', type, Buffer.from(file.data));
  const sent = sendVisitorMessage(desk, visitor, {
    rid: room._id,
    msg: fields.msg ?? '',
    ...fileMessageParts(stored, fields.description),
  });
  return { ...sent.message, newRoom: sent.newRoom, showConnecting: sent.showConnecting };
};

export const uploadRoutes: [string, string, RestHandler][] = [['POST', 'livechat/upload/:rid', upload]];

/**
 * `FileUpload.requestCanAccessFiles` for a visitor (FileUpload.ts): the `rc_*` query parameters, or, when the
 * query has no `rc_uid` and the request carries cookies, the `rc_*` cookies instead (the query is then ignored).
 * A Livechat room (`rc_room_type=l`) grants access when `rc_rid` is a room of the visitor `rc_token`; since the
 * CVE-2026-48616 fix (8.5.1) that room must also be the file's.
 */
function canAccessFile(desk: Desk, req: IncomingMessage, url: URL, file: StoredFile): boolean {
  if (!desk.settings.protectFiles) return true;
  const q = (key: string) => url.searchParams.get(key) ?? undefined;
  let [uid, token, rid, roomType] = [q('rc_uid'), q('rc_token'), q('rc_rid'), q('rc_room_type')];
  const cookies = req.headers.cookie;
  if (!uid && cookies) {
    const jar = new Map(cookies.split(';').map((c) => c.trim().split('=').map(decodeURIComponent) as [string, string]));
    [uid, token, rid, roomType] = [jar.get('rc_uid'), jar.get('rc_token'), jar.get('rc_rid'), jar.get('rc_room_type')];
  }
  if (roomType !== 'l' || !token || !rid) return false;
  const room = desk.store.rooms.get(rid);
  if (!room || room.v.token !== token) return false;
  return desk.profile !== 'v8' || file.rid === rid;
}

/** `GET /file-upload/<id>/<name>`: the stored bytes with their media type (403 without the visitor's rights). */
export function serveUploadedFile(desk: Desk, log: CallLog, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const [, , id] = url.pathname.split('/');
  const file = id ? desk.store.files.get(id) : undefined;
  // The path only: the query may hold the visitor's token.
  const record = (status: number, error?: string) =>
    log.record({
      transport: 'rest',
      kind: req.method ?? 'GET',
      name: url.pathname,
      status,
      outcome: status < 400 ? 'ok' : 'error',
      ...(error ? { error } : {}),
    });
  if (!file) {
    record(404, 'file-not-found');
    sendJson(res, 404, { error: 'File not found' });
    return;
  }
  if (!canAccessFile(desk, req, url, file)) {
    record(403, 'forbidden');
    res.writeHead(403);
    res.end();
    return;
  }
  record(200);
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': String(file.size),
    'Content-Disposition': `inline; filename="${encodeURIComponent(file.name)}"`,
    'Access-Control-Allow-Origin': '*',
  });
  res.end(file.data);
}
