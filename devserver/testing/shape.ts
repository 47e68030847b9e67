/**
 * Shape comparison for the golden tests: every key of the expected (SPEC example) value must exist in the
 * actual one with the same JSON type, recursively; ids, times and other values are not compared. EJSON dates
 * count as their own type. Arrays compare their first elements when both have one.
 */

type Kind = 'null' | 'array' | 'object' | 'date' | 'string' | 'number' | 'boolean' | 'undefined';

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length === 1 && keys[0] === '$date' ? 'date' : 'object';
  }
  return typeof value as Kind;
}

/** Differences as readable lines (`$.result.room: expected object, got null`); empty when the shapes agree. */
export function shapeDiff(expected: unknown, actual: unknown, ignore: readonly string[] = [], path = '$'): string[] {
  if (ignore.includes(path)) return [];
  const want = kindOf(expected);
  const got = kindOf(actual);
  if (want !== got) return [`${path}: expected ${want}, got ${got}`];
  if (want === 'array') {
    const [first] = expected as unknown[];
    const [other] = actual as unknown[];
    return first !== undefined && other !== undefined ? shapeDiff(first, other, ignore, `${path}[0]`) : [];
  }
  if (want !== 'object') return [];
  const out: string[] = [];
  const have = actual as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
    const sub = `${path}.${key}`;
    if (ignore.includes(sub)) continue;
    if (!(key in have)) out.push(`${sub}: missing`);
    else out.push(...shapeDiff(value, have[key], ignore, sub));
  }
  return out;
}

/** Replaces every occurrence of `from` inside the strings of a JSON value (room ids in event names, paths). */
export function substitute<T>(value: T, from: string, to: string): T {
  if (from === to) return value;
  return JSON.parse(JSON.stringify(value).split(from).join(to)) as T;
}
