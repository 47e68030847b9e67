/** The visitor side of a conversation: room creation, visitor messages, history (SPEC §2.2, §2.3). */
import { pickAgent, takeRoom } from './agents';
import type { Desk } from './desk';
import { MeteorError } from './errors';
import { randomId } from './ids';
import type { FileRef, Message, Room, Visitor } from './types';
import { visitorRef } from './visitors';

/** Finds the visitor of a token or throws what Rocket.Chat throws for an unknown one. */
export function requireVisitor(desk: Desk, token: unknown): Visitor {
  const visitor = typeof token === 'string' ? desk.store.visitors.get(token) : undefined;
  if (!visitor) throw new MeteorError('invalid-token');
  return visitor;
}

/**
 * Opens a new room for the visitor: the client's `rid` on ≤ 6.x when it is unused, otherwise a server id
 * (SPEC §2.3). Stores `livechat-started`; with auto-assignment routes an agent after the first message.
 */
export function createRoom(desk: Desk, visitor: Visitor, requestedRid?: string, departmentId?: string): Room {
  const { store, settings } = desk;
  const department = departmentId ?? visitor.department;
  if (!settings.acceptChatsWithNoAgents && !store.anyAgentOnline(department)) {
    throw new MeteorError('no-agent-online', 'Sorry, no online agents');
  }
  const useClientRid = desk.caps.honourClientRid && requestedRid !== undefined && !store.rooms.has(requestedRid);
  const now = desk.now();
  const room: Room = {
    _id: useClientRid && requestedRid ? requestedRid : randomId(),
    t: 'l',
    fname: visitor.name ?? visitor.username,
    open: true,
    v: { _id: visitor._id, username: visitor.username, token: visitor.token, status: visitor.status },
    ts: now,
    _updatedAt: now,
    msgs: 0,
    usersCount: 0,
    source: { type: 'widget' },
    livechatData: {},
  };
  if (department) room.departmentId = department;
  store.rooms.set(room._id, room);
  desk.systemMessage(room._id, 'livechat-started', { ...visitorRef(visitor), token: visitor.token }, '', {
    token: visitor.token,
  });
  desk.bus.emitState({ type: 'room', rid: room._id });
  return room;
}

/** Routes a fresh room: auto-assignment picks an agent now, manual selection leaves it in the queue. */
export function routeRoom(desk: Desk, room: Room, preferredAgent?: string): void {
  const agent = desk.autoAssign ? pickAgent(desk, room.departmentId, preferredAgent) : undefined;
  if (agent) takeRoom(desk, room, agent);
  else desk.scheduleQueueUpdate();
}

export interface VisitorMessageInput {
  _id?: string;
  rid: string;
  msg: string;
  file?: FileRef;
  files?: FileRef[];
  attachments?: Record<string, unknown>[];
}

/**
 * Refusals that come before any room work: the character limit, and a message `_id` that is stored already.
 * Rocket.Chat never stores a second message under one `_id`; the duplicate surfaces as a plain error (4.x–6.x:
 * Mongo's duplicate key; 7.x+: `sendMessage` returns nothing and `Object.assign(undefined, …)` throws), which
 * DDP masks as 500 (SPEC §6.2 q15, devserver README).
 */
export function validateVisitorMessage(desk: Desk, input: VisitorMessageInput): void {
  const limit = desk.settings.limitTextLength;
  if (limit !== false && input.msg.length > limit) throw new MeteorError('message-length-exceeds-character-limit');
  if (input._id !== undefined && desk.store.findMessage(input._id)) {
    throw new DuplicateMessageError(
      desk.caps.honourClientRid
        ? `E11000 duplicate key error collection: rocketchat.rocketchat_message index: _id_ dup key: { _id: "${input._id}" }`
        : 'Cannot convert undefined or null to object',
    );
  }
}

/** A plain error (masked as 500 on DDP) that the call log still records as a duplicate-id violation. */
export class DuplicateMessageError extends Error {
  readonly why = 'a message with this _id is stored already (E11000 duplicate key; 7.x+ a TypeError)';
}

/** Stores a visitor message in a room the caller has authorised (after `validateVisitorMessage`). */
export function insertVisitorMessage(desk: Desk, visitor: Visitor, room: Room, input: VisitorMessageInput): Message {
  const extra: Partial<Message> = { token: visitor.token };
  if (visitor.name) extra.alias = visitor.name;
  if (input.file) extra.file = input.file;
  if (input.files) extra.files = input.files;
  if (input.attachments) extra.attachments = input.attachments;
  const message = desk.buildMessage(room._id, visitorRef(visitor), input.msg, extra);
  if (input._id !== undefined) message._id = input._id;
  return desk.insertMessage(message);
}

export interface SendResult {
  message: Message;
  room: Room;
  newRoom: boolean;
  showConnecting: boolean;
}

/**
 * `sendMessageLivechat` room resolution (SPEC §2.2): append to the visitor's open room, refuse another
 * visitor's room, open a new room when the rid is unknown or closed.
 */
export function sendVisitorMessage(
  desk: Desk,
  visitor: Visitor,
  input: VisitorMessageInput,
  preferredAgent?: string,
): SendResult {
  validateVisitorMessage(desk, input);
  const existing = desk.store.rooms.get(input.rid);
  if (existing?.open && existing.v.token !== visitor.token) throw new MeteorError('cannot-access-room');
  const newRoom = !existing?.open;
  const room = existing?.open ? existing : createRoom(desk, visitor, input.rid);
  const message = insertVisitorMessage(desk, visitor, room, input);
  if (newRoom) routeRoom(desk, room, preferredAgent);
  return { message, room, newRoom, showConnecting: desk.settings.showConnecting && !room.servedBy };
}

/** Room history newest first, as `loadHistory`/`messages.history` answer it (hidden messages left out). */
export function history(desk: Desk, rid: string, options: { end?: Date; ls?: Date; limit: number; offset?: number }) {
  const all = desk.store
    .roomMessages(rid)
    .filter((m) => !m._hidden && (!options.end || m.ts < options.end))
    .toSorted((a, b) => b.ts.getTime() - a.ts.getTime());
  const offset = options.offset ?? 0;
  const messages = all.slice(offset, offset + options.limit);
  const unread = options.ls ? all.filter((m) => m.ts > (options.ls as Date)) : [];
  return {
    messages,
    total: all.length,
    firstUnread: unread[unread.length - 1],
    unreadNotLoaded: Math.max(0, unread.length - messages.length),
  };
}

/**
 * What Rocket.Chat stores after mailing a transcript the visitor asked for (`sendTranscript` in LivechatTyped.ts):
 * a `livechat_transcript_history` system message with an empty text, authored by `rocket.cat`.
 */
export function recordTranscriptRequest(desk: Desk, room: Room): Message {
  const cat = { _id: 'rocket.cat', username: 'rocket.cat', name: 'Rocket.Cat' };
  const visitor = { _id: room.v._id, username: room.v.username, name: room.fname, token: room.v.token };
  return desk.systemMessage(room._id, 'livechat_transcript_history', cat, '', {
    requestData: { type: 'visitor', visitor, user: cat },
  });
}
