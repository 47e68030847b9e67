/** REST routes about rooms: get/create, close, survey, transcript, department change (SPEC §2.2, R03, R08–R10, R14). */
import { closeRoom, transferRoom } from '../agents';
import { publicRoom } from '../config';
import type { Desk } from '../desk';
import { createRoom, recordTranscriptRequest, routeRoom } from '../rooms';
import type { Room } from '../types';
import { visitorRef } from '../visitors';
import type { RestHandler } from './types';
import { queryObject, validate } from './validate';
import { visitorOf } from './visitor-routes';

/** The visitor's room by id, or the plain `invalid-room` error of the REST layer. */
export function ownRoom(desk: Desk, rid: unknown, token: string): Room {
  const room = typeof rid === 'string' ? desk.store.rooms.get(rid) : undefined;
  if (!room || room.v.token !== token) throw new Error('invalid-room');
  return room;
}

/**
 * `GET livechat/room?token&rid&agentId`: the open room of the visitor or a new one. ≤ 6.x create it under the
 * client's `rid`; newer lines answer `invalid-room` for a `rid` that is not an open room of the visitor.
 */
const getRoom: RestHandler = ({ desk, query }) => {
  const { token, rid, agentId } = validate<{ token: string; rid?: string; agentId?: string }>(queryObject(query), {
    token: 'string',
    rid: 'string?',
    agentId: 'string?',
  });
  const visitor = visitorOf(desk, token);
  const open = desk.store.openRoomOf(token);
  if (rid !== undefined) {
    const room = desk.store.rooms.get(rid);
    if (room?.open && room.v.token === token) return { room: publicRoom(room), newRoom: false };
    if (!desk.caps.honourClientRid || room) throw new Error('invalid-room');
  } else if (open) {
    return { room: publicRoom(open), newRoom: false };
  }
  const room = createRoom(desk, visitor, rid);
  routeRoom(desk, room, agentId);
  return { room: publicRoom(room), newRoom: true };
};

const roomClose: RestHandler = ({ desk, body }) => {
  const { rid, token } = validate<{ rid: string; token: string }>(body, { rid: 'string', token: 'string' });
  visitorOf(desk, token);
  const room = ownRoom(desk, rid, token);
  if (!room.open) throw new Error('room-closed');
  if (desk.caps.closeSettingEnforced && !desk.settings.visitorsCanCloseChat) {
    throw new Error('error-not-allowed-to-close-conversation');
  }
  const comment = 'Closed by visitor';
  closeRoom(desk, room, { kind: 'visitor' }, comment);
  return { rid, comment };
};

const SURVEY_FIELDS = ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'];

const roomSurvey: RestHandler = ({ desk, body }) => {
  const input = validate<{ rid: string; token: string; data: { name: string; value: string }[] }>(body, {
    rid: 'string',
    token: 'string',
    data: 'array',
  });
  visitorOf(desk, input.token);
  const room = ownRoom(desk, input.rid, input.token);
  const items = input.data.filter(
    (item) =>
      typeof item?.name === 'string' &&
      typeof item.value === 'string' &&
      ((SURVEY_FIELDS.includes(item.name) && /^[1-5]$/.test(item.value)) || item.name === 'additionalFeedback'),
  );
  if (items.length === 0) throw new Error('invalid-data');
  const data = Object.fromEntries(items.map((item) => [item.name, item.value]));
  room.surveyFeedback = { ...room.surveyFeedback, ...data };
  desk.bus.emitState({ type: 'room', rid: room._id });
  return { rid: room._id, data };
};

const transcript: RestHandler = ({ desk, body }) => {
  const input = validate<{ rid: string; token: string; email: string; subject?: string }>(body, {
    rid: 'string',
    token: 'string',
    email: 'string',
    subject: 'string?',
  });
  visitorOf(desk, input.token);
  const room = ownRoom(desk, input.rid, input.token);
  if (!/^[^\s@]+@[^\s@]+$/.test(input.email)) throw new Error('error-sending-transcript');
  desk.store.transcripts.push({ rid: room._id, email: input.email, subject: input.subject ?? '', ts: new Date() });
  recordTranscriptRequest(desk, room);
  desk.bus.emitState({ type: 'transcript', rid: room._id, email: input.email });
  return { message: 'Livechat transcript sent' };
};

function departmentChange(desk: Desk, body: Record<string, unknown>): Room {
  const input = validate<{ rid: string; token: string; department: string }>(body, {
    rid: 'string',
    token: 'string',
    department: 'string',
  });
  const visitor = visitorOf(desk, input.token);
  const room = ownRoom(desk, input.rid, input.token);
  if (!room.open) throw new Error('room-closed');
  const department = desk.store.departmentByIdOrName(input.department);
  if (!department) throw new Error('invalid-department');
  transferRoom(desk, room, { department }, visitorRef(visitor));
  return room;
}

/** ≤ 7.x: `POST livechat/room.transfer` → `{room}`. */
const roomTransfer: RestHandler = ({ desk, body }) => ({ room: publicRoom(departmentChange(desk, body)) });

/** 8.x: `POST livechat/visitor/department.transfer` → `{}`. */
const departmentTransfer: RestHandler = ({ desk, body }) => {
  departmentChange(desk, body);
  return {};
};

export const roomRoutes: [string, string, RestHandler][] = [
  ['GET', 'livechat/room', getRoom],
  ['POST', 'livechat/room.close', roomClose],
  ['POST', 'livechat/room.survey', roomSurvey],
  ['POST', 'livechat/transcript', transcript],
  ['POST', 'livechat/room.transfer', roomTransfer],
  ['POST', 'livechat/visitor/department.transfer', departmentTransfer],
];
