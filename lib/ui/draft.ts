/**
 * The composer's unsent text, kept in the extension's own localStorage so that closing the popup (which
 * destroys its page) and opening it again, or switching to the side panel, finds the text where it was.
 */
const PREFIX = 'lqs-draft:';

/** The saved draft for a desk, or '' (also when storage is unavailable). */
export function loadDraft(key: string): string {
  try {
    return globalThis.localStorage?.getItem(PREFIX + key) ?? '';
  } catch {
    return '';
  }
}

/** Saves the draft; an empty text removes it. Storage errors (quota, privacy mode) only lose the draft. */
export function saveDraft(key: string, text: string): void {
  try {
    if (text) globalThis.localStorage?.setItem(PREFIX + key, text);
    else globalThis.localStorage?.removeItem(PREFIX + key);
  } catch {
    // Nothing to do: the text is still in the field.
  }
}
