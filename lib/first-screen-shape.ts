/** What the stored first screen (lib/first-screen.ts) holds and how the worker makes it. */
import { newestPage } from './first-page';
import { FIRST_SCREEN_VERSION, type FirstScreen, type StoredFirstScreen } from './first-screen';
import { fnv1a } from './hash-runs';
import type { ChatSnapshot } from './messaging';
import { withLines, type Say } from './system-line';
import { shownTimesOf, type DateFormats } from './shown-times';

/** Newest messages kept: more than a popup's height shows, few enough to render within the first frame. */
export const FIRST_SCREEN_MESSAGES = 20;
/** Characters of messages kept at most (as JSON): long messages leave fewer of them, so the key stays small. */
export const FIRST_SCREEN_MESSAGE_CHARS = 64_000;

/** The languages a chat page's first render may speak: the browser's, and the desk's (`followDeskLanguage`). */
export interface ScreenLanguage {
  /** The browser's UI language (`i18n.getUILanguage()`), the page's own until a desk's language replaces it. */
  ui: string;
  formats: DateFormats;
}

/** Longest language tag whose texts are stored: a desk's `language` is the server's word. */
const TAG_MAX_CHARS = 35;

/**
 * What to store for `snapshot`: its newest messages, as many as fit the bounds, and nothing that only holds while
 * the worker runs (the connection, typing, errors, uploads). Until the worker answers, the page is honestly still
 * connecting. `build` is the extension's version: only its own pages show it. With `say` (the browser's language,
 * which a page speaks until a desk's own is loaded), the system lines come worded (lib/system-line.ts). With
 * `language`, the messages' times are stored as texts in each language the page may speak, so that its first
 * render needs no formatter.
 */
export function firstScreenOf(
  snapshot: ChatSnapshot,
  build: string,
  say?: Say,
  language?: ScreenLanguage,
): FirstScreen {
  const page = newestPage(snapshot.messages, FIRST_SCREEN_MESSAGES, FIRST_SCREEN_MESSAGE_CHARS);
  const shown: ChatSnapshot = {
    ...snapshot,
    connection: { state: 'connecting', attempt: 0 },
    messages: say ? withLines(page, snapshot, say) : page,
    agentTyping: null,
    lastError: null,
    notice: null,
    uploads: [],
  };
  const timestamps = shown.messages.map((message) => message.ts);
  const times = language
    ? [...new Set([language.ui, snapshot.config?.language ?? ''])]
        .filter((tag) => tag && tag.length <= TAG_MAX_CHARS)
        .map((tag) => shownTimesOf(timestamps, tag, language.formats))
    : [];
  const json = JSON.stringify({ snapshot: shown, times } satisfies StoredFirstScreen);
  return { v: FIRST_SCREEN_VERSION, build, json, sum: fnv1a(json) };
}
