/**
 * Where a message's markdown AST comes from (DECISIONS #5): the server's `md` when it sent one, otherwise
 * Rocket.Chat's own parser. The parser is large, so it is imported only when a message without `md` shows up,
 * never on open; until it arrives such a message shows as plain text with links. Emoji short codes
 * (`:smile:`) resolve through a table that is loaded the same lazy way.
 */
import { signal } from '@preact/signals';

type Parse = (text: string) => unknown[];

const parser = signal<Parse | null>(null);
const emoji = signal<Readonly<Record<string, string>> | null>(null);
let parserLoad: Promise<void> | null = null;
let emojiLoad: Promise<void> | null = null;
/** Parsed texts, newest last; a chat never shows more than a few hundred messages. */
const parsed = new Map<string, unknown[]>();
const CACHE_SIZE = 500;

/** Starts loading the parser (once); resolves when it is usable or failed to load. */
export function loadParser(): Promise<void> {
  parserLoad ??= import('@rocket.chat/message-parser').then(
    (module) => {
      parser.value = (text) => module.parse(text, { emoticons: true }) as unknown[];
    },
    (error: unknown) => console.warn('The markdown parser could not be loaded; showing plain text', error),
  );
  return parserLoad;
}

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

/**
 * The AST to render for a message, or null while the parser is still on its way (render plain text then).
 * Reading this inside a component subscribes it to the parser's arrival.
 */
export function messageAst(message: { text: string; md?: unknown; delivery?: string }): unknown[] | null {
  if (Array.isArray(message.md) && message.md.length > 0) return message.md;
  if (!message.text) return [];
  // The visitor's own text not yet on the server: the server's `md` follows in a moment, the parser is not needed.
  if (message.delivery === 'pending' || message.delivery === 'failed') return null;
  const parse = parser.value;
  if (!parse) {
    void loadParser();
    return null;
  }
  let ast = parsed.get(message.text);
  if (!ast) {
    try {
      ast = parse(message.text);
    } catch {
      // The grammar rejects nothing in practice, but a visitor must still see the text if it ever does.
      ast = [{ type: 'PARAGRAPH', value: [{ type: 'PLAIN_TEXT', value: message.text }] }];
    }
    if (parsed.size >= CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
    parsed.set(message.text, ast);
  }
  return ast;
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
