/** Uploaded files: acceptance rules (SPEC §2.2 upload) and the file-message fields Rocket.Chat builds. */
import type { Desk } from './desk';
import { randomId } from './ids';
import type { Message, StoredFile } from './types';

/** Why an upload is refused, as the REST failure body's `reason` (plus `sizeAllowed`). */
export type UploadRefusal =
  { reason: 'error-type-not-allowed' } | { reason: 'error-size-not-allowed'; sizeAllowed: string };

function typeAllowed(accepted: string, type: string): boolean {
  const list = accepted
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (list.length === 0) return true;
  return list.some((entry) => (entry.endsWith('/*') ? type.startsWith(entry.slice(0, -1)) : entry === type));
}

/** Checks type and size against the settings; returns the refusal or undefined. */
export function checkUpload(desk: Desk, type: string, size: number): UploadRefusal | undefined {
  // `fileUploadIsValidContentType`: the refused list wins over the accepted one.
  const blocked =
    desk.settings.fileUploadMediaTypeBlackList.trim() !== '' &&
    typeAllowed(desk.settings.fileUploadMediaTypeBlackList, type);
  if (blocked || !typeAllowed(desk.settings.fileUploadMediaTypes, type)) return { reason: 'error-type-not-allowed' };
  const max = desk.settings.fileUploadMaxSize;
  if (max > -1 && size > max) {
    return { reason: 'error-size-not-allowed', sizeAllowed: `${Math.round((max / 1024 / 1024) * 100) / 100} MB` };
  }
  return undefined;
}

/** Keeps an uploaded file in memory; it is served back under `/file-upload/<id>/<name>`. */
export function storeFile(desk: Desk, rid: string, name: string, type: string, data: Buffer): StoredFile {
  const file: StoredFile = { _id: randomId(), rid, name, type, size: data.length, data };
  desk.store.files.set(file._id, file);
  return file;
}

/** `file`, `files` and `attachments` of the message announcing an upload (SPEC R12). */
export function fileMessageParts(file: StoredFile, description?: string): Partial<Message> {
  const url = `/file-upload/${file._id}/${encodeURIComponent(file.name)}`;
  const attachment: Record<string, unknown> = {
    ts: new Date(0),
    title: file.name,
    title_link: url,
    title_link_download: true,
    type: 'file',
  };
  if (description) attachment.description = description;
  const kind = file.type.split('/')[0];
  if (kind === 'image' || kind === 'audio' || kind === 'video') {
    attachment[`${kind}_url`] = url;
    attachment[`${kind}_type`] = file.type;
    attachment[`${kind}_size`] = file.size;
  }
  const ref = { _id: file._id, name: file.name, type: file.type };
  return { file: ref, files: [ref], attachments: [attachment] };
}
