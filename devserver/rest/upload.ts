/** `POST livechat/upload/:rid` (SPEC §2.2 upload, R12) and serving the stored files back. */
import type { ServerResponse } from 'node:http';
import type { Desk } from '../desk';
import { checkUpload, fileMessageParts, storeFile } from '../files';
import { sendJson } from '../http';
import { sendVisitorMessage } from '../rooms';
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

/** `GET /file-upload/<id>/<name>`: the stored bytes with their media type. */
export function serveUploadedFile(desk: Desk, res: ServerResponse, path: string): void {
  const [, , id] = path.split('/');
  const file = id ? desk.store.files.get(id) : undefined;
  if (!file) {
    sendJson(res, 404, { error: 'File not found' });
    return;
  }
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': String(file.size),
    'Content-Disposition': `inline; filename="${encodeURIComponent(file.name)}"`,
    'Access-Control-Allow-Origin': '*',
  });
  res.end(file.data);
}
