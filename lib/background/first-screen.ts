/**
 * Keeps the stored first screen (lib/first-screen.ts) in step with the desk a new chat opens on. It is written
 * when no chat is open (a chat that is open follows the desk live, and the last one to close writes it), when a
 * notification's click picks the desk the chat it opens shows, and at once when something is forgotten, so no
 * forgotten conversation or desk stays in it. Writes go one at a time, in
 * order, and an unchanged screen is not written again.
 */
import { FIRST_SCREEN_KEY, type FirstScreen } from '../first-screen';
import { firstScreenOf } from '../first-screen-shape';
import type { ChatSnapshot } from '../messaging';
import type { Say } from '../system-line';
import { createDateFormats } from '../shown-times';

export interface FirstScreenKeeper {
  /** Writes the current first screen if it changed. */
  update(): void;
  /** Resolves once every write asked for so far is done (tests, and a forget that must be complete). */
  written(): Promise<void>;
}

/**
 * `current` gives the snapshot of the desk a new chat would open on (null: none); `save` stores a first screen,
 * or removes it (null); `build` is the extension's version (only its own pages show what it stores); `say` words
 * its system lines (`firstScreenOf`); `uiLanguage` gives the browser's UI language, in which (and in the desk's)
 * the messages' times are stored as texts (without it, none are: the page formats them).
 */
export function createFirstScreenKeeper(
  current: () => ChatSnapshot | null,
  save: (screen: FirstScreen | null) => Promise<void>,
  build: string,
  say?: Say,
  uiLanguage?: () => string,
): FirstScreenKeeper {
  let writing: Promise<void> = Promise.resolve();
  let last: string | null | undefined;
  const formats = createDateFormats();
  return {
    update() {
      const snapshot = current();
      const language = uiLanguage ? { ui: uiLanguage(), formats } : undefined;
      const screen = snapshot ? firstScreenOf(snapshot, build, say, language) : null;
      const text = screen?.json ?? null;
      if (text === last) return;
      last = text;
      writing = writing.then(() =>
        save(screen).catch((error: unknown) => {
          // A failed write leaves an older screen, which the worker's snapshot replaces anyway; try again next time.
          last = undefined;
          console.warn('saving the first screen failed', error);
        }),
      );
    },
    written: () => writing,
  };
}

/** A storage area (`browser.storage.local`, `browser.storage.session`) as far as the worker keeps the first screen. */
export interface FirstScreenArea {
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * Writes a first screen to both areas a page reads it from (lib/first-screen.ts: session first, then local), or
 * removes it from both (null). An area whose write fails loses its copy instead: an older screen left there could
 * hold a conversation or desk forgotten since, and the page would show it (from the session copy, before the local
 * one). Rejects if either write failed, so the keeper writes again next time.
 */
export function storeFirstScreen(areas: {
  local: FirstScreenArea;
  session?: FirstScreenArea;
}): (screen: FirstScreen | null) => Promise<void> {
  const put = async (area: FirstScreenArea, screen: FirstScreen | null): Promise<void> => {
    if (!screen) return area.remove(FIRST_SCREEN_KEY);
    try {
      await area.set({ [FIRST_SCREEN_KEY]: screen });
    } catch (error) {
      await area.remove(FIRST_SCREEN_KEY).catch(() => undefined);
      throw error;
    }
  };
  return async (screen) => {
    const writes = [put(areas.local, screen), ...(areas.session ? [put(areas.session, screen)] : [])];
    const failed = (await Promise.allSettled(writes)).find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };
}
