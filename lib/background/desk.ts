/**
 * A desk is one Rocket.Chat server with this browser's visitor on it: token, room, messages, what we learnt about
 * the server. Persisted per server origin (DECISIONS #11, #12) so a worker or browser restart loses nothing; how
 * it is laid out in storage is `desk-store.ts`'s job.
 */
import { storage } from 'wxt/utils/storage';
import type { ApiPath } from '../livechat/paths';
import type { AgentInfo, ChatMessage, LivechatConfig, QueueInfo } from '../livechat/types';

export interface DeskRecord {
  serverUrl: string;
  token: string;
  visitor: { id: string; username: string; name: string; email: string; registered: boolean };
  /**
   * `confirmed`: the server told us this id; otherwise it is the id we propose for the room to be created.
   * `surveySent` / `transcriptSent`: what the visitor did after the room closed.
   */
  room: { id: string; open: boolean; confirmed: boolean; surveySent?: boolean; transcriptSent?: boolean } | null;
  /** The server has no messages older than the oldest we hold for this room. */
  historyComplete: boolean;
  config: LivechatConfig | null;
  agent: AgentInfo | null;
  queue: QueueInfo | null;
  /** Oldest first; the visitor's undelivered messages are here with `delivery: 'pending'` (the outbox). */
  messages: ChatMessage[];
  unread: number;
  /** Newest agent-message time the visitor has been told about (notification or open UI). */
  notifiedUpTo: number;
  caps: Record<string, ApiPath>;
  /** Ids of the desk's `runOnce` triggers that fired for this visitor: they never fire again, across restarts. */
  firedTriggers: string[];
  /** The visitor's earlier conversations on this desk, oldest first (the current one is `room`). */
  archive: PastRoom[];
  /** Older conversations were removed to keep storage within its budget (the list says so). */
  archiveTrimmed: boolean;
}

/**
 * A conversation the visitor had before the current one, kept with its messages so it can be read again after
 * the server forgot it or stopped answering for it. Replaced whole on every change, never mutated.
 */
export interface PastRoom {
  id: string;
  /** Who served it, as last known (null: no agent joined, or the desk hides agents). */
  agent: { name: string; username: string } | null;
  /** Epoch ms of its first message we know of, and of the moment it was left (null while open). */
  openedAt: number;
  closedAt: number | null;
  /** Its first and last words (visitor's or agent's), cut short for the list. */
  firstLine: string;
  lastLine: string;
  closed: boolean;
  /** Oldest first, within the storage budget. */
  messages: ChatMessage[];
  /** The server has no messages older than the oldest we hold. */
  historyComplete: boolean;
}

/** The third stored shape (v3): one room, no archive of earlier ones. */
export type DeskRecordV3 = Omit<DeskRecord, 'archive' | 'archiveTrimmed'>;

/** The second stored shape (v2): no record of fired triggers. */
export type DeskRecordV2 = Omit<DeskRecordV3, 'firedTriggers'>;

/** The first stored shape (v1): no history paging state, no after-close flags on the room. */
export interface DeskRecordV1 extends Omit<DeskRecordV2, 'historyComplete' | 'room'> {
  room: { id: string; open: boolean; confirmed: boolean } | null;
}

/**
 * v1 → v2: a restored desk does not know whether older history exists, so it assumes it does. Whatever is not a
 * desk is passed on as it is, for the worker's repair (`repair.ts`) to judge.
 */
export function migrateDesksV2(old: Record<string, DeskRecordV1>): Record<string, DeskRecordV2> {
  if (typeof old !== 'object' || old === null) return old;
  return Object.fromEntries(
    Object.entries(old).map(([url, desk]) => [
      url,
      typeof desk === 'object' && desk !== null
        ? {
            ...desk,
            room: desk.room && { surveySent: false, transcriptSent: false, ...desk.room },
            historyComplete: false,
          }
        : desk,
    ]),
  );
}

/** v2 → v3: no trigger has fired yet. Whatever is not a desk is passed on for the repair to judge. */
export function migrateDesksV3(old: Record<string, DeskRecordV2>): Record<string, DeskRecordV3> {
  if (typeof old !== 'object' || old === null) return old;
  return Object.fromEntries(
    Object.entries(old).map(([url, desk]) => [
      url,
      typeof desk === 'object' && desk !== null ? { ...desk, firedTriggers: [] } : desk,
    ]),
  );
}

/**
 * v3 → v4: no earlier conversation was kept. The one room v3 holds stays the current room, open or closed, with its
 * messages (undelivered ones included); a closed one joins the archive when the visitor starts a new chat.
 */
export function migrateDesksV4(old: Record<string, DeskRecordV3>): Record<string, DeskRecord> {
  if (typeof old !== 'object' || old === null) return old;
  return Object.fromEntries(
    Object.entries(old).map(([url, desk]) => [
      url,
      typeof desk === 'object' && desk !== null ? { ...desk, archive: [], archiveTrimmed: false } : desk,
    ]),
  );
}

export const DESKS_KEY = 'local:desks';

/**
 * Declares the desks as v1–v4 stored them, all under one key (a fresh declaration runs the migrations against what
 * is stored now). Since v5 each desk has keys of its own (`desk-store.ts`), which reads this once to move them.
 */
export function defineDesksItem() {
  return storage.defineItem<Record<string, DeskRecord>>(DESKS_KEY, {
    fallback: {},
    version: 4,
    migrations: { 2: migrateDesksV2, 3: migrateDesksV3, 4: migrateDesksV4 },
  });
}

/** A fresh desk for a server, with a new visitor token. */
export function newDesk(serverUrl: string, token: string): DeskRecord {
  return {
    serverUrl,
    token,
    visitor: { id: '', username: '', name: '', email: '', registered: false },
    room: null,
    historyComplete: false,
    config: null,
    agent: null,
    queue: null,
    messages: [],
    unread: 0,
    notifiedUpTo: 0,
    caps: {},
    firedTriggers: [],
    archive: [],
    archiveTrimmed: false,
  };
}

/** The visitor's own words not (yet) on the server: waiting to be sent, or refused and waiting for a retry. */
export function isUndelivered(message: ChatMessage): boolean {
  return message.delivery === 'pending' || message.delivery === 'failed';
}

/**
 * The desk as stored with only `kept` of its messages. What was left out is still on the server: a worker restored
 * from this record must be able to page back to it, so the history no longer counts as complete.
 */
export function withCache(desk: DeskRecord, kept: ChatMessage[]): DeskRecord {
  const historyComplete = desk.historyComplete && kept.length === desk.messages.length;
  return { ...desk, messages: kept, historyComplete };
}
