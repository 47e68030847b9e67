/**
 * Checks of the stored shapes of the server's data (configuration, agent, queue, messages), for the worker's repair
 * on start. Storage can hold anything, so each is checked field by field before it is used. (The chat page's
 * stored first screen is checked whole instead: a checksum of what the worker wrote, see lib/first-screen.ts.)
 */
import { clip, MAX_FIELD_CHARS, mdWithinBounds } from './livechat/bounds';
import type { AgentInfo, Attachment, ChatMessage, LivechatConfig, QueueInfo, VideoCall } from './livechat/types';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isStr = (v: unknown): v is string => typeof v === 'string';
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
export const strs = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);

/** A stored agent as the header shows it. */
export function validAgent(a: unknown): a is AgentInfo {
  return (
    isObj(a) &&
    isStr(a.id) &&
    isStr(a.name) &&
    isStr(a.username) &&
    isBool(a.hidden) &&
    ['online', 'away', 'busy', 'offline', 'unknown'].includes(a.status as string)
  );
}

/** A stored queue position. */
export function validQueue(q: unknown): q is QueueInfo {
  return (
    isObj(q) && isNum(q.spot) && (q.estimatedWaitSeconds === null || isNum(q.estimatedWaitSeconds)) && isStr(q.message)
  );
}

/** The configuration is a cache of the server's (read again on every connect): any flaw discards it whole. */
export function validConfig(c: unknown): c is LivechatConfig {
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
export function repairMessage(raw: unknown): ChatMessage | null {
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
