/**
 * The desk and message a chat UI should show when it opens, set by the worker when the visitor clicks the
 * notification of that message. Session storage: it only matters until the chat is next shown.
 */
import { storage } from 'wxt/utils/storage';

export const focusMessageItem = storage.defineItem<string | null>('session:focusMessage', {
  fallback: null,
  version: 1,
});

/** The desk whose notification was clicked: the next chat page shows it (then clears this). */
export const focusDeskItem = storage.defineItem<string | null>('session:focusDesk', {
  fallback: null,
  version: 1,
});
