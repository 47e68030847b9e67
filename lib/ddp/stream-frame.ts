/**
 * Fast path for the one frame that arrives in bulk: a stream event (SPEC §1.6). Meteor (`DDPCommon.stringifyDDP`)
 * and the EE ddp-streamer (`server.serialize`) both write it compactly and in one key order:
 *
 *   {"msg":"changed","collection":"<c>","id":"<i>","fields":{"eventName":"<e>","args":<args>}}
 *
 * When a frame has exactly that layout, the envelope is read straight from the text and only `<args>` goes through
 * `JSON.parse`, which spares the parser about a fifth of a typical message frame. Anything else (other keys, other
 * order, whitespace, escapes in the envelope strings, or `<args>` that is not one JSON value on its own) is left to
 * the general decoder, so the result is always the one a full parse would give.
 *
 * A route someone listens to gets its own matcher (`routeHead`), with its collection and event name written into
 * the pattern: a frame it matches is routed without reading those names out of the text at all. Capturing them
 * and comparing the captures with the route's names (substrings of the frame, slow to compare) took about 0.2 µs
 * of the 0.3 µs a frame cost beyond `JSON.parse` of its args (docs/performance.md, "DDP").
 */
import { noDateKeys, reviveArgs, type DateKeys } from './revive-args';

/** The fields of a decoded stream event, as the general decoder would give them. */
export interface StreamEvent {
  msg: 'changed';
  collection: string;
  id: string;
  fields: { eventName: string; args: unknown };
}

/**
 * A string body as the envelope may hold it: anything JSON allows unescaped except `"`, `\` and control
 * characters; text with escapes in the envelope is left to the general decoder. No class admits the `"` that ends
 * it, so matching is anchored and free of backtracking: a few dozen characters of scanning whatever the frame size.
 */
const BODY = String.raw`[^"\\\x00-\x1f]*`;

/** The envelope up to `<args>`, for any collection and event name. */
const ENVELOPE = new RegExp(
  String.raw`^\{"msg":"changed","collection":"(${BODY})","id":"(${BODY})","fields":\{"eventName":"(${BODY})","args":`,
);
/** `}`: the canonical layout ends with two, closing `fields` and the frame. */
const CLOSE_BRACE = 125;

/** Returned by `argsAt` when the text after the envelope is not one JSON value followed by `}}`. */
export const NOT_CANONICAL: unique symbol = Symbol('not canonical');

/**
 * Parses `<args>`, which starts at `start`, when the text ends with the envelope's `}}`; `NOT_CANONICAL` otherwise.
 * With `dates` (the route's, see revive-args.ts), revives EJSON and throws `EjsonError` on a malformed tag, exactly
 * as the general decoder's revival does; without it, `<args>` is plain JSON.
 */
export function argsAt(text: string, start: number, dates: DateKeys | undefined): unknown {
  const end = text.length - 2;
  // Two character reads: `endsWith('}}')` cost about 10 ns more a frame.
  if (text.charCodeAt(end) !== CLOSE_BRACE || text.charCodeAt(end + 1) !== CLOSE_BRACE) return NOT_CANONICAL;
  let args: unknown;
  try {
    // One JSON value on its own, so the whole text is the canonical object with exactly these four keys.
    args = JSON.parse(text.slice(start, end));
  } catch {
    return NOT_CANONICAL;
  }
  return dates === undefined ? args : reviveArgs(args, text, start, dates);
}

/** What a JSON string with no escapes in it holds literally; other names are never matched from the text. */
// oxlint-disable-next-line no-control-regex -- raw control characters are what a JSON string may not hold
const LITERAL = /^[^"\\\x00-\x1f]*$/;

const escapeRegExp = (s: string): string => s.replaceAll(/[$()*+.?[\\\]^{|}]/g, String.raw`\$&`);

/**
 * A sticky matcher for the envelope of events of one route: after `test` succeeds at `lastIndex` 0, `lastIndex` is
 * where `<args>` starts. `undefined` when a name could only appear escaped in a frame (a `"`, `\` or control
 * character): such events take the general decoder. Any `id` is accepted, as `dispatch` ignores it.
 */
export function routeHead(collection: string, eventName: string): RegExp | undefined {
  if (!LITERAL.test(collection) || !LITERAL.test(eventName)) return undefined;
  return new RegExp(
    String.raw`\{"msg":"changed","collection":"${escapeRegExp(collection)}","id":"${BODY}","fields":\{"eventName":"${escapeRegExp(eventName)}","args":`,
    'y',
  );
}

/**
 * Decodes a stream event written in the canonical layout (see the module comment); `undefined` for any other text.
 * With `revive`, throws `EjsonError` when `<args>` holds a malformed EJSON tag, exactly as the general decoder's
 * revival does; without it, `<args>` is plain JSON.
 */
export function decodeStreamEvent(text: string, revive = true): StreamEvent | undefined {
  const envelope = ENVELOPE.exec(text);
  if (envelope === null) return undefined;
  const [head, collection, id, eventName] = envelope as unknown as [string, string, string, string];
  const args = argsAt(text, head.length, revive ? noDateKeys() : undefined);
  if (args === NOT_CANONICAL) return undefined;
  return { msg: 'changed', collection, id, fields: { eventName, args } };
}
