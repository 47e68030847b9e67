/** REST message routes: send, read, edit, delete, history (SPEC §2.2, R04–R06). */
import { deleteMessage, editMessage } from '../agents';
import { MeteorError } from '../errors';
import { history, insertVisitorMessage, validateVisitorMessage } from '../rooms';
import type { Message } from '../types';
import { visitorRef } from '../visitors';
import { ownRoom } from './room-routes';
import type { RestHandler } from './types';
import { queryObject, validate } from './validate';
import { visitorOf } from './visitor-routes';

/** Meteor errors of the shared logic become the plain errors the REST routes throw (`{error:"room-closed"}`). */
function plain<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MeteorError) throw new Error(String(err.error), { cause: err });
    throw err;
  }
}

/** `POST livechat/message`: the room must exist, be open and belong to the visitor (no room creation). */
const postMessage: RestHandler = ({ desk, body }) => {
  const input = validate<{ token: string; rid: string; msg: string; _id?: string }>(body, {
    token: 'string',
    rid: 'string',
    msg: 'string',
    _id: 'string?',
    agent: 'object?',
  });
  const visitor = visitorOf(desk, input.token);
  const room = ownRoom(desk, input.rid, input.token);
  if (!room.open) throw new Error('room-closed');
  const message = plain(() => {
    validateVisitorMessage(desk, input);
    return insertVisitorMessage(desk, visitor, room, { _id: input._id, rid: room._id, msg: input.msg });
  });
  return { message };
};

function ownMessage(messages: Message[], id: string | undefined, token: string): Message {
  const message = messages.find((m) => m._id === id);
  if (!message || message.token !== token) throw new Error('invalid-message');
  return message;
}

const getMessage: RestHandler = ({ desk, params: [id], query }) => {
  const { token, rid } = validate<{ token: string; rid: string }>(queryObject(query), {
    token: 'string',
    rid: 'string',
  });
  visitorOf(desk, token);
  const room = ownRoom(desk, rid, token);
  const message = desk.store.roomMessages(room._id).find((m) => m._id === id);
  if (!message) throw new Error('invalid-message');
  return { message };
};

const putMessage: RestHandler = ({ desk, params: [id], body }) => {
  const input = validate<{ token: string; rid: string; msg: string }>(body, {
    token: 'string',
    rid: 'string',
    msg: 'string',
  });
  const visitor = visitorOf(desk, input.token);
  const room = ownRoom(desk, input.rid, input.token);
  const message = ownMessage(desk.store.roomMessages(room._id), id, input.token);
  return { message: editMessage(desk, room, message._id, input.msg, visitorRef(visitor)) };
};

const deleteOwnMessage: RestHandler = ({ desk, params: [id], body }) => {
  const input = validate<{ token: string; rid: string }>(body, { token: 'string', rid: 'string' });
  const visitor = visitorOf(desk, input.token);
  const room = ownRoom(desk, input.rid, input.token);
  const message = ownMessage(desk.store.roomMessages(room._id), id, input.token);
  deleteMessage(desk, room, message._id, visitorRef(visitor));
  return { message: { _id: message._id, ts: new Date() } };
};

function dateParam(value: string | null): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new MeteorError('invalid-params', 'must match format "date-time"');
  return date;
}

const messagesHistory: RestHandler = ({ desk, params: [rid], query }) => {
  const token = query.get('token');
  if (!token) throw new Error('error-token-param-not-provided');
  visitorOf(desk, token);
  const room = ownRoom(desk, rid, token);
  const number = (name: string, fallback: number) => {
    const value = Number(query.get(name) ?? fallback);
    return Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  const result = history(desk, room._id, {
    end: dateParam(query.get('end')),
    ls: dateParam(query.get('ls')),
    limit: number('limit', number('count', 20)),
    offset: number('offset', 0),
  });
  return { messages: result.messages };
};

export const messageRoutes: [string, string, RestHandler][] = [
  ['POST', 'livechat/message', postMessage],
  ['GET', 'livechat/message/:_id', getMessage],
  ['PUT', 'livechat/message/:_id', putMessage],
  ['DELETE', 'livechat/message/:_id', deleteOwnMessage],
  ['GET', 'livechat/messages.history/:rid', messagesHistory],
];
