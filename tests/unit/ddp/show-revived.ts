/**
 * JSON with revived values told apart from their tags (a `Date` and `{"$date":…}` stringify alike), and objects of
 * another prototype than a plain object's told apart from plain ones.
 */
export function show(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { revivedDate: Number.isNaN(raw.getTime()) ? 'invalid' : raw.getTime() };
    if (raw instanceof Uint8Array) return { revivedBinary: Array.from(raw) };
    if (typeof raw === 'number' && !Number.isFinite(raw)) return { revivedNumber: String(raw) };
    if (raw !== null && typeof raw === 'object' && Object.getPrototypeOf(raw) !== Object.prototype) {
      if (!Array.isArray(raw)) return { prototype: String(Object.getPrototypeOf(raw)), own: { ...raw } };
    }
    return v;
  });
}
