/** What the stored first screen (lib/first-screen.ts) holds and how the worker makes it. */
import { newestPage } from './first-page';
import { FIRST_SCREEN_VERSION, type FirstScreen } from './first-screen';
import { fnv1a } from './hash-runs';
import type { ChatSnapshot } from './messaging';
import { withLines, type Say } from './system-line';

/** Newest messages kept: more than a popup's height shows, few enough to render within the first frame. */
export const FIRST_SCREEN_MESSAGES = 20;
/** Characters of messages kept at most (as JSON): long messages leave fewer of them, so the key stays small. */
export const FIRST_SCREEN_MESSAGE_CHARS = 64_000;

/**
 * What to store for `snapshot`: its newest messages, as many as fit the bounds, and nothing that only holds while
 * the worker runs (the connection, typing, errors, uploads). Until the worker answers, the page is honestly still
 * connecting. `build` is the extension's version: only its own pages show it. With `say` (the browser's language,
 * which a page speaks until a desk's own is loaded), the system lines come worded (lib/system-line.ts).
 */
export function firstScreenOf(snapshot: ChatSnapshot, build: string, say?: Say): FirstScreen {
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
  const json = JSON.stringify(shown);
  return { v: FIRST_SCREEN_VERSION, build, json, sum: fnv1a(json) };
}
