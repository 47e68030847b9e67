/**
 * The bounds every inbound message and desk configuration is held to on arrival (issue 14, item 3). The server
 * and its agents are third parties: whatever they send is cut to these sizes in the normalisers before anything
 * stores it, posts it to a UI or renders it, so no single message can wedge a port, fill storage or stall a page.
 * What exceeds a bound is kept as far as it fits and marked (`ChatMessage.shortened`, shown as "Message
 * shortened"), or, for a markdown tree, replaced by the message's text shown as plain text.
 */

/** Longest message text kept, in UTF-16 code units; the rest is cut off and the message marked shortened. */
export const MAX_TEXT_CHARS = 20_000;

/**
 * Deepest nesting of objects in a message's markdown tree (`md`). Real messages stay far below (a quoted list of
 * bold links is about ten); a deeper tree is dropped and the text shows as plain text.
 */
export const MAX_MD_DEPTH = 32;

/** Most objects (nodes) in one markdown tree; a larger tree is dropped and the text shows as plain text. */
export const MAX_MD_NODES = 2_000;

/** Most characters in all the strings of one markdown tree together; beyond, the tree is dropped likewise. */
export const MAX_MD_CHARS = 2 * MAX_TEXT_CHARS;

/** Most attachments kept per message; the rest are left out and the message marked shortened. */
export const MAX_ATTACHMENTS = 10;

/** Longest attachment title or description kept (characters); longer ones are cut and marked shortened. */
export const MAX_ATTACHMENT_TEXT_CHARS = 2_000;

/** Longest link (attachment, image) accepted; a longer one is dropped with its attachment. */
export const MAX_URL_CHARS = 4_096;

/** Longest id, name, user name, type or status string kept from the server (characters). */
export const MAX_FIELD_CHARS = 256;

/** Longest free text in the desk configuration (titles, offline and consent texts), in characters. */
export const MAX_CONFIG_TEXT_CHARS = 5_000;

/** Most departments, custom fields, options per field, hidden system types and survey items kept from a config. */
export const MAX_CONFIG_ITEMS = 200;

/** `text` cut to `max` characters (never splitting a surrogate pair). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * True when a markdown tree stays within {@link MAX_MD_DEPTH}, {@link MAX_MD_NODES} and {@link MAX_MD_CHARS}.
 * Walks iteratively and stops at the first excess, so a tree nested thousands deep costs no deep recursion.
 */
export function mdWithinBounds(md: unknown): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: md, depth: 0 }];
  let nodes = 0;
  let chars = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      chars += value.length;
      if (chars > MAX_MD_CHARS) return false;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const isArray = Array.isArray(value);
    const level = isArray ? depth : depth + 1;
    if (!isArray) nodes += 1;
    if (level > MAX_MD_DEPTH || nodes > MAX_MD_NODES) return false;
    const children = isArray ? value : Object.values(value);
    // Every child is pushed at most once, so a wide flat array counts against the node bound as it goes.
    if (stack.length + children.length > MAX_MD_NODES * 4) return false;
    for (const child of children) stack.push({ value: child, depth: level });
  }
  return true;
}
