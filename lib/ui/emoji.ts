/**
 * Emoji short codes (`:smile:`) in rendered Markdown, through a table loaded on first use. Only the Markdown
 * renderer asks, so this lives in its chunk, not in what the popup loads on open.
 */
import { signal } from './signals';

const emoji = signal<Readonly<Record<string, string>> | null>(null);
let emojiLoad: Promise<void> | null = null;

/** Starts loading the emoji short code table (once). */
export function loadEmoji(): Promise<void> {
  emojiLoad ??= import('./emoji-codes').then(
    (module) => {
      emoji.value = module.EMOJI_CODES;
    },
    (error: unknown) => console.warn('The emoji table could not be loaded', error),
  );
  return emojiLoad;
}

/** The emoji for a short code (without colons), or null when unknown or while the table loads. */
export function emojiFor(code: string): string | null {
  const table = emoji.value;
  if (!table) {
    void loadEmoji();
    return null;
  }
  return table[code] ?? null;
}
