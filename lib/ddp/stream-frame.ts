/**
 * Fast path for the one frame that arrives in bulk: a stream event (SPEC §1.6). Meteor (`DDPCommon.stringifyDDP`)
 * and the EE ddp-streamer (`server.serialize`) both write it compactly and in one key order:
 *
 *   {"msg":"changed","collection":"<c>","id":"<i>","fields":{"eventName":"<e>","args":<args>}}
 *
 * When a frame has exactly that layout, the envelope is read straight from the text and only `<args>` goes through
 * `JSON.parse`, which spares the parser about a fifth of a typical message frame. Anything else (other keys, other
 * order, whitespace, escapes in the envelope strings, or `<args>` that is not one JSON value on its own) returns
 * `undefined` and takes the general decoder, so the result is always the one a full parse would give.
 */
import { fromJsonValue, mayHoldTag } from './ejson';

/** The fields of a decoded stream event, as the general decoder would give them. */
export interface StreamEvent {
  msg: 'changed';
  collection: string;
  id: string;
  fields: { eventName: string; args: unknown };
}

/**
 * The envelope up to `<args>`. A string body may hold anything JSON allows unescaped except `"`, `\` and control
 * characters; text with escapes in the envelope is left to the general decoder. Anchored and free of backtracking
 * (no class admits the `"` that ends it), so it costs a few dozen characters of scanning whatever the frame size.
 */
const ENVELOPE =
  // oxlint-disable-next-line no-control-regex -- raw control characters are what a JSON string may not hold
  /^\{"msg":"changed","collection":"([^"\\\x00-\x1f]*)","id":"([^"\\\x00-\x1f]*)","fields":\{"eventName":"([^"\\\x00-\x1f]*)","args":/;
const TAIL = '}}';

/**
 * Decodes a stream event written in the canonical layout (see the module comment); `undefined` for any other text.
 * With `revive`, throws `EjsonError` when `<args>` holds a malformed EJSON tag, exactly as the general decoder's
 * revival does; without it, `<args>` is plain JSON.
 */
export function decodeStreamEvent(text: string, revive = true): StreamEvent | undefined {
  const envelope = ENVELOPE.exec(text);
  if (envelope === null || !text.endsWith(TAIL)) return undefined;
  const [head, collection, id, eventName] = envelope as unknown as [string, string, string, string];
  const argsStart = head.length;
  let args: unknown;
  try {
    // One JSON value on its own, so the whole text is the canonical object with exactly these four keys.
    args = JSON.parse(text.slice(argsStart, text.length - TAIL.length));
  } catch {
    return undefined;
  }
  return {
    msg: 'changed',
    collection,
    id,
    fields: { eventName, args: revive && mayHoldTag(text, argsStart) ? fromJsonValue(args) : args },
  };
}
