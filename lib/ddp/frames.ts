/**
 * Inbound DDP frames: text → a typed union. Anything malformed becomes `{ msg: 'ignored', reason }`; decoding never
 * throws, so one bad frame cannot break the client's loop.
 */
import { EjsonDepthError, fromJsonValue, mayHoldTag } from './ejson';
import { decodeStreamEvent } from './stream-frame';

export type InboundFrame =
  /** Either greeting form: Meteor's `{"server_id":"0"}` or the streamer's `{"msg":"server_id",…}`. */
  | { msg: 'server_id' }
  | { msg: 'connected'; session: string }
  | { msg: 'failed'; version: string | undefined }
  | { msg: 'error'; reason: string; offendingMessage: unknown }
  | { msg: 'ping'; id: string | undefined }
  | { msg: 'pong'; id: string | undefined }
  /** `hasError` tells an error answer from a result; `result` is `undefined` for void methods. */
  | { msg: 'result'; id: string; hasError: boolean; error: unknown; result: unknown }
  | { msg: 'updated'; methods: string[] }
  | { msg: 'ready'; subs: string[] }
  | { msg: 'nosub'; id: string; error: unknown }
  | { msg: 'changed'; collection: string; id: string; fields: Record<string, unknown> | undefined }
  | { msg: 'ignored'; reason: string };

/** Collection frames a visitor never receives (SPEC §1.5); accepted as valid DDP but not acted upon. */
const UNUSED = new Set(['added', 'removed', 'addedBefore', 'movedBefore']);

function ignored(reason: string): InboundFrame {
  return { msg: 'ignored', reason };
}

function isStringArray(v: unknown): v is string[] {
  if (!Array.isArray(v)) return false;
  for (const x of v) if (typeof x !== 'string') return false;
  return true;
}

function optionalId(v: unknown): string | undefined | null {
  return v === undefined || typeof v === 'string' ? v : null;
}

/** Validates an already parsed value as a DDP frame. */
export function toFrame(data: unknown): InboundFrame {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return ignored('frame is not an object');
  const f = data as Record<string, unknown>;
  const msg = f.msg;
  if (msg === undefined) return 'server_id' in f ? { msg: 'server_id' } : ignored('frame has no msg');
  switch (msg) {
    case 'changed': {
      if (typeof f.collection !== 'string' || typeof f.id !== 'string') return ignored('changed without collection/id');
      const fields = f.fields;
      if (fields !== undefined && (typeof fields !== 'object' || fields === null || Array.isArray(fields))) {
        return ignored('changed with non-object fields');
      }
      return {
        msg: 'changed',
        collection: f.collection,
        id: f.id,
        fields: fields as Record<string, unknown> | undefined,
      };
    }
    case 'result':
      if (typeof f.id !== 'string') return ignored('result without a string id');
      // Meteor treats a null `error` as no error, so do we.
      return {
        msg: 'result',
        id: f.id,
        hasError: f.error !== undefined && f.error !== null,
        error: f.error,
        result: f.result,
      };
    case 'updated':
      return isStringArray(f.methods) ? { msg: 'updated', methods: f.methods } : ignored('updated without methods[]');
    case 'ready':
      return isStringArray(f.subs) ? { msg: 'ready', subs: f.subs } : ignored('ready without subs[]');
    case 'nosub':
      return typeof f.id === 'string'
        ? { msg: 'nosub', id: f.id, error: f.error }
        : ignored('nosub without a string id');
    case 'ping':
    case 'pong': {
      const id = optionalId(f.id);
      if (id === null) return ignored(`${msg} with a non-string id`);
      return msg === 'ping' ? { msg: 'ping', id } : { msg: 'pong', id };
    }
    case 'connected':
      return typeof f.session === 'string'
        ? { msg: 'connected', session: f.session }
        : ignored('connected without session');
    case 'failed':
      return { msg: 'failed', version: typeof f.version === 'string' ? f.version : undefined };
    case 'error':
      return {
        msg: 'error',
        reason: typeof f.reason === 'string' ? f.reason : 'unknown',
        offendingMessage: f.offendingMessage,
      };
    case 'server_id':
      return { msg: 'server_id' };
    default:
      if (typeof msg === 'string' && UNUSED.has(msg)) return ignored(`unused frame ${msg}`);
      return ignored('unknown msg');
  }
}

/** Revives the EJSON in the parts of a frame that carry application data; throws `EjsonError`. */
function revivePayload(frame: InboundFrame): InboundFrame {
  switch (frame.msg) {
    case 'changed':
      if (frame.fields !== undefined && fromJsonValue(frame.fields) !== frame.fields) {
        return ignored('changed fields is an EJSON value, not an object');
      }
      return frame;
    case 'result':
      frame.result = fromJsonValue(frame.result);
      frame.error = fromJsonValue(frame.error);
      return frame;
    case 'nosub':
      frame.error = fromJsonValue(frame.error);
      return frame;
    default:
      return frame;
  }
}

/**
 * Decodes one socket message. Non-string data (binary frames), bad JSON and bad EJSON are ignored, never thrown,
 * except in a method's answer or a subscription's end, which still settle (see below).
 * Stream events in the servers' canonical layout take a fast path (stream-frame.ts); every other frame is parsed
 * whole. Only payloads are revived (`fields`, `result`, `error`; `fields` not at all without `reviveStreamArgs`):
 * the envelope never holds EJSON, and a message that cannot hold a tag key spares the walk.
 */
export function decodeFrame(data: unknown, reviveStreamArgs = true): InboundFrame {
  if (typeof data !== 'string') return ignored('binary or non-text message');
  try {
    const event = decodeStreamEvent(data, reviveStreamArgs);
    if (event !== undefined) return event;
  } catch (err) {
    return ignored(err instanceof Error ? err.message : 'bad EJSON');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return ignored('not valid JSON');
  }
  const frame = toFrame(parsed);
  if (!mayHoldTag(data, 0) || (frame.msg === 'changed' && !reviveStreamArgs)) return frame;
  try {
    return revivePayload(frame);
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'bad EJSON';
    // A refusal or end of a subscription still ends it, with an error of our own in place of the server's.
    if (frame.msg === 'nosub') return { msg: 'nosub', id: frame.id, error: { error: 'bad-error', reason } };
    if (frame.msg !== 'result') return ignored(reason);
    // A method's answer still settles its call: one that never settles holds up whatever waits on it (a catch-up
    // answered with a message nested that deep never finished, and lost what it read back). Too deep to walk, it
    // goes on with the tags below where the walk stopped left as written (the livechat layer reads a `{"$date":…}`
    // as it reads a Date, and bounds everything it takes); any other bad EJSON, as an error.
    if (err instanceof EjsonDepthError) return frame;
    return { msg: 'result', id: frame.id, hasError: true, error: { error: 'bad-result', reason }, result: undefined };
  }
}

const CONNECT_SUPPORT = ['1', 'pre2', 'pre1'];

/** The versions we offer, in order of preference (all Rocket.Chat clients send exactly this list). */
export const SUPPORTED_VERSIONS: readonly string[] = CONNECT_SUPPORT;

/** `{"msg":"connect","version":…,"support":["1","pre2","pre1"]}` */
export function connectFrame(version: string): string {
  return JSON.stringify({ msg: 'connect', version, support: CONNECT_SUPPORT });
}

/** Ping or pong, with the id only when there is one (SPEC F44/F46). */
export function heartbeatFrame(msg: 'ping' | 'pong', id: string | undefined): string {
  return JSON.stringify(id === undefined ? { msg } : { msg, id });
}
