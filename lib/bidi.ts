/**
 * Bidirectional-text controls in words from the server or an agent. An override (U+202E) makes `gnp.exe` read
 * as `exe.png`, and isolating the text (`<bdi>`, `dir=auto`) does not help because the override still applies
 * inside. The embeddings, overrides and isolates (U+202A–202E, U+2066–2069) are removed wherever such words are
 * shown; the browser's own bidi algorithm still lays out Arabic or Hebrew correctly without them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `text` without bidi embedding, override and isolate controls. */
export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
