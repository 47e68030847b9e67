/**
 * An in-memory `browser.storage` area (local or session) that copies values in and out as the browser does, with
 * a switch that makes its writes fail (a full or broken storage).
 */
export function memoryArea() {
  const items: Record<string, unknown> = {};
  const area = {
    items,
    /** While set, `set` rejects without writing. */
    failWrites: false,
    get: async (key: string): Promise<Record<string, unknown>> =>
      key in items ? { [key]: structuredClone(items[key]) } : {},
    set: async (next: Record<string, unknown>): Promise<void> => {
      if (area.failWrites) throw new Error('QUOTA_BYTES quota exceeded');
      Object.assign(items, structuredClone(next));
    },
    remove: async (key: string): Promise<void> => void delete items[key],
  };
  return area;
}
