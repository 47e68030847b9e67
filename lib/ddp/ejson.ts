/**
 * EJSON as Meteor and Rocket.Chat put it on the wire (SPEC §1.7): `$date`, `$binary`, `$InfNaN`, `$regexp`,
 * `$escape` and custom `$type` values. Parsing is `JSON.parse` plus an in-place revival pass that is skipped
 * entirely when the text cannot hold a tag key (see `mayHoldTag`).
 */

/** A custom EJSON type the client has no constructor for; it survives a round trip unchanged. */
export class EjsonCustom {
  constructor(
    readonly type: string,
    readonly value: unknown,
  ) {}
}

/** The text is not valid EJSON (bad JSON, a malformed tag, or nesting too deep to walk). */
export class EjsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EjsonError';
  }
}

/** The value nests deeper than the walk can go (the stack's depth): valid JSON and EJSON, not revivable here. */
export class EjsonDepthError extends EjsonError {}

const DOLLAR = 36;

function decodeBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function encodeBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i] as number);
  return btoa(bin);
}

function dateOf(ms: unknown): Date {
  if (typeof ms !== 'number') throw new EjsonError('$date must be a number');
  return new Date(ms);
}

/**
 * Returns the value of a tag object other than a `$date` (`revive` reads those itself), or `undefined` when `o`
 * (`keyCount` keys, counted up to 3, the first starting with `$`) is an ordinary object: more than two keys, or
 * keys that do not pair up. Throws on malformed tags.
 */
function fromTag(o: Record<string, unknown>, keyCount: number): unknown {
  if (keyCount > 2) return undefined;
  if (keyCount === 1) {
    if ('$binary' in o) {
      if (typeof o.$binary !== 'string') throw new EjsonError('$binary must be a base64 string');
      try {
        return decodeBase64(o.$binary);
      } catch {
        throw new EjsonError('$binary is not valid base64');
      }
    }
    if ('$InfNaN' in o) {
      const sign = o.$InfNaN;
      if (sign !== 1 && sign !== -1 && sign !== 0) throw new EjsonError('$InfNaN must be 1, -1 or 0');
      return sign === 0 ? Number.NaN : sign * Number.POSITIVE_INFINITY;
    }
    if ('$escape' in o) {
      const inner = o.$escape;
      if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
        throw new EjsonError('$escape must wrap an object');
      }
      // The wrapped keys are literal, but their values are still EJSON (Meteor's fromJSONValue does the same).
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(inner)) define(out, k, revive(v));
      return out;
    }
    return undefined;
  }
  if ('$type' in o && '$value' in o) {
    if (typeof o.$type !== 'string') throw new EjsonError('$type must be a string');
    return new EjsonCustom(o.$type, revive(o.$value));
  }
  if ('$regexp' in o && '$flags' in o) {
    if (typeof o.$regexp !== 'string' || typeof o.$flags !== 'string') throw new EjsonError('bad $regexp');
    try {
      return new RegExp(o.$regexp, o.$flags);
    } catch {
      throw new EjsonError('$regexp is not a valid regular expression');
    }
  }
  return undefined;
}

/** Assigns without ever triggering the `__proto__` setter (JSON.parse makes `__proto__` an own key). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function revive(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'object' && x !== null) {
        const y = revive(x);
        if (y !== x) v[i] = y;
      }
    }
    return v;
  }
  const o = v as Record<string, unknown>;
  // One pass over the keys: this walk is most of the cost of EJSON over plain JSON (see bench/ddp.ts). An object
  // whose first key starts with `$` may be a tag: it is decided before any of its values is walked, and a one-key
  // object (every `$date`) is known to have one key without a second pass.
  let keys = 0;
  let tagKey: string | undefined;
  for (const k in o) {
    if (++keys === 1 && k.charCodeAt(0) === DOLLAR) {
      tagKey = k;
      continue;
    }
    if (tagKey !== undefined) break;
    const x = o[k];
    if (typeof x === 'object' && x !== null) {
      const y = revive(x);
      if (y !== x) define(o, k, y);
    }
  }
  if (tagKey === undefined) return o;
  // The tag of every timestamp, so the most frequent by far: spared the general tag reader's call.
  if (keys === 1 && tagKey === '$date') return dateOf(o.$date);
  const tagged = fromTag(o, keys === 1 ? 1 : countKeysUpTo3(o));
  if (tagged !== undefined) return tagged;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'object' && x !== null) {
      const y = revive(x);
      if (y !== x) define(o, k, y);
    }
  }
  return o;
}

function countKeysUpTo3(o: object): number {
  let n = 0;
  for (const _ in o) if (++n === 3) break;
  return n;
}

/**
 * Turns the EJSON tags inside an already parsed JSON value into their values, in place; returns the value (or its
 * replacement when `value` itself is a tag). Throws `EjsonError` on a malformed tag or nesting too deep to walk.
 */
export function fromJsonValue(value: unknown): unknown {
  try {
    return revive(value);
  } catch (err) {
    if (err instanceof EjsonError) throw err;
    // A RangeError from nesting deeper than the stack allows: reject the input, never crash the caller.
    throw new EjsonDepthError('EJSON nesting too deep');
  }
}

/**
 * Whether the text from `from` on may hold an EJSON tag: every tag key starts with `$`, written as such or as the
 * escape `\u0024`. Finding a `$` is a one-character search; the escape is only looked for in text with a backslash.
 */
export function mayHoldTag(text: string, from: number): boolean {
  return text.indexOf('$', from) !== -1 || (text.indexOf('\\', from) !== -1 && text.indexOf('\\u0024', from) !== -1);
}

/** Parses EJSON text. Throws `EjsonError` on anything malformed (callers decide whether to drop the input). */
export function parseEjson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EjsonError('Not valid JSON');
  }
  return mayHoldTag(text, 0) ? fromJsonValue(value) : value;
}

const TAG_KEYS = new Set(['$date', '$binary', '$InfNaN', '$escape', '$type', '$value', '$regexp', '$flags']);

/** An object whose keys could be read back as a tag must be wrapped in `$escape`. */
function looksLikeTag(o: object): boolean {
  const keys = Object.keys(o);
  return keys.length > 0 && keys.length <= 2 && keys.every((k) => TAG_KEYS.has(k));
}

function toJsonValue(v: unknown, seen: Set<object>): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $InfNaN: Number.isNaN(v) ? 0 : Math.sign(v) };
  if (typeof v === 'bigint' || typeof v === 'symbol' || typeof v === 'function') {
    throw new EjsonError(`Cannot serialise a ${typeof v} as EJSON`);
  }
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof Date) return { $date: v.getTime() };
  if (v instanceof Uint8Array) return { $binary: encodeBase64(v) };
  if (v instanceof RegExp) return { $regexp: v.source, $flags: v.flags };
  if (v instanceof EjsonCustom) return { $type: v.type, $value: toJsonValue(v.value, seen) };
  if (seen.has(v)) throw new EjsonError('Cannot serialise a circular structure as EJSON');
  seen.add(v);
  let out: unknown;
  if (Array.isArray(v)) {
    out = v.map((x: unknown) => (x === undefined ? null : toJsonValue(x, seen)));
  } else {
    const obj: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) define(obj, k, toJsonValue(x, seen));
    out = looksLikeTag(v) ? { $escape: obj } : obj;
  }
  seen.delete(v);
  return out;
}

/** Serialises a value as EJSON text. Throws `EjsonError` for values EJSON cannot carry (bigint, cycles…). */
export function stringifyEjson(value: unknown): string {
  return JSON.stringify(toJsonValue(value, new Set()));
}
