/** Room and message methods of the Realtime API, plus the stream write methods (SPEC §1.6, §2.2, §3.3). */
import { closeRoom, transferRoom } from '../agents';
import { check, Match } from '../check';
import type { Desk } from '../desk';
import { MeteorError } from '../errors';
import { fileMessageParts } from '../files';
import { history, recordTranscriptRequest, requireVisitor, sendVisitorMessage } from '../rooms';
import type { FileRef, Room } from '../types';
import { visitorRef } from '../visitors';
import type { MethodHandler } from './method-types';
import { writableRoom } from './streams';

const sendMessageLivechat: MethodHandler = ({ desk, ignored }, [input, agent]) => {
  check<{
    token: string;
    _id: string;
    rid: string;
    msg: string;
    file?: FileRef;
    files?: FileRef[];
    attachments?: Record<string, unknown>[];
  }>(input, {
    token: String,
    _id: String,
    rid: String,
    msg: String,
    file: Match.Maybe(Object),
    files: Match.Maybe([Object]),
    attachments: Match.Maybe([Match.Any]),
  });
  check<{ agentId: string; username: string } | null | undefined>(
    agent,
    Match.Maybe({ agentId: String, username: String }),
  );
  const visitor = requireVisitor(desk, input.token);
  if (!desk.caps.honourClientRid && !desk.store.rooms.get(input.rid)?.open) {
    ignored({
      rule: 'ignored-key',
      why: 'from 7.0 a new room gets a server id: the rid the client proposed is ignored (rooms.ts createRoom)',
    });
  }
  const { token: _token, ...message } = input;
  const sent = sendVisitorMessage(desk, visitor, message, agent?.agentId);
  return { ...sent.message, newRoom: sent.newRoom, showConnecting: sent.showConnecting };
};

const loadHistory: MethodHandler = ({ desk }, [data]) => {
  const input = (data ?? {}) as { token?: unknown; rid?: unknown; end?: unknown; limit?: unknown; ls?: unknown };
  if (typeof input.token !== 'string') return undefined;
  const method = { method: 'livechat:loadHistory' };
  if (!desk.store.visitors.get(input.token)) throw new MeteorError('invalid-visitor', 'Invalid Visitor', method);
  const room = typeof input.rid === 'string' ? desk.store.rooms.get(input.rid) : undefined;
  const ownRoom = room && room.v.token === input.token ? room : undefined;
  if (!ownRoom && desk.profile !== 'legacy') throw new MeteorError('invalid-room', 'Invalid Room', method);
  if (!ownRoom) return { messages: [] };
  const result = history(desk, ownRoom._id, {
    end: input.end instanceof Date ? input.end : undefined,
    ls: input.ls instanceof Date ? input.ls : undefined,
    limit: typeof input.limit === 'number' && input.limit > 0 ? input.limit : 20,
  });
  const out: Record<string, unknown> = { messages: result.messages };
  if (result.firstUnread) out.firstUnread = result.firstUnread;
  if (input.ls instanceof Date) out.unreadNotLoaded = result.unreadNotLoaded;
  return out;
};

function openRoomOfVisitor(desk: Desk, roomId: unknown, token: unknown): Room | undefined {
  const room = typeof roomId === 'string' ? desk.store.rooms.get(roomId) : undefined;
  return room?.open && room.v.token === token ? room : undefined;
}

const closeByVisitor: MethodHandler = ({ desk }, [data]) => {
  const input = (data ?? {}) as { roomId?: unknown; token?: unknown };
  const room = openRoomOfVisitor(desk, input.roomId, input.token);
  if (!room) return false;
  closeRoom(desk, room, { kind: 'visitor' }, 'Closed by visitor');
  return true;
};

const SURVEY_FIELDS = ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'];

const saveSurveyFeedback: MethodHandler = ({ desk }, [token, rid, formData]) => {
  check<string>(token, String);
  check<string>(rid, String);
  check<{ name: string; value: string }[]>(formData, [Match.ObjectIncluding({ name: String, value: String })]);
  const room = desk.store.rooms.get(rid);
  if (!room || room.v.token !== token || !desk.store.visitors.get(token)) return undefined;
  const accepted = formData.filter(
    ({ name, value }) => (SURVEY_FIELDS.includes(name) && /^[1-5]$/.test(value)) || name === 'additionalFeedback',
  );
  room.surveyFeedback = { ...room.surveyFeedback, ...Object.fromEntries(accepted.map((i) => [i.name, i.value])) };
  desk.bus.emitState({ type: 'room', rid });
  return { acknowledged: true, modifiedCount: 1, upsertedId: null, upsertedCount: 0, matchedCount: 1 };
};

