/**
 * Where the desks live in `storage.local` (layout v6): one key per desk (`desk:<origin>`, everything but its past
 * conversations and its cached messages), one per desk's archive of past conversations (`past:<origin>`), and one
 * per page of its cached messages (`page:<origin>#<name>`, `desk-pages.ts`; the desk's record lists them in
 * order), so a save rewrites only what changed. A stream of agent messages rewrites one desk's record and its
 * newest page (and its oldest, once the cache is full), never the other desks, the other pages nor the archive.
 *
 * A save writes the pages first and the records listing them after, then removes the pages no record lists any
 * more: a worker stopped midway leaves records that still list pages that are there, and pages no record lists,
 * which the next save removes. The layout before (v5) kept each desk's messages in its record: such a record is read
 * as it is, and the first start that finds one writes it out in pages (the record, rewritten last, is the switch).
 *
 * The layout before (v1–v4) kept every desk under the one key `desks`: it is read through its own migrations
 * (`defineDesksItem`), written out in the new layout and removed only once that write succeeded, so a failure
 * midway loses nothing (the next start, or the next save, finishes the move).
 */
import type { ChatMessage } from '../livechat/types';
import type { DeskRecord } from './desk';
import {
  DESK_PREFIX,
  inlineMessages,
  isRecord,
  joined,
  LAYOUT_KEY,
  LAYOUT_VERSION,
  live,
  PAGE_PREFIX,
  pageKey,
  PAST_PREFIX,
  type StoredDesk,
} from './desk-layout';
import { paginate } from './desk-pages';

/** The part of `browser.storage.local` the store uses; injected so it runs (and is measured) in plain Node. */
export interface StorageArea {
  get(keys?: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** The v1–v4 key and its WXT version record. */
const LEGACY_KEYS = ['desks', 'desks$'];

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
  /**
   * The object last written (a save of the same object is skipped without serialising it); for a page, its
   * messages (a page of the same message objects is skipped the same way).
   */
  source: unknown;
  json: string;
}

/** Keys to write together, and what each key of the batch holds once it is written. */
interface Batch {
  items: Record<string, unknown>;
  after: Array<[string, Written]>;
}
const batch = (): Batch => ({ items: {}, after: [] });

/** Two pages of the very same message objects, in the same order. */
function samePage(last: unknown, messages: readonly ChatMessage[]): boolean {
  if (!Array.isArray(last) || last.length !== messages.length) return false;
  for (let i = 0; i < messages.length; i += 1) if (last[i] !== messages[i]) return false;
  return true;
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

  /** What a save must write: the changed pages apart from the rest (they go first), and every key it keeps. */
  function changes(desks: Record<string, DeskRecord>) {
    const pages = batch();
    const records = batch();
    const wanted = new Set<string>();
    const put = (
      into: Batch,
      key: string,
      source: unknown,
      unchanged: (last: unknown) => boolean,
      value: () => unknown,
    ): void => {
      wanted.add(key);
      const last = written.get(key);
      if (last && unchanged(last.source)) return;
      const stored = value();
      const json = jsonOf(stored);
      into.after.push([key, { source, json }]);
      if (last?.json !== json) into.items[key] = stored;
    };
    for (const [url, desk] of Object.entries(desks)) {
      // A moved v1-v4 desk is not repaired yet: what is not a list of messages has no pages.
      const split = Array.isArray(desk.messages) ? paginate(desk.messages) : [];
      for (const { name, messages } of split) {
        put(
          pages,
          pageKey(url, name),
          messages,
          (last) => samePage(last, messages),
          () => messages,
        );
      }
      const record = (): StoredDesk => ({ ...live(desk), pages: split.map((page) => page.name) });
      put(records, DESK_PREFIX + url, desk, (last) => last === desk, record);
      put(
        records,
        PAST_PREFIX + url,
        desk.archive,
        (last) => last === desk.archive,
        () => desk.archive,
      );
    }
    return { pages, records, wanted };
  }

  /** Writes a batch's changed keys, then remembers what every key of it now holds. */
  async function apply({ items, after }: Batch): Promise<void> {
    if (Object.keys(items).length > 0) await area.set(items);
    for (const [key, entry] of after) written.set(key, entry);
  }

  async function write(desks: Record<string, DeskRecord>): Promise<void> {
    const { pages, records, wanted } = changes(desks);
    if (!layoutWritten) records.items[LAYOUT_KEY] = LAYOUT_VERSION;
    // The pages first: a record is only ever written once every page it lists is there.
    await apply(pages);
    await apply(records);
    layoutWritten = true;
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
      layoutWritten = all[LAYOUT_KEY] === LAYOUT_VERSION;
      for (const [key, value] of Object.entries(all)) {
        if (key.startsWith(DESK_PREFIX) || key.startsWith(PAST_PREFIX) || key.startsWith(PAGE_PREFIX)) {
          written.set(key, { source: undefined, json: jsonOf(value) });
        }
      }
      if (all.desks !== undefined) {
        if (all[LAYOUT_KEY] !== undefined) {
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
      const desks = joined(all);
      // Damaged records wait for the worker's repair, whose save then moves them.
      const movable = Object.values(desks).every((desk) => isRecord(desk) && Array.isArray(desk.messages));
      const v5 = Object.entries(all).some(([key, desk]) => key.startsWith(DESK_PREFIX) && inlineMessages(desk));
      if (movable && v5) {
        // v5 records: written out in pages now, so the next message does not rewrite them whole again.
        await save(desks as Record<string, DeskRecord>).catch((error: unknown) => {
          // The v5 records stay as they are, readable: the next save writes the pages again.
          console.warn('moving the stored messages to pages failed; retried on the next save', error);
        });
      }
      return desks;
    },
    save,
  };
}
