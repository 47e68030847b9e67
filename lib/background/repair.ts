/**
 * Stored data is checked field by field when the worker starts: storage can hold anything (an older or newer
 * version's shape, a half-written value, another tool's edits). What is sound is kept — above all a valid visitor
 * token, which is the visitor's conversation — what is not is repaired to its default or dropped, and the caller
 * learns that something was reset so the chat can say so instead of spinning forever.
 */
import { clip, MAX_FIELD_CHARS, mdWithinBounds } from '../livechat/bounds';
import type { AgentInfo, Attachment, ChatMessage, LivechatConfig, QueueInfo, VideoCall } from '../livechat/types';
import { DEFAULT_SETTINGS, type VisitorSettings } from '../settings';
import { LINE_CHARS } from './archive';
import type { DeskRecord, PastRoom } from './desk';

export interface Repaired<T> {
  value: T;
  /** True when anything stored had to be changed or dropped. */
  reset: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const strs = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);

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

function validAgent(a: unknown): a is AgentInfo {
  return (
    isObj(a) &&
    isStr(a.id) &&
    isStr(a.name) &&
    isStr(a.username) &&
    isBool(a.hidden) &&
    ['online', 'away', 'busy', 'offline', 'unknown'].includes(a.status as string)
  );
}

function validQueue(q: unknown): q is QueueInfo {
  return (
    isObj(q) && isNum(q.spot) && (q.estimatedWaitSeconds === null || isNum(q.estimatedWaitSeconds)) && isStr(q.message)
  );
}

/** The configuration is a cache of the server's (read again on every connect): any flaw discards it whole. */
function validConfig(c: unknown): c is LivechatConfig {
  if (!isObj(c) || !isObj(c.messages) || !isObj(c.survey)) return false;
  const bools = ['enabled', 'online', 'registrationForm', 'nameField', 'emailField', 'allowSwitchingDepartments'];
  const more = ['displayOfflineForm', 'fileUpload', 'transcript', 'showConnecting', 'agentHiddenInfo'];
  const last = ['forceDataProcessingConsent', 'visitorsCanCloseChat'];
  const texts = ['title', 'color', 'offlineTitle', 'offlineColor', 'language'];
  return (
    [...bools, ...more, ...last].every((k) => isBool(c[k])) &&
    texts.every((k) => isStr(c[k])) &&
    Object.values(c.messages).every(isStr) &&
    (c.limitTextLength === null || isNum(c.limitTextLength)) &&
    strs(c.hiddenSystemMessages) &&
    strs(c.survey.items) &&
    strs(c.survey.values) &&
    Array.isArray(c.departments) &&
    c.departments.every((d) => isObj(d) && isStr(d.id) && isStr(d.name)) &&
    Array.isArray(c.customFields) &&
    c.customFields.every((f) => isObj(f) && isStr(f.id) && isStr(f.label) && strs(f.options)) &&
    (c.triggers === undefined || validTriggers(c.triggers)) &&
    (c.uploadLimits === undefined ||
      (isObj(c.uploadLimits) &&
        (c.uploadLimits.maxBytes === null || isNum(c.uploadLimits.maxBytes)) &&
        strs(c.uploadLimits.accepted) &&
        strs(c.uploadLimits.blocked))) &&
    (c.room === null || (isObj(c.room) && isStr(c.room.id))) &&
    (c.agent === null || validAgent(c.agent)) &&
    (c.guest === null || (isObj(c.guest) && isStr(c.guest.id) && isStr(c.guest.name) && isStr(c.guest.email)))
  );
}

function validTriggers(triggers: unknown): boolean {
  return (
    Array.isArray(triggers) &&
    triggers.every(
      (t) =>
        isObj(t) &&
        isStr(t.id) &&
        isBool(t.runOnce) &&
        isObj(t.condition) &&
        isStr(t.condition.name) &&
        isObj(t.action) &&
        isStr(t.action.text) &&
        isStr(t.action.agentName),
    )
  );
}

/** One stored message, or null when it lacks what a message must have. */
function repairMessage(raw: unknown): ChatMessage | null {
  if (!isObj(raw) || !isStr(raw.id) || !raw.id || !isStr(raw.rid) || !isStr(raw.text) || !isNum(raw.ts)) return null;
  if (!['visitor', 'agent', 'system'].includes(raw.from as string)) return null;
  const author = isObj(raw.author) ? raw.author : {};
  const delivery = ['pending', 'sent', 'failed'].includes(raw.delivery as string)
    ? (raw.delivery as ChatMessage['delivery'])
    : undefined;
  return {
    id: raw.id,
    rid: raw.rid,
    text: raw.text,
    ts: raw.ts,
    updatedAt: isNum(raw.updatedAt) ? raw.updatedAt : raw.ts,
    editedAt: isNum(raw.editedAt) ? raw.editedAt : null,
    author: {
      id: isStr(author.id) ? author.id : '',
      username: isStr(author.username) ? author.username : '',
      name: isStr(author.name) ? clip(author.name, MAX_FIELD_CHARS) : '',
    },
    from: raw.from as ChatMessage['from'],
    type: isStr(raw.type) ? raw.type : null,
    ...(Array.isArray(raw.md) && mdWithinBounds(raw.md) ? { md: raw.md } : {}),
    attachments: Array.isArray(raw.attachments) ? raw.attachments.filter(validAttachment) : [],
    ...(validCall(raw.call) ? { call: { url: raw.call.url, ended: raw.call.ended } } : {}),
    ...(raw.shortened === true ? { shortened: true as const } : {}),
    ...(raw.trigger === true ? { trigger: true as const } : {}),
    ...(delivery ? { delivery } : {}),
  };
}

function validCall(c: unknown): c is VideoCall {
  return isObj(c) && isBool(c.ended) && (c.url === null || (isStr(c.url) && /^https?:/.test(c.url)));
}

function validAttachment(a: unknown): a is Attachment {
  return isObj(a) && isStr(a.title) && isStr(a.url) && /^https?:/.test(a.url);
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