const sendTranscript: MethodHandler = ({ desk }, [token, rid, email, subject]) => {
  if (!desk.caps.visitorDdpTranscript) {
    throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'livechat:sendTranscript' });
  }
  check<string>(token, String);
  check<string>(rid, String);
  check<string>(email, String);
  const room = desk.store.rooms.get(rid);
  if (!room || room.v.token !== token) throw new MeteorError('error-invalid-room', 'Invalid room');
  desk.store.transcripts.push({ rid, email, subject: typeof subject === 'string' ? subject : '', ts: new Date() });
  recordTranscriptRequest(desk, room);
  desk.bus.emitState({ type: 'transcript', rid, email });
  return true;
};

const agentOnly =
  (method: string, error: string, reason: string): MethodHandler =>
  () => {
    throw new MeteorError(error, reason, { method });
  };

const setDepartmentForVisitor: MethodHandler = ({ desk }, [data]) => {
  check<{ roomId: string; visitorToken: string; departmentId: string }>(data, {
    roomId: String,
    visitorToken: String,
    departmentId: String,
  });
  const room = desk.store.rooms.get(data.roomId);
  const visitor = desk.store.visitors.get(data.visitorToken);
  if (!room || room.t !== 'l' || room.v.token !== data.visitorToken || !visitor) {
    throw new MeteorError('error-invalid-room', 'Invalid room');
  }
  const department = desk.store.departmentByIdOrName(data.departmentId);
  if (!department || !room.open) return false;
  transferRoom(desk, room, { department }, visitorRef(visitor));
  return true;
};

const sendFileLivechatMessage: MethodHandler = ({ desk }, [roomId, visitorToken, file, msgData]) => {
  check<string>(roomId, String);
  check<string>(visitorToken, String);
  check<{ _id: string; description?: string }>(file, Match.ObjectIncluding({ _id: String }));
  check(msgData, Match.Maybe(Object));
  const visitor = requireVisitor(desk, visitorToken);
  const room = openRoomOfVisitor(desk, roomId, visitorToken);
  const stored = desk.store.files.get(file._id);
  if (!room || !stored) throw new MeteorError('error-invalid-room', 'Invalid room');
  const msg = typeof (msgData as { msg?: unknown } | null)?.msg === 'string' ? (msgData as { msg: string }).msg : '';
  const parts = fileMessageParts(stored, file.description);
  const sent = sendVisitorMessage(desk, visitor, { rid: room._id, msg, ...parts });
  return { ...sent.message, newRoom: sent.newRoom, showConnecting: sent.showConnecting };
};

/** `stream-notify-room` writes: typing from the visitor, re-emitted to everyone but the writer (SPEC §3.3). */
const streamNotifyRoom: MethodHandler = ({ desk, connectionId, ignored }, params) => {
  const [eventName, ...args] = params;
  if (typeof eventName !== 'string') return undefined;
  const room = writableRoom(desk, eventName, args);
  if (!room) {
    const typing = eventName.endsWith('/typing') && !desk.caps.legacyTyping;
    ignored(
      typing
        ? { rule: 'typing-event', why: '<rid>/typing is gone since 6.0 (PR #28234): the write is dropped' }
        : { rule: 'refused-write', why: 'the write does not name an open room of this visitor: it is dropped' },
    );
    return undefined;
  }
  const [name] = args;
  const event = eventName.slice(room._id.length + 1);
  const typing = event === 'typing' ? args[1] === true : Array.isArray(args[1]) && args[1].includes('user-typing');
  const emit = (target: string, targetArgs: unknown[]) =>
    desk.bus.emitStream({
      stream: 'stream-notify-room',
      eventName: `${room._id}/${target}`,
      args: targetArgs,
      origin: connectionId,
    });
  emit(event, args);
  if (desk.caps.legacyTyping) {
    if (event === 'typing') emit('user-activity', [name, typing ? ['user-typing'] : [], {}]);
    else emit('typing', [name, typing]);
  }
  room.visitorTyping = typing;
  desk.bus.emitState({ type: 'typing', rid: room._id, typing });
  return undefined;
};

const droppedWrite: MethodHandler = () => undefined;

export const roomMethods: Record<string, MethodHandler> = {
  sendMessageLivechat,
  'livechat:loadHistory': loadHistory,
  'livechat:closeByVisitor': closeByVisitor,
  'livechat:saveSurveyFeedback': saveSurveyFeedback,
  'livechat:sendTranscript': sendTranscript,
  'livechat:requestTranscript': agentOnly('livechat:requestTranscript', 'error-invalid-user', 'Invalid User'),
  'livechat:setDepartmentForVisitor': setDepartmentForVisitor,
  'livechat:transfer': agentOnly('livechat:transfer', 'error-not-allowed', 'Not allowed'),
  'livechat:startVideoCall': agentOnly('livechat:startVideoCall', 'error-not-authorized', 'Not authorized'),
  sendFileLivechatMessage,
  'stream-notify-room': streamNotifyRoom,
  'stream-room-messages': droppedWrite,
  'stream-livechat-room': droppedWrite,
};
