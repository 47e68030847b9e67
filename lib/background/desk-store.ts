/**
 * Where the desks live in `storage.local` (layout v5): one key per desk (`desk:<origin>`, everything but its past
 * conversations) and one per desk's archive of past conversations (`past:<origin>`), so a save rewrites only what
 * changed. A stream of agent messages rewrites one desk's live record, never the other desks nor the archive.
 *
 * The layout before (v1–v4) kept every desk under the one key `desks`: it is read through its own migrations
 * (`defineDesksItem`), written out in the new layout and removed only once that write succeeded, so a failure
 * midway loses nothing (the next start, or the next save, finishes the move).
 */
import type { DeskRecord, PastRoom } from './desk';

/** The part of `browser.storage.local` the store uses; injected so it runs (and is measured) in plain Node. */
export interface StorageArea {
  get(keys?: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export const DESK_PREFIX = 'desk:';
export const PAST_PREFIX = 'past:';
/** Written with the first desks of the new layout: a start that finds it knows the move from `desks` is done. */
export const LAYOUT_KEY = 'deskLayout';
export const LAYOUT_VERSION = 5;
/** The v1–v4 key and its WXT version record. */
const LEGACY_KEYS = ['desks', 'desks$'];

/** A desk's live record, as stored under its own key. */
export type StoredDesk = Omit<DeskRecord, 'archive'>;

export interface DeskStore {
  /** Every stored desk as found (the worker's repair judges it), its archive joined back in. */
  load(): Promise<unknown>;
  /**
   * Makes storage hold exactly `desks`: writes the keys whose value changed since the last write, removes the keys
   * of desks no longer listed. Saves run one after another in call order, so an older state never lands last.
   */
  save(desks: Record<string, DeskRecord>): Promise<void>;
}

interface Written {
  /** The object last written (a save of the same object is skipped without serialising it). */
  source: unknown;
  json: string;
}

/**
 * Creates the store over `area`. `readLegacy` reads the v1–v4 `desks` key through its migrations (called only when
 * that key is there).
 */
export function createDeskStore(area: StorageArea, readLegacy: () => Promise<unknown>): DeskStore {
  /** What each key holds, as far as this worker knows (what it read or wrote). */
  const written = new Map<string, Written>();
  let legacyPending = false;
  // Until a load has seen what is stored, the mark is not written: a start that could not read storage must not
  // declare a move done that it never made (the next start still moves the old key).
  let layoutWritten = true;

  const jsonOf = (value: unknown) => JSON.stringify(value) ?? 'null';

  let queue: Promise<void> = Promise.resolve();
  const save = (desks: Record<string, DeskRecord>): Promise<void> => {
    const next = queue.then(() => write(desks));
    queue = next.catch(() => {});
    return next;
  };

  async function write(desks: Record<string, DeskRecord>): Promise<void> {
    const items: Record<string, unknown> = {};
    const wanted = new Set<string>();
    const pending: Array<[string, Written]> = [];
    const put = (key: string, source: unknown, value: () => unknown): void => {
      wanted.add(key);
      const last = written.get(key);
      if (last?.source === source) return;
      const stored = value();
      const json = jsonOf(stored);
      pending.push([key, { source, json }]);
      if (last?.json !== json) items[key] = stored;
    };
    for (const [url, desk] of Object.entries(desks)) {
      put(DESK_PREFIX + url, desk, () => live(desk));
      put(PAST_PREFIX + url, desk.archive, () => desk.archive);
    }
    if (!layoutWritten) items[LAYOUT_KEY] = LAYOUT_VERSION;
    if (Object.keys(items).length > 0) await area.set(items);
    layoutWritten = true;
    for (const [key, entry] of pending) written.set(key, entry);
    // What is written stays written: a failed removal is only retried on the next save (the caller must not fall
    // back to a leaner write for it).
    const gone = [...written.keys()].filter((key) => !wanted.has(key));
    try {
      if (gone.length > 0) {
        await area.remove(gone);
        for (const key of gone) written.delete(key);
      }
      if (legacyPending) {
        await area.remove(LEGACY_KEYS);
        legacyPending = false;
      }
    } catch (error) {
      console.warn('removing forgotten desks from storage failed; retried on the next save', error);
    }
  }

  return {
    async load() {
      const all = await area.get(null);
      layoutWritten = all[LAYOUT_KEY] !== undefined;
      for (const [key, value] of Object.entries(all)) {
        if (key.startsWith(DESK_PREFIX) || key.startsWith(PAST_PREFIX)) {
          written.set(key, { source: undefined, json: jsonOf(value) });
        }
      }
      if (all.desks !== undefined) {
        if (layoutWritten) {
          // A move that wrote the new keys and stopped before removing the old one: the new keys are the truth.
          await area.remove(LEGACY_KEYS).catch(() => {});
        } else {
          legacyPending = true;
          const legacy = await readLegacy();
          // Not desks at all: the repair resets it, and the worker's next save completes the move.
          if (typeof legacy !== 'object' || legacy === null || Array.isArray(legacy)) return legacy;
          await save(legacy as Record<string, DeskRecord>).catch((error: unknown) => {
            // The old key stays: the next save writes every desk and then removes it.
            console.warn('moving the stored desks to their own keys failed; retried on the next save', error);
          });
          return legacy;
        }
      }
      return joined(all);
    },
    save,
  };
}

/** The desk without its archive (stored under its own key). */
function live(desk: DeskRecord): StoredDesk {
  const { archive: _archive, ...rest } = desk;
  return rest;
}

/** The desks found under their own keys, each with its archive back in (a missing archive is an empty one). */
function joined(all: Record<string, unknown>): Record<string, unknown> {
  const desks: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(DESK_PREFIX)) continue;
    const url = key.slice(DESK_PREFIX.length);
    const archive = all[PAST_PREFIX + url] as PastRoom[] | undefined;
    desks[url] =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? { ...value, archive: archive ?? [] }
        : value;
  }
  return desks;
}
