/**
 * Files the visitor sends. The worker owns each upload (lib/background/uploads.ts): it checks the file against the
 * desk's limits first, then this page hands the bytes over in chunks (ports carry JSON, so base64), and the worker
 * sends them whether or not this page is still open. Progress is the worker's, shown by every open chat.
 */
import {
  UPLOAD_CHUNK_BYTES,
  type Op,
  type Params,
  type Result,
  type UploadRefused,
  type UploadView,
} from '../messaging';
import { formatSize } from './format-size';
import { t } from './i18n';

type Act = <K extends Op>(op: K, params: Params<K>) => Promise<Result<K>>;

/** The visitor's words for a refusal before sending. */
export function refusalText(file: { name: string; size: number }, refused: UploadRefused): string {
  switch (refused.reason) {
    case 'too-large':
      return t('fileTooLarge', file.name, formatSize(file.size), formatSize(refused.maxBytes));
    case 'type':
      return t('fileTypeRefused', file.name);
    case 'empty':
      return t('fileEmpty', file.name);
    case 'disabled':
      return t('fileUploadDisabled');
    case 'no-room':
      return t('fileNoRoom');
  }
}

/** The visitor's words for an upload the server or the link refused (the server's own text is not for them). */
export function failureText(upload: UploadView): string {
  switch (upload.error?.code) {
    case 'error-type-not-allowed':
      return t('fileTypeRefused', upload.name);
    case 'error-size-not-allowed':
      return t('fileTooLargeForDesk', upload.name);
    case 'error-file-upload-disabled':
    case 'error-fileupload-disabled':
      return t('fileUploadDisabled');
    default:
      return t('uploadFailed', upload.error?.message ?? '');
  }
}

/**
 * Starts sending `file`: resolves once the worker took it on (the hand-over then continues in the background, and
 * stops if the visitor cancels); rejects with the visitor's words when the desk refuses it, and nothing is sent.
 */
export async function sendFile(act: Act, file: File, description = ''): Promise<void> {
  const started = await act('chat/uploadStart', {
    name: file.name,
    type: file.type,
    size: file.size,
    ...(description ? { description } : {}),
  });
  if ('refused' in started) throw new Error(refusalText(file, started.refused));
  void handOver(act, started.uploadId, file).catch((error: unknown) => console.warn('upload hand-over', error));
}

async function handOver(act: Act, uploadId: string, file: Blob): Promise<void> {
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    const dataBase64 = await toBase64(file.slice(offset, offset + UPLOAD_CHUNK_BYTES));
    const { accepted } = await act('chat/uploadChunk', { uploadId, offset, dataBase64 });
    if (!accepted) return;
  }
}

/** The bytes as base64, built in slices so large chunks do not overflow the argument list. */
export async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const SLICE = 0x8000;
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  }
  return btoa(binary);
}
