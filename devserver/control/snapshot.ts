/** JSON views of the state for `GET /control/state` and the agent console (ISO dates, no internals). */
import type { Desk } from '../desk';
import type { Room } from '../types';

function json<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export interface RoomView {
  _id: string;
  open: boolean;
  waiting: boolean;
  queueSpot: number | null;
  departmentId: string | null;
  visitor: { _id: string; token: string; username: string; name: string | null; status: string };
  agent: { _id: string; username: string; name: string } | null;
  visitorTyping: boolean;
  ts: string;
  closedAt: string | null;
  closer: string | null;
  livechatData: Record<string, string>;
  surveyFeedback: Record<string, string> | null;
  messages: Record<string, unknown>[];
}

/** One room with its visitor, agent and messages. */
export function roomView(desk: Desk, room: Room): RoomView {
  const visitor = desk.store.visitors.get(room.v.token);
  const agent = desk.servingAgent(room);
  const spot = desk.queuePosition(room._id)?.spot;
  return json<RoomView>({
    _id: room._id,
    open: room.open,
    waiting: room.open && !room.servedBy,
    queueSpot: typeof spot === 'number' ? spot : null,
    departmentId: room.departmentId ?? null,
    visitor: {
      _id: room.v._id,
      token: room.v.token,
      username: room.v.username,
      name: visitor?.name ?? null,
      status: visitor?.status ?? room.v.status,
    },
    agent: agent ? { _id: agent._id, username: agent.username, name: agent.name } : null,
    visitorTyping: Boolean(room.visitorTyping),
    ts: room.ts,
    closedAt: room.closedAt ?? null,
    closer: room.closer ?? null,
    livechatData: room.livechatData,
    surveyFeedback: room.surveyFeedback ?? null,
    messages: desk.store.roomMessages(room._id),
  });
}

/** The whole state: profile, settings, agents, rooms (newest first), visitors and side records. */
export function stateView(desk: Desk) {
  const { store } = desk;
  const rooms = [...store.rooms.values()].toSorted((a, b) => b.ts.getTime() - a.ts.getTime());
  return json<Record<string, unknown>>({
    profile: desk.profile,
    autoAssign: desk.autoAssign,
    settings: store.settings,
    agents: [...store.agents.values()],
    visitors: [...store.visitors.values()],
    rooms: rooms.map((room) => roomView(desk, room)),
    offlineMessages: store.offlineMessages,
    transcripts: store.transcripts,
    files: [...store.files.values()].map(({ data: _data, ...meta }) => meta),
  });
}
