/**
 * Uploads the worker owns, so one survives its popup closing and every open UI shows the same progress and cancel.
 * A UI starts one (checked at once against the desk's limits), hands the bytes over in chunks (the determinate
 * part), then the worker sends them in one request (indeterminate, cancellable: lib/livechat/rest.ts says why).
 * Bytes live in memory only: a worker restart loses an unfinished upload, as a page reload loses a form's file, and
 * a hand-over ends with the last open chat of its desk (or after `STALL_MS` without a chunk).
 */
import type { Clock } from '../ddp/types';
import { LivechatError, describeError } from '../livechat/errors';
import { uploadRefusal, type UploadLimits } from '../livechat/upload-limits';
import { UPLOAD_CHUNK_BYTES, type UploadRefused, type UploadView } from '../messaging';

/** Largest file the worker takes over the port (held in memory), whatever the desk allows. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** A hand-over with no chunk for this long lost its UI (closed mid-way): it is dropped. */
export const STALL_MS = 30_000;
/** Most uploads held at once; more are refused until one ends. */
export const MAX_UPLOADS = 5;

export interface UploadFile {
  name: string;
  type: string;
  size: number;
  description?: string;
}

export interface UploadDeps {
  clock: Clock;
  newId(): string;
  /** Where the desk stands: files accepted at all, its limits, an open room to send into. */
  desk(): { fileUpload: boolean; limits: UploadLimits | undefined; roomOpen: boolean };
  /** Sends the whole file; resolves once the server took it (its message is merged by the caller). */
  send(file: Blob, name: string, description: string | undefined, signal: AbortSignal): Promise<void>;
  /** The list changed: every UI shows it. */
  changed(list: UploadView[]): void;
}

interface Held {
  view: UploadView;
  type: string;
  description: string | undefined;
  parts: Uint8Array<ArrayBuffer>[];
  abort: AbortController;
  stall: unknown;
}

export type Uploads = ReturnType<typeof createUploads>;

/** Creates the worker's upload list. */
export function createUploads(deps: UploadDeps) {
  const held = new Map<string, Held>();
  const publish = (): void => deps.changed(list());
  const list = (): UploadView[] => [...held.values()].map((h) => ({ ...h.view }));

  function drop(id: string): void {
    const upload = held.get(id);
    if (!upload) return;
    deps.clock.clearTimeout(upload.stall);
    upload.abort.abort();
    held.delete(id);
    publish();
  }

  function armStall(upload: Held): void {
    deps.clock.clearTimeout(upload.stall);
    upload.stall = deps.clock.setTimeout(() => drop(upload.view.id), STALL_MS);
  }

  async function sendHeld(upload: Held): Promise<void> {
    deps.clock.clearTimeout(upload.stall);
    upload.view = { ...upload.view, phase: 'sending' };
    publish();
    const blob = new Blob(upload.parts, { type: upload.type || 'application/octet-stream' });
    upload.parts = [];
    try {
      await deps.send(blob, upload.view.name, upload.description, upload.abort.signal);
      held.delete(upload.view.id);
    } catch (error) {
      if (upload.abort.signal.aborted || !held.has(upload.view.id)) return;
      const code = error instanceof LivechatError ? error.code : 'error';
      upload.view = { ...upload.view, phase: 'failed', error: { code, message: describeError(error) } };
    }
    publish();
  }

  return {
    list,

    /** Checks the file and opens its hand-over; a refusal sends nothing. */
    start(file: UploadFile): { uploadId: string } | { refused: UploadRefused } {
      const desk = deps.desk();
      if (!desk.fileUpload) return { refused: { reason: 'disabled' } };
      if (!desk.roomOpen) return { refused: { reason: 'no-room' } };
      if (file.size === 0) return { refused: { reason: 'empty' } };
      const refusal = uploadRefusal(desk.limits, file);
      if (refusal?.reason === 'type') return { refused: { reason: 'type' } };
      const maxBytes = Math.min(refusal?.maxBytes ?? MAX_UPLOAD_BYTES, MAX_UPLOAD_BYTES);
      if (file.size > maxBytes) return { refused: { reason: 'too-large', maxBytes } };
      if ([...held.values()].filter((h) => h.view.phase !== 'failed').length >= MAX_UPLOADS) {
        throw new LivechatError('rejected', 'busy', 'Wait for the files being sent to finish');
      }
      const id = deps.newId();
      const upload: Held = {
        view: { id, name: file.name, size: file.size, phase: 'receiving', received: 0, error: null },
        type: file.type,
        description: file.description || undefined,
        parts: [],
        abort: new AbortController(),
        stall: undefined,
      };
      held.set(id, upload);
      armStall(upload);
      publish();
      return { uploadId: id };
    },

    /** Takes the next chunk; `false` when the upload is gone (cancelled, stalled), so the UI stops sending. */
    chunk(id: string, offset: number, dataBase64: string): boolean {
      const upload = held.get(id);
      if (upload?.view.phase !== 'receiving') return false;
      if (offset !== upload.view.received) {
        throw new LivechatError(
          'rejected',
          'bad-chunk',
          `Expected the bytes at ${upload.view.received}, not ${offset}`,
        );
      }
      const bytes = decodeBase64(dataBase64);
      const end = upload.view.received + bytes.byteLength;
      if (bytes.byteLength === 0 || bytes.byteLength > UPLOAD_CHUNK_BYTES || end > upload.view.size) {
        drop(id);
        throw new LivechatError('rejected', 'bad-chunk', 'The file does not match its announced size');
      }
      upload.parts.push(bytes);
      upload.view = { ...upload.view, received: end };
      if (end === upload.view.size) void sendHeld(upload);
      else {
        armStall(upload);
        publish();
      }
      return true;
    },

    /** Cancels an upload in any phase (aborting its request), or dismisses a failed one. */
    cancel(id: string): void {
      drop(id);
    },

    /** No chat is open any more: uploads still being handed over cannot get their bytes (those being sent go on). */
    abandonHandOvers(): void {
      for (const [id, upload] of held) if (upload.view.phase === 'receiving') drop(id);
    },

    /** The desk goes away: every upload is cancelled. */
    dispose(): void {
      for (const id of held.keys()) drop(id);
    },
  };
}

function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(data);
  } catch {
    throw new LivechatError('rejected', 'bad-file', 'The file could not be read');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
