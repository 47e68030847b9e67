/**
 * A copy of a conversation the visitor keeps (issue 11 §3): a self-contained HTML page and a plain-text file,
 * made locally from what the extension holds. Pure: texts, the system-message line and the time format come from
 * the caller (the UI passes its localized ones), so it runs in plain Node.
 *
 * The page loads nothing and runs nothing: its only CSS is inline, a Content-Security-Policy forbids everything
 * else, every text is escaped, and files and images are links (only http(s) ones) — never an `<img>` to the server.
 * Links lose the visitor's file credentials (`rc_token`…, lib/livechat/file-access.ts): a file that may be passed
 * on must not carry the visitor's token.
 */
import type { ChatMessage } from '../livechat/types';

export interface ExportLabels {
  /** The page's heading, e.g. "Conversation with Acme Support". */
  heading: string;
  /** The line under it, e.g. "Saved on 7 Dec 2026, 01:05 · https://chat.example.com". */
  subtitle: string;
  /** The author shown for the visitor's own messages without a name. */
  you: string;
  /** The author shown for an agent without a name. */
  agent: string;
  /** "(edited)" */
  edited: string;
}

export interface ConversationExport {
  /**
   * The desk's name and colours: its accent and the text colour readable on it (lib/ui/format.ts `accentPair`);
   * anything but a hex colour falls back to a neutral one.
   */
  desk: { title: string; accent: string; onAccent: string };
  messages: readonly ChatMessage[];
  labels: ExportLabels;
  /** The line a system message reads as (lib/ui/system-text.ts), or null for one the chat does not show. */
  systemLine: (message: ChatMessage) => string | null;
  /** A message's time as the visitor reads it. */
  formatTime: (ts: number) => string;
  /** The document's language tag (`en`, `pt-BR`, …). */
  lang: string;
}

interface Entry {
  message: ChatMessage;
  time: string;
  /** Set for a system message: the line it reads as. */
  system: string | null;
  author: string;
  links: Array<{ title: string; url: string }>;
}

const FALLBACK_COLOR = '#4b5563';
const CREDENTIALS = ['rc_token', 'rc_rid', 'rc_room_type', 'rc_uid'];

/** The conversation as a self-contained HTML document (no script, no remote load). */
export function conversationHtml(input: ConversationExport): string {
  const color = safeColor(input.desk.accent, FALLBACK_COLOR);
  const onColor = safeColor(input.desk.onAccent, '#ffffff');
  // Links sit on white: the accent only where white text reads on it (so it is dark enough), else ink.
  const linkColor = onColor.toLowerCase() === '#ffffff' ? color : '#111827';
  const items = entries(input).map((entry) => {
    const when = `<time datetime="${esc(new Date(entry.message.ts).toISOString())}">${esc(entry.time)}</time>`;
    if (entry.system !== null) return `<li class="system"><span>${esc(entry.system)}</span> ${when}</li>`;
    const edited = entry.message.editedAt !== null ? ` <span class="edited">${esc(input.labels.edited)}</span>` : '';
    const text = entry.message.text ? `<div class="text">${esc(entry.message.text)}</div>` : '';
    const links = entry.links.length
      ? `<ul class="files">${entry.links
          .map((link) => `<li><a href="${esc(link.url)}" rel="noopener noreferrer">${esc(link.title)}</a></li>`)
          .join('')}</ul>`
      : '';
    return `<li class="${entry.message.from === 'visitor' ? 'visitor' : 'agent'}"><div class="meta"><b>${esc(
      entry.author,
    )}</b> ${when}${edited}</div>${text}${links}</li>`;
  });
  return `<!doctype html>
<html lang="${esc(input.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.labels.heading)}</title>
<style>
body{margin:0;font:15px/1.45 system-ui,sans-serif;color:#111827;background:#f6f7f9}
header{background:${color};color:${onColor};padding:20px 24px}
h1{margin:0;font-size:20px}
header p{margin:4px 0 0;opacity:.85;font-size:13px}
ol{list-style:none;margin:0 auto;padding:16px;max-width:760px}
li{margin:0 0 12px}
.meta{font-size:12px;color:#5b6472;margin-bottom:2px}
.meta b{color:#111827}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #dfe3e8;border-radius:12px;padding:8px 12px;display:inline-block;max-width:100%;box-sizing:border-box}
.visitor{text-align:right}
.visitor .text{background:${color};color:${onColor};border-color:${color};text-align:left}
.system{text-align:center;font-size:13px;color:#5b6472}
.files{list-style:none;padding:0;margin:4px 0 0}
.files li{margin:0}
a{color:${linkColor};overflow-wrap:anywhere}
.edited{font-style:italic}
</style>
</head>
<body>
<header><h1>${esc(input.labels.heading)}</h1><p>${esc(input.labels.subtitle)}</p></header>
<main><ol>
${items.join('\n')}
</ol></main>
</body>
</html>
`;
}

/** The conversation as plain text: one block per message, files as `title <url>`. */
export function conversationText(input: ConversationExport): string {
  const lines = [input.labels.heading, input.labels.subtitle, ''];
  for (const entry of entries(input)) {
    if (entry.system !== null) {
      lines.push(`[${entry.time}] — ${entry.system} —`, '');
      continue;
    }
    const edited = entry.message.editedAt !== null ? ` ${input.labels.edited}` : '';
    lines.push(`[${entry.time}] ${entry.author}${edited}:`);
    if (entry.message.text) lines.push(...entry.message.text.split(/\r?\n/).map((line) => `  ${line}`));
    for (const link of entry.links) lines.push(`  ${link.title} <${link.url}>`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** `acme-support-2026-12-07-0105.html`: the desk's name and the time, safe on every file system. */
export function exportFileName(title: string, at: number, extension: 'html' | 'txt'): string {
  const slug =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'conversation';
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
  return `${slug}-${stamp}.${extension}`;
}

/** Every message once (by room and id), oldest first; a system message the chat hides stays out. */
function entries(input: ConversationExport): Entry[] {
  const seen = new Set<string>();
  const unique = input.messages.filter((m) => {
    const key = `${m.rid}\u0000${m.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const ordered = unique
    .map((message, index) => ({ message, index }))
    .toSorted((a, b) => a.message.ts - b.message.ts || a.index - b.index)
    .map(({ message }) => message);
  const result: Entry[] = [];
  for (const message of ordered) {
    const isSystem = message.type !== null || message.from === 'system';
    const system = isSystem ? input.systemLine(message) : null;
    if (isSystem && system === null) continue;
    result.push({
      message,
      time: input.formatTime(message.ts),
      system,
      author:
        message.author.name ||
        message.author.username ||
        (message.from === 'visitor' ? input.labels.you : input.labels.agent),
      links: message.attachments.flatMap((a) => {
        const url = safeLink(a.url) ?? safeLink(a.imageUrl);
        return url ? [{ title: a.title || url, url }] : [];
      }),
    });
  }
  return result;
}

/** The link without the visitor's file credentials, or null unless it is an absolute http(s) URL. */
function safeLink(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  for (const name of CREDENTIALS) url.searchParams.delete(name);
  return url.toString();
}

function safeColor(color: string, fallback: string): string {
  return /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? color : fallback;
}

function esc(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
