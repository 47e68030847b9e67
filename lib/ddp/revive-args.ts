/**
 * Revival of stream event args (SPEC §1.7), with the result of `fromJsonValue` on them but cheaper for the events
 * that arrive in bulk. A message's timestamps (`ts`, `_updatedAt`, `editedAt`) are one-key `{"$date":…}` fields of
 * the message itself, so those are revived first, in one of two ways:
 *
 * - at the keys where the route's previous events had their dates (`DateKeys`, learned), with one property load
 *   per key, nothing else visited;
 * - failing that, by a pass over the fields of each object in the args, which also learns the keys for the next
 *   event.
 *
 * The text then tells whether that was every tag: each tag key starts with a `$` of its own (or the escape
 * `\u0024`), so when the args' text holds exactly as many `$` as dates were revived and no such escape, no tag is
 * left anywhere and the general walk (which would also visit the message's `md` tree, `u`, `urls`…) is skipped.
 * Any other case (a `$` in a message's text, a date deeper down, another tag, a malformed one) ends in the general
 * walk over the whole value, which takes the `Date`s already revived as plain values.
 *
 * Why this gives the walk's result: a field whose key does not start with `$` belongs to an object that is not a
 * tag (every key of a tag starts with `$`), and the walk revives every value of such an object, so a one-key
 * `{"$date":<number>}` there always becomes that `Date`. Keys starting with `$` and `__proto__` (which plain
 * assignment would turn into a prototype change) are left to the walk.
 */
import { fromJsonValue } from './ejson';

/**
 * The keys where a route's events last had their dates (up to three, the most a message has: `ts`, `_updatedAt`,
 * `editedAt`); only ever a hint of where to look first. Three fields rather than an array: each is read and
 * written at its own place in `reviveAtKeys`, where it is always the same key, so those accesses stay as cheap as
 * a named property's (through one shared place, two keys cost about 50 ns more a frame).
 */
export interface DateKeys {
  k0: string | undefined;
  k1: string | undefined;
  k2: string | undefined;
}

/** A route's `DateKeys` before its first event. */
export const noDateKeys = (): DateKeys => ({ k0: undefined, k1: undefined, k2: undefined });

/** `$` */
const DOLLAR = 36;

/** Whether `x` is a `{"$date":<number>}` tag: a `$date` of its own and no other key. */
function isDateTag(x: unknown): x is { $date: number } {
  // A missing `$date` rules out almost every value with one property load, before its keys are counted.
  if (typeof x !== 'object' || x === null || typeof (x as { $date?: unknown }).$date !== 'number') return false;
  let keys = 0;
  for (const k in x) if (++keys > 1 || k !== '$date') return false;
  return keys === 1;
}

/** A key the fast paths may revive at (see the module comment). */
const eligible = (key: string): boolean => key.charCodeAt(0) !== DOLLAR && key !== '__proto__';

/**
 * Revives the date tags at the keys of `dates` in `o`; returns how many. The keys are eligible ones, so an `o` that
 * has one is no tag (see the module comment).
 */
function reviveAtKeys(o: Record<string, unknown>, dates: DateKeys): number {
  let revived = 0;
  const { k0, k1, k2 } = dates;
  if (k0 === undefined) return 0;
  const x0 = o[k0];
  if (isDateTag(x0)) {
    o[k0] = new Date(x0.$date);
    revived++;
  }
  if (k1 === undefined) return revived;
  const x1 = o[k1];
  if (isDateTag(x1)) {
    o[k1] = new Date(x1.$date);
    revived++;
  }
  if (k2 === undefined) return revived;
  const x2 = o[k2];
  if (isDateTag(x2)) {
    o[k2] = new Date(x2.$date);
    revived++;
  }
  return revived;
}

/**
 * Revives the date tags among the fields of each object of `args` and records in `keys` where dates are now
 * (including those `reviveAtKeys` revived); returns how many it revived.
 */
function reviveFields(args: unknown[], keys: string[]): number {
  let revived = 0;
  for (let i = 0; i < args.length; i++) {
    const o = args[i];
    if (typeof o !== 'object' || o === null || Array.isArray(o)) continue;
    for (const key in o) {
      const x = (o as Record<string, unknown>)[key];
      if (typeof x !== 'object' || x === null || !eligible(key)) continue;
      if (isDateTag(x)) {
        (o as Record<string, unknown>)[key] = new Date(x.$date);
        revived++;
      } else if (!(x instanceof Date)) continue;
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return revived;
}

/**
 * Whether the text from `from` on holds exactly `n` `$` characters and no `\u0024` escape: then it holds at most
 * `n` tag keys.
 */
function holdsDollars(text: string, from: number, n: number): boolean {
  let at = from - 1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf('$', at + 1);
    if (at === -1) return i === n && (text.indexOf('\\', from) === -1 || text.indexOf('\\u0024', from) === -1);
  }
  return false;
}

/**
 * Revives the EJSON tags in `args`, parsed from `text` starting at `from`, in place, exactly as `fromJsonValue`
 * does, and updates `dates` for the route's next event (see the module comment); returns the value, or its
 * replacement when `args` itself is a tag. Throws `EjsonError` on a malformed tag or nesting too deep to walk.
 */
export function reviveArgs(args: unknown, text: string, from: number, dates: DateKeys): unknown {
  if (!Array.isArray(args)) return fromJsonValue(args);
  let revived = 0;
  // A message event's args are the message alone.
  const only: unknown = args.length === 1 ? args[0] : undefined;
  if (typeof only === 'object' && only !== null && !Array.isArray(only)) {
    revived = reviveAtKeys(only as Record<string, unknown>, dates);
  }
  if (holdsDollars(text, from, revived)) return args;
  const keys: string[] = [];
  revived += reviveFields(args, keys);
  dates.k0 = keys[0];
  dates.k1 = keys[1];
  dates.k2 = keys[2];
  return holdsDollars(text, from, revived) ? args : fromJsonValue(args);
}
