/**
 * Stored data is checked field by field when the worker starts: storage can hold anything (an older or newer
 * version's shape, a half-written value, another tool's edits). What is sound is kept — above all a valid visitor
 * token, which is the visitor's conversation — what is not is repaired to its default or dropped, and the caller
 * learns that something was reset so the chat can say so instead of spinning forever.
 */
import { clip, MAX_FIELD_CHARS } from '../livechat/bounds';
import type { ChatMessage } from '../livechat/types';
import { DEFAULT_SETTINGS, type VisitorSettings } from '../settings';
import { LINE_CHARS } from './archive';
import type { DeskRecord, PastRoom } from './desk';
import {
  isBool,
  isNum,
  isObj,
  isStr,
  repairMessage,
  strs,
  validAgent,
  validConfig,
  validQueue,
  type Obj,
} from '../shapes';

export interface Repaired<T> {
  value: T;
  /** True when anything stored had to be changed or dropped. */
  reset: boolean;
}

/** The stored desks, repaired; `undefined` (nothing stored) is not a reset. */
export function repairDesks(raw: unknown): Repaired<Record<string, DeskRecord>> {
  if (raw === undefined || raw === null) return { value: {}, reset: false };
  if (!isObj(raw)) return { value: {}, reset: true };
  let reset = false;
  const value: Record<string, DeskRecord> = {};
  for (const [url, stored] of Object.entries(raw)) {
    const desk = repairDesk(url, stored);
    if (desk.value) value[url] = desk.value;
    reset ||= desk.reset;
  }
  return { value, reset };
}

/** One desk; null when it cannot be kept (without a valid token it is no one's conversation). */
function repairDesk(url: string, raw: unknown): Repaired<DeskRecord | null> {
  if (!isObj(raw) || !isStr(raw.token) || !raw.token || raw.token.length > MAX_FIELD_CHARS || !/^https?:/.test(url)) {
    return { value: null, reset: true };
  }
  let reset = false;
  /** The stored field when `ok` says it is sound, else `fallback` (and the desk counts as reset). */
  const keep = <T>(stored: unknown, ok: (v: unknown) => boolean, fallback: T): T => {
    if (ok(stored)) return stored as T;
    if (stored !== undefined) reset = true;
    return fallback;
  };
  const visitor = isObj(raw.visitor) ? raw.visitor : {};
  if (!isObj(raw.visitor)) reset = true;
  const list = Array.isArray(raw.messages) ? raw.messages : [];
  if (!Array.isArray(raw.messages)) reset = true;
  const messages = list.map(repairMessage).filter((m): m is ChatMessage => m !== null);
  if (messages.length !== list.length) reset = true;
  const archive = repairArchive(raw.archive);
  const caps = isObj(raw.caps) ? Object.entries(raw.caps).filter(([, path]) => isStr(path)) : [];
  if (!isObj(raw.caps) || caps.length !== Object.keys(raw.caps).length) reset = true;
  const desk: DeskRecord = {
    serverUrl: url,
    token: raw.token,
    visitor: {
      id: keep(visitor.id, isStr, ''),
      username: keep(visitor.username, isStr, ''),
      name: keep(visitor.name, isStr, ''),
      email: keep(visitor.email, isStr, ''),
      registered: keep(visitor.registered, isBool, false),
    },
    room: keep(raw.room, (r) => r === null || validRoom(r), null),
    historyComplete: keep(raw.historyComplete, isBool, false),
    config: keep(raw.config, (c) => c === null || validConfig(c), null),
    agent: keep(raw.agent, (a) => a === null || validAgent(a), null),
    queue: keep(raw.queue, (q) => q === null || validQueue(q), null),
    messages,
    unread: keep(raw.unread, (n) => isNum(n) && n >= 0, 0),
    notifiedUpTo: keep(raw.notifiedUpTo, isNum, 0),
    caps: Object.fromEntries(caps) as Record<string, string>,
    firedTriggers: keep(raw.firedTriggers, strs, []),
    archive: archive.value,
    archiveTrimmed: keep(raw.archiveTrimmed, isBool, false),
  };
  return { value: desk, reset: reset || archive.reset };
}

/**
 * The past conversations: an entry without an id is dropped, a damaged field gets its default, a damaged message
 * goes; a missing archive (a shape before v4 that escaped its migration) is an empty one.
 */
function repairArchive(raw: unknown): Repaired<PastRoom[]> {
  if (raw === undefined) return { value: [], reset: false };
  if (!Array.isArray(raw)) return { value: [], reset: true };
  let reset = false;
  const value: PastRoom[] = [];
  const seen = new Set<string>();
  for (const entry of raw) {
    if (!isObj(entry) || !isStr(entry.id) || !entry.id || seen.has(entry.id)) {
      reset = true;
      continue;
    }
    seen.add(entry.id);
    const list = Array.isArray(entry.messages) ? entry.messages : [];
    const messages = list.map(repairMessage).filter((m): m is ChatMessage => m !== null && m.rid === entry.id);
    const agent = isObj(entry.agent) && isStr(entry.agent.name) && isStr(entry.agent.username) ? entry.agent : null;
    const past: PastRoom = {
      id: entry.id,
      agent: agent && { name: clip(agent.name as string, MAX_FIELD_CHARS), username: agent.username as string },
      openedAt: isNum(entry.openedAt) ? entry.openedAt : (messages[0]?.ts ?? 0),
      closedAt: isNum(entry.closedAt) || entry.closedAt === null ? entry.closedAt : (messages.at(-1)?.ts ?? null),
      firstLine: isStr(entry.firstLine) ? clip(entry.firstLine, LINE_CHARS) : '',
      lastLine: isStr(entry.lastLine) ? clip(entry.lastLine, LINE_CHARS) : '',
      closed: isBool(entry.closed) ? entry.closed : true,
      messages,
      historyComplete: entry.historyComplete === true && messages.length === list.length,
    };
    const sound =
      messages.length === list.length &&
      Array.isArray(entry.messages) &&
      (entry.agent === null || past.agent !== null) &&
      isNum(entry.openedAt) &&
      past.closedAt === entry.closedAt &&
      past.firstLine === entry.firstLine &&
      past.lastLine === entry.lastLine &&
      isBool(entry.closed) &&
      isBool(entry.historyComplete);
    reset ||= !sound;
    value.push(past);
  }
  return { value, reset };
}

function validRoom(r: unknown): boolean {
  return (
    isObj(r) &&
    isStr(r.id) &&
    r.id !== '' &&
    isBool(r.open) &&
    isBool(r.confirmed) &&
    (r.surveySent === undefined || isBool(r.surveySent)) &&
    (r.transcriptSent === undefined || isBool(r.transcriptSent))
  );
}

/** The stored settings, repaired field by field (fields this version does not know are kept as they are). */
export function repairSettings(raw: unknown): Repaired<VisitorSettings> {
  if (raw === undefined || raw === null) return { value: DEFAULT_SETTINGS, reset: false };
  if (!isObj(raw)) return { value: DEFAULT_SETTINGS, reset: true };
  const value = { ...raw } as Obj;
  let reset = false;
  for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    if (typeof value[key] === typeof fallback) continue;
    if (value[key] !== undefined) reset = true;
    value[key] = fallback;
  }
  return { value: value as unknown as VisitorSettings, reset };
}
