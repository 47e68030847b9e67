/**
 * Messages and agent info arrive as DDP EJSON (dates as `Date` or `{$date}`) or REST JSON (ISO strings), with
 * optional fields that vary by server line (SPEC §3.5). Normalised here into `ChatMessage` / `AgentInfo`.
 */
import {
  clip,
  MAX_ATTACHMENT_TEXT_CHARS,
  MAX_ATTACHMENTS,
  MAX_FIELD_CHARS,
  MAX_TEXT_CHARS,
  MAX_URL_CHARS,
  mdWithinBounds,
} from './bounds';
import { withFileAccess, type FileAccess } from './file-access';
import { normalizeCall } from './normalize-call';
import { list, obj, str, type Obj } from './read';
import type { AgentInfo, Attachment, ChatMessage } from './types';

export interface MessageContext {
  /** The visitor's token: messages carrying it are the visitor's own. */
  token: string;
  /** Server URL, to resolve relative attachment links. */
  baseUrl: string;
}

/** The furthest from 1970 a `Date` reaches; a time beyond it cannot be formatted (and would throw in the UI). */
const MAX_DATE_MS = 8.64e15;

/** Any timestamp form Rocket.Chat uses → epoch ms, or `fallback` when absent, unreadable or out of range. */
export function toMillis(value: unknown, fallback = 0): number {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? fallback : value.getTime();
  if (typeof value === 'number') return Math.abs(value) <= MAX_DATE_MS ? value : fallback;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? fallback : ms;
  }
  if (typeof value === 'object' && value !== null && '$date' in value) return toMillis((value as Obj).$date, fallback);
  return fallback;
}

/**
 * Normalises one raw message; returns null when it lacks the fields a message must have (`_id`, `rid`). Every part
 * is held to the bounds of `./bounds`: what is cut marks the message `shortened`, and a markdown tree beyond its
 * bounds is replaced by the text as plain text.
 */
export function normalizeMessage(raw: unknown, context: MessageContext): ChatMessage | null {
  const m = obj(raw);
  const id = str(m._id);
  const rid = str(m.rid);
  if (!id || !rid || id.length > MAX_FIELD_CHARS || rid.length > MAX_FIELD_CHARS) return null;
  const u = obj(m.u);
  const type = field(m.t) || null;
  const ts = toMillis(m.ts);
  const from: ChatMessage['from'] = type ? 'system' : m.token === context.token ? 'visitor' : 'agent';
  const fullText = str(m.msg);
  const text = clip(fullText, MAX_TEXT_CHARS);
  const rawAttachments = list(m.attachments);
  const attachments = rawAttachments
    .slice(0, MAX_ATTACHMENTS)
    .map((a) => normalizeAttachment(a, { baseUrl: context.baseUrl, token: context.token, rid }))
    .filter((a): a is Attachment & { cut: boolean } => a !== null);
  const shortened =
    text.length < fullText.length || rawAttachments.length > MAX_ATTACHMENTS || attachments.some((a) => a.cut);
  const call = normalizeCall(m, type, { baseUrl: context.baseUrl, token: context.token, rid });
  return {
    id,
    rid,
    text,
    ts,
    updatedAt: toMillis(m._updatedAt, ts),
    editedAt: m.editedAt === undefined || m.editedAt === null ? null : toMillis(m.editedAt),
    author: {
      id: field(u._id),
      username: field(u.username),
      name: field(u.name) || field(m.alias) || field(u.username),
    },
    from,
    type,
    ...markdown(m.md, text, text.length < fullText.length),
    attachments: attachments.map(({ cut: _cut, ...a }) => a),
    ...(call ? { call } : {}),
    ...(shortened ? { shortened: true } : {}),
  };
}

/** The server's `md` when it is within bounds and describes the whole text; else the text as plain text. */
function markdown(md: unknown, text: string, textCut: boolean): { md?: unknown } {
  if (!Array.isArray(md)) return {};
  if (!textCut && mdWithinBounds(md)) return { md };
  return { md: [{ type: 'PARAGRAPH', value: [{ type: 'PLAIN_TEXT', value: text }] }] };
}

/** A short server string (id, name, type) within {@link MAX_FIELD_CHARS}. */
function field(value: unknown): string {
  return clip(str(value), MAX_FIELD_CHARS);
}

/** Agent info from `getAgentData`, `agent.info`, config or an `agentData` stream event. */
export function normalizeAgent(raw: unknown): AgentInfo | null {
  const a = obj(raw);
  if (a.hiddenInfo === true) return { id: '', name: '', username: '', status: 'unknown', hidden: true };
  const id = field(a._id);
  if (!id && !field(a.username)) return null;
  return {
    id,
    name: field(a.name) || field(a.username),
    username: field(a.username),
    status: agentStatus(a.status),
    hidden: false,
  };
}

/** A presence string from the server, constrained to the statuses we display. */
export function agentStatus(value: unknown): AgentInfo['status'] {
  return value === 'online' || value === 'away' || value === 'busy' || value === 'offline' ? value : 'unknown';
}

/** An attachment; links to the desk's own uploads carry the visitor's file credentials (`withFileAccess`). */
function normalizeAttachment(raw: unknown, access: FileAccess): (Attachment & { cut: boolean }) | null {
  const a = obj(raw);
  const link = safeUrl(str(a.title_link) || str(a.image_url), access.baseUrl);
  if (!link) return null;
  const image = safeUrl(str(a.image_url), access.baseUrl);
  const title = str(a.title);
  const description = str(a.description);
  const size = a.image_size;
  return {
    title: clip(title, MAX_ATTACHMENT_TEXT_CHARS) || link,
    url: withFileAccess(link, access),
    ...(image ? { imageUrl: withFileAccess(image, access) } : {}),
    ...(field(a.image_type) ? { type: field(a.image_type) } : {}),
    ...(typeof size === 'number' && Number.isFinite(size) ? { size } : {}),
    ...(description ? { description: clip(description, MAX_ATTACHMENT_TEXT_CHARS) } : {}),
    cut: title.length > MAX_ATTACHMENT_TEXT_CHARS || description.length > MAX_ATTACHMENT_TEXT_CHARS,
  };
}

/** Resolves a link against the server and keeps it only if it is http(s): no `javascript:` or `data:` links. */
export function safeUrl(link: string, baseUrl: string): string | null {
  if (!link || link.length > MAX_URL_CHARS) return null;
  try {
    const url = new URL(link, `${baseUrl.replace(/\/+$/, '')}/`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
