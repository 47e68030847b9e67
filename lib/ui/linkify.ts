/**
 * Finds web and mail addresses in plain message text. Only `http:`, `https:` and `mailto:` ever become links;
 * everything else stays text, so a `javascript:` URL typed by anyone is shown, never followed.
 */

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'")\]}>]+$/;
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Returns the normalised href when `raw` is an absolute http(s)/mailto URL, otherwise null. */
export function safeHref(raw: string, base?: string): string | null {
  try {
    const url = new URL(raw, base);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** A trailing ")" belongs to the URL only when it closes a "(" inside it (Wikipedia-style links). */
function trimCandidate(candidate: string): string {
  let url = candidate.replace(TRAILING, '');
  const rest = candidate.slice(url.length);
  if (rest.startsWith(')')) {
    const open = (url.match(/\(/g) ?? []).length;
    const close = (url.match(/\)/g) ?? []).length;
    if (open > close) url += ')';
  }
  return url;
}

/** Splits `text` into plain parts and link parts, in order; joining every part's `text` gives `text` back. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const candidate = trimCandidate(match[0]);
    const href = safeHref(candidate);
    const bare = candidate.replace(/^[a-z]+:(\/\/)?/i, '');
    if (!href || bare.length === 0) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
