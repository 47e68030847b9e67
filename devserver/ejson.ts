/**
 * EJSON as Rocket.Chat's DDP speaks it (SPEC §1.7): dates are `{"$date": ms}`. Only the tags livechat
 * payloads use are produced; the parser also accepts `$escape`, `$binary` and `$InfNaN` so odd clients never
 * crash the server.
 */

/** Turns every `Date` of a value into `{$date}` (a deep copy; the input is not changed). */
export function toEjson(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(toEjson);
  if (Buffer.isBuffer(value)) return { $binary: value.toString('base64') };
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = toEjson(item);
    }
    return out;
  }
  return value;
}

/** Turns `{$date}` (and the other EJSON tags) of a parsed DDP frame back into JavaScript values. */
export function fromEjson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromEjson);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    if (typeof obj.$date === 'number') return new Date(obj.$date);
    if (typeof obj.$binary === 'string') return Buffer.from(obj.$binary, 'base64');
    if (typeof obj.$InfNaN === 'number') return obj.$InfNaN === 0 ? NaN : obj.$InfNaN * Infinity;
    if (obj.$escape !== null && typeof obj.$escape === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(obj.$escape)) out[key] = fromEjson(item);
      return out;
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = fromEjson(obj[key]);
  return out;
}

/** JSON text for the REST side: dates become ISO strings through `Date.prototype.toJSON`. */
export function toRestJson(value: unknown): string {
  return JSON.stringify(value);
}
