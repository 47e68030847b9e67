/**
 * Where a message's markdown AST comes from (DECISIONS #5): the server's `md` when it sent one, otherwise
 * Rocket.Chat's own parser. The parser is large and, on crafted input, slow (seconds for a few KB of `[` or `*`),
 * so it never runs on the page's thread: texts go to a worker (parse-client.ts) and show as plain text with
 * links until their AST is back. Texts longer than {@link PARSE_LIMIT} are never parsed at all. Emoji short codes
 * resolve in the renderer (`emoji.ts`).
 */
import { signal, type Signal } from './signals';
import type { ParseClient } from './parse-client';

/** Longer texts show as plain text with links (Rocket.Chat's default message size limit). */
export const PARSE_LIMIT = 5000;

/** The parser's client, loaded with the first text that needs it (it is no part of what the popup loads on open). */
let client: Promise<ParseClient> | null = null;
/** A text the parser failed on or gave up: it stays plain. */
const PLAIN = Symbol('plain');
type Slot = Signal<unknown[] | typeof PLAIN | null>;
/**
 * One slot per text, filled when its parse is back: a message subscribes to its own text only, so a history of
 * a few hundred texts re-renders each message once, not once per finished parse. Newest last; a chat never shows
 * more than a few hundred messages.
 */
const parsed = new Map<string, Slot>();
const CACHE_SIZE = 500;

/** Replaces the parser (tests); the next text is parsed by `next`. */
export function setParseClient(next: ParseClient | null): void {
  client = next && Promise.resolve(next);
  parsed.clear();
}

/** The slot of `text`, its parse started when it is new. */
function slotOf(text: string): Slot {
  const known = parsed.get(text);
  if (known) return known;
  const slot: Slot = signal(null);
  if (parsed.size >= CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
  parsed.set(text, slot);
  client ??= import('./parse-client').then((module) => module.createParseClient());
  client
    .then((parser) => parser.parse(text))
    .then(
      (ast) => (slot.value = ast),
      () => (slot.value = PLAIN),
    );
  return slot;
}

/**
 * The AST to render for a message, or null to render its plain text (with links): while its parse is on its way,
 * when the text is too long to parse, or when the parser gave up. Reading this inside a component subscribes it
 * to the parse's arrival.
 */
export function messageAst(message: { text: string; md?: unknown; delivery?: string }): unknown[] | null {
  if (Array.isArray(message.md) && message.md.length > 0) return message.md;
  if (!message.text) return [];
  // The visitor's own text not yet on the server: the server's `md` follows in a moment, the parser is not needed.
  if (message.delivery === 'pending' || message.delivery === 'failed') return null;
  if (message.text.length > PARSE_LIMIT) return null;
  const ast = slotOf(message.text).value;
  return ast === PLAIN ? null : ast;
}
