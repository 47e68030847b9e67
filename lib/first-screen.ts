/**
 * The first screen a chat page shows while the worker wakes up: the desk a new chat opens on, as a snapshot with
 * only its newest messages (`lib/first-screen-shape.ts`). The worker keeps it in storage under one small key; a
 * chat page starts reading that key before anything else, so a stopped worker's start, its desk restore and its
 * full snapshot are off the path to the first screen. The worker's snapshot then replaces it. It is a cache: a
 * value of another version or build, or one that is not byte for byte what the worker wrote (storage can hold
 * anything), is ignored, and the worker writes a fresh one. Chat pages import this module eagerly: its check is a
 * checksum, not a walk of the snapshot, so the first screen needs no code loaded after the page's own.
 *
 * The worker keeps two copies, written and removed together: one in `storage.session` (held in the browser
 * process's memory, so its read skips the disk backend's thread hop) that a page reads first, and one in
 * `storage.local` for the first open after a browser restart, which empties session storage.
 */
import { fnv1a } from './hash-runs';
import type { ChatSnapshot } from './messaging';
import { readShownTimes, type ShownTimes } from './shown-times';

/** The `chrome.storage.local` key (one for the extension: the desk a new chat opens on). */
export const FIRST_SCREEN_KEY = 'firstScreen';
export const FIRST_SCREEN_VERSION = 3;
/** Characters of the stored JSON at most: 20 messages of at most 64 000 characters, the desk list and its config. */
export const FIRST_SCREEN_MAX_CHARS = 256_000;

/** A storage area (`browser.storage.local`, `browser.storage.session`) as far as the page reads the first screen. */
export interface FirstScreenSource {
  get(key: string): Promise<Record<string, unknown>>;
}

/** What the stored JSON holds: the snapshot, and the texts of its messages' times in the languages a page may speak. */
export interface StoredFirstScreen {
  snapshot: ChatSnapshot;
  times: ShownTimes[];
}

/**
 * What the worker stores: a {@link StoredFirstScreen} as the JSON it wrote, the extension version that wrote it (a page of
 * another build may expect another shape) and the JSON's checksum.
 */
export interface FirstScreen {
  v: typeof FIRST_SCREEN_VERSION;
  build: string;
  json: string;
  sum: number;
}

/**
 * The stored first screen for a page of extension version `build`, or null unless `raw` is exactly what a worker
 * of that build wrote: the worker built it from its own state, which it checked on arrival. Times of another shape
 * are left out (the page then formats them itself).
 */
export function readFirstScreen(raw: unknown, build: string): StoredFirstScreen | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { v, build: writtenBy, json, sum } = raw as Partial<FirstScreen>;
  if (v !== FIRST_SCREEN_VERSION || writtenBy !== build || typeof json !== 'string') return null;
  if (json.length > FIRST_SCREEN_MAX_CHARS || sum !== fnv1a(json)) return null;
  try {
    const { snapshot, times } = (JSON.parse(json) ?? {}) as Partial<Record<keyof StoredFirstScreen, unknown>>;
    if (typeof snapshot !== 'object' || snapshot === null) return null;
    return { snapshot: snapshot as ChatSnapshot, times: readShownTimes(times) ?? [] };
  } catch {
    return null;
  }
}

/**
 * The stored first screen for a page of extension version `build`: the session copy when there is one, else the
 * local copy (session storage starts empty after a browser restart). Null when neither holds one that passes
 * `readFirstScreen`, or when storage fails.
 */
export async function loadFirstScreen(
  areas: { session?: FirstScreenSource; local: FirstScreenSource },
  build: string,
): Promise<StoredFirstScreen | null> {
  try {
    const held = await areas.session?.get(FIRST_SCREEN_KEY).then(
      (items) => items[FIRST_SCREEN_KEY],
      () => undefined,
    );
    const raw = held ?? (await areas.local.get(FIRST_SCREEN_KEY))[FIRST_SCREEN_KEY];
    return readFirstScreen(raw, build);
  } catch {
    return null;
  }
}
