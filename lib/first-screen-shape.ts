/** What the stored first screen (lib/first-screen.ts) holds, how the worker makes it, and how a page checks it. */
import type { ChatSnapshot, DeskSummary } from './messaging';
import { isBool, isNum, isObj, isStr, repairMessage, validAgent, validConfig, validQueue } from './shapes';
import type { ChatMessage } from './livechat/types';
import { newestPage } from './first-page';

export const FIRST_SCREEN_VERSION = 1;
/** Newest messages kept: more than a popup's height shows, few enough to render within the first frame. */
export const FIRST_SCREEN_MESSAGES = 20;
/** Characters of messages kept at most (as JSON): long messages leave fewer of them, so the key stays small. */
export const FIRST_SCREEN_MESSAGE_CHARS = 64_000;
/** More desks than this is not a visitor's list; such a value is not used. */
const MAX_DESKS = 100;

export interface FirstScreen {
  v: typeof FIRST_SCREEN_VERSION;
  snapshot: ChatSnapshot;
}

/**
 * What to store for `snapshot`: its newest messages, as many as fit the bounds, and nothing that only holds while
 * the worker runs (the connection, typing, errors, uploads). Until the worker answers, the page is honestly still
 * connecting.
 */
export function firstScreenOf(snapshot: ChatSnapshot): FirstScreen {
  return {
    v: FIRST_SCREEN_VERSION,
    snapshot: {
      ...snapshot,
      connection: { state: 'connecting', attempt: 0 },
      messages: newestPage(snapshot.messages, FIRST_SCREEN_MESSAGES, FIRST_SCREEN_MESSAGE_CHARS),
      agentTyping: null,
      lastError: null,
      notice: null,
      uploads: [],
    },
  };
}

/** The stored first screen as a snapshot to show, or null when there is none or it is not sound. */
export function readFirstScreen(raw: unknown): ChatSnapshot | null {
  if (!isObj(raw) || raw.v !== FIRST_SCREEN_VERSION || !isObj(raw.snapshot)) return null;
  const s = raw.snapshot;
  if (!isStr(s.serverUrl) || !/^https?:/.test(s.serverUrl)) return null;
  if (!Array.isArray(s.desks) || s.desks.length > MAX_DESKS || !s.desks.every(validDesk)) return null;
  if (!Array.isArray(s.messages) || s.messages.length > FIRST_SCREEN_MESSAGES) return null;
  if (JSON.stringify(s.messages).length > FIRST_SCREEN_MESSAGE_CHARS) return null;
  const messages = s.messages.map(repairMessage);
  if (!messages.every((m): m is ChatMessage => m !== null)) return null;
  const visitor = s.visitor;
  if (!isObj(visitor) || !isStr(visitor.name) || !isStr(visitor.email) || !isBool(visitor.registered)) return null;
  const room = s.room;
  const roomOk =
    room === null ||
    (isObj(room) && isStr(room.id) && isBool(room.open) && isBool(room.surveySent) && isBool(room.transcriptSent));
  if (!roomOk || !(s.config === null || validConfig(s.config))) return null;
  if (!(s.agent === null || validAgent(s.agent)) || !(s.queue === null || validQueue(s.queue))) return null;
  if (!isBool(s.hasOlder) || !isNum(s.unread) || s.unread < 0) return null;
  return {
    serverUrl: s.serverUrl,
    desks: s.desks as DeskSummary[],
    connection: { state: 'connecting', attempt: 0 },
    config: s.config,
    visitor: { name: visitor.name, email: visitor.email, registered: visitor.registered },
    room: room && {
      id: room.id as string,
      open: room.open as boolean,
      surveySent: room.surveySent as boolean,
      transcriptSent: room.transcriptSent as boolean,
    },
    hasOlder: s.hasOlder,
    agent: s.agent,
    queue: s.queue,
    messages,
    unread: s.unread,
    agentTyping: null,
    lastError: null,
    notice: null,
    uploads: [],
  };
}

function validDesk(d: unknown): d is DeskSummary {
  return isObj(d) && isStr(d.id) && isStr(d.title) && (d.colour === null || isStr(d.colour)) && isNum(d.unread);
}
