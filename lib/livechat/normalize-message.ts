/**
 * Messages and agent info arrive as DDP EJSON (dates as `Date` or `{$date}`) or REST JSON (ISO strings), with
 * optional fields that vary by server line (SPEC §3.5). Normalised here into `ChatMessage` / `AgentInfo`.
 */
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

/** Normalises one raw message; returns null when it lacks the fields a message must have (`_id`, `rid`). */
export function normalizeMessage(raw: unknown, context: MessageContext): ChatMessage | null {
  const m = obj(raw);
  const id = str(m._id);
  const rid = str(m.rid);
  if (!id || !rid) return null;
  const u = obj(m.u);
  const type = str(m.t) || null;
  const ts = toMillis(m.ts);
  const from: ChatMessage['from'] = type ? 'system' : m.token === context.token ? 'visitor' : 'agent';
  return {
    id,
    rid,
    text: str(m.msg),
    ts,
    updatedAt: toMillis(m._updatedAt, ts),
    editedAt: m.editedAt === undefined || m.editedAt === null ? null : toMillis(m.editedAt),
    author: { id: str(u._id), username: str(u.username), name: str(u.name) || str(m.alias) || str(u.username) },
    from,
    type,
    ...(Array.isArray(m.md) ? { md: m.md } : {}),
    attachments: list(m.attachments)
      .map((a) => normalizeAttachment(a, context.baseUrl))
      .filter((a): a is Attachment => a !== null),
  };
}

/** Agent info from `getAgentData`, `agent.info`, config or an `agentData` stream event. */
export function normalizeAgent(raw: unknown): AgentInfo | null {
  const a = obj(raw);
  if (a.hiddenInfo === true) return { id: '', name: '', username: '', status: 'unknown', hidden: true };
  const id = str(a._id);
  if (!id && !str(a.username)) return null;
  return {
    id,
    name: str(a.name) || str(a.username),
    username: str(a.username),
    status: agentStatus(a.status),
    hidden: false,
  };
}

/** A presence string from the server, constrained to the statuses we display. */
export function agentStatus(value: unknown): AgentInfo['status'] {
  return value === 'online' || value === 'away' || value === 'busy' || value === 'offline' ? value : 'unknown';
}

function normalizeAttachment(raw: unknown, baseUrl: string): Attachment | null {
  const a = obj(raw);
  const link = safeUrl(str(a.title_link) || str(a.image_url), baseUrl);
  if (!link) return null;
  const image = safeUrl(str(a.image_url), baseUrl);
  return {
    title: str(a.title) || link,
    url: link,
    ...(image ? { imageUrl: image } : {}),
    ...(str(a.image_type) ? { type: str(a.image_type) } : {}),
    ...(typeof a.image_size === 'number' ? { size: a.image_size } : {}),
    ...(str(a.description) ? { description: str(a.description) } : {}),
  };
}

/** Resolves a link against the server and keeps it only if it is http(s): no `javascript:` or `data:` links. */
export function safeUrl(link: string, baseUrl: string): string | null {
  if (!link) return null;
  try {
    const url = new URL(link, `${baseUrl.replace(/\/+$/, '')}/`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
