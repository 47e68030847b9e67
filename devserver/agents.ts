/**
 * What agents do to a room (SPEC §3.4): take it, write, type, edit, delete, transfer, close, change presence.
 * The agent console and the control API drive these; visitors reach `closeRoom` and department transfers.
 */
import { agentRef, markdown, type Desk } from './desk';
import type { Agent, AgentStatus, Department, Message, Room, UserRef } from './types';

/** Failure of an operation the control API reports as 4xx. */
export class OperationError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Least-busy online agent (optionally of a department, preferring `preferred`), the routing the stand-in does. */
export function pickAgent(desk: Desk, departmentId?: string, preferred?: string): Agent | undefined {
  const online = [...desk.store.agents.values()].filter((agent) => agent.status === 'online');
  const wanted = preferred ? online.find((a) => a._id === preferred || a.username === preferred) : undefined;
  if (wanted) return wanted;
  const pool = departmentId ? online.filter((a) => a.departments.includes(departmentId)) : online;
  const load = (agent: Agent) =>
    [...desk.store.rooms.values()].filter((room) => room.open && room.servedBy?._id === agent._id).length;
  return pool.toSorted((a, b) => load(a) - load(b))[0];
}

/** Assigns an agent to a waiting room: `command/connected`, `uj`, `agentData` (SPEC §3.4 step 3). */
export function takeRoom(desk: Desk, room: Room, agent: Agent): void {
  if (!room.open) throw new OperationError('room-closed', 409);
  if (room.servedBy) throw new OperationError(`room already served by ${room.servedBy.username}`, 409);
  assign(desk, room, agent, true);
  desk.scheduleQueueUpdate();
  desk.bus.emitState({ type: 'room', rid: room._id });
}

function assign(desk: Desk, room: Room, agent: Agent, announceConnected: boolean): void {
  room.servedBy = { _id: agent._id, username: agent.username, ts: new Date() };
  room.usersCount = 1;
  const ref = agentRef(agent);
  if (announceConnected) desk.systemMessage(room._id, 'command', ref, 'connected');
  desk.systemMessage(room._id, 'uj', ref, desk.caps.ujWithUsername ? agent.username : '');
  desk.emitLivechatRoom(room._id, { type: 'agentData', data: desk.visibleAgentInfo(agent) });
}

/** A normal message from an agent. */
export function agentSay(desk: Desk, room: Room, agent: Agent, text: string): Message {
  if (!room.open) throw new OperationError('room-closed', 409);
  return desk.insertMessage(desk.buildMessage(room._id, agentRef(agent), text));
}

/** Agent typing on `<rid>/user-activity`, and `<rid>/typing` where it still exists (SPEC §3.3). */
export function agentTyping(desk: Desk, room: Room, agent: Agent, typing: boolean): void {
  const activities = typing ? ['user-typing'] : [];
  desk.bus.emitStream({
    stream: 'stream-notify-room',
    eventName: `${room._id}/user-activity`,
    args: [agent.username, activities, {}],
  });
  if (desk.caps.legacyTyping) {
    desk.bus.emitStream({
      stream: 'stream-notify-room',
      eventName: `${room._id}/typing`,
      args: [agent.username, typing],
    });
  }
}

function messageOf(desk: Desk, room: Room, messageId: string): Message {
  const message = desk.store.roomMessages(room._id).find((m) => m._id === messageId);
  if (!message) throw new OperationError(`no message ${messageId} in room ${room._id}`, 404);
  return message;
}

/** Edit: the whole message again with `editedAt`/`editedBy` (SPEC §3.1). */
export function editMessage(desk: Desk, room: Room, messageId: string, text: string, editor: UserRef): Message {
  const message = messageOf(desk, room, messageId);
  const now = new Date();
  message.msg = text;
  if (message.md || desk.settings.markdownAst) message.md = markdown(text);
  message.editedAt = now;
  message.editedBy = { _id: editor._id, username: editor.username };
  message._updatedAt = now;
  desk.publishMessage(message);
  desk.bus.emitState({ type: 'message', rid: room._id, messageId });
  return message;
}

/** Delete: hard delete + `<rid>/deleteMessage`, or `t:"rm"` when deleted status is shown (SPEC §3.1). */
export function deleteMessage(desk: Desk, room: Room, messageId: string, by: UserRef): Message {
  const message = messageOf(desk, room, messageId);
  if (desk.settings.showDeletedStatus) {
    const now = new Date();
    Object.assign(message, { t: 'rm', msg: '', editedAt: now, editedBy: { _id: by._id, username: by.username } });
    delete message.md;
    message._updatedAt = now;
    desk.publishMessage(message);
  } else {
    const list = desk.store.roomMessages(room._id);
    list.splice(list.indexOf(message), 1);
    desk.bus.emitStream({
      stream: 'stream-notify-room',
      eventName: `${room._id}/deleteMessage`,
      args: [{ _id: message._id }],
    });
  }
  desk.bus.emitState({ type: 'message', rid: room._id, messageId });
  return message;
}

export type Closer = { kind: 'agent'; agent: Agent } | { kind: 'visitor' };

/** Closes a room: `livechat-close` (+ `promptTranscript` when transcripts are on, or always ≤ 6.x) (SPEC §3.4). */
export function closeRoom(desk: Desk, room: Room, closer: Closer, comment: string): Message {
  if (!room.open) throw new OperationError('room-closed', 409);
  const now = new Date();
  room.open = false;
  room.closedAt = now;
  room.visitorTyping = false;
  room.closer = closer.kind === 'visitor' ? 'visitor' : 'user';
  const u: Message['u'] =
    closer.kind === 'visitor'
      ? { _id: room.v._id, username: room.v.username }
      : { _id: closer.agent._id, username: closer.agent.username };
  room.closedBy = { _id: u._id, username: u.username };
  const extra: Partial<Message> = closer.kind === 'visitor' ? { token: room.v.token } : {};
  if (desk.profile !== 'legacy') extra.transcriptRequested = Boolean(room.transcriptRequest);
  const closeMessage = desk.systemMessage(room._id, 'livechat-close', u, comment, extra);
  if (desk.settings.transcript || desk.caps.promptTranscriptAlways) {
    desk.systemMessage(room._id, 'command', u, 'promptTranscript');
  }
  desk.scheduleQueueUpdate();
  desk.bus.emitState({ type: 'room', rid: room._id });
  return closeMessage;
}

export interface TransferTarget {
  agent?: Agent;
  department?: Department;
}

/** Transfer to an agent or a department (SPEC §3.4 step 5): history message, `ul`, then `uj` + `agentData`. */
export function transferRoom(desk: Desk, room: Room, target: TransferTarget, by: UserRef, comment = ''): void {
  if (!room.open) throw new OperationError('room-closed', 409);
  const previous = desk.servingAgent(room);
  if (target.agent && previous?._id === target.agent._id) {
    throw new OperationError(`room is already served by ${target.agent.username}`, 409);
  }
  const transferData: Record<string, unknown> = {
    transferredBy: { ...by, type: by._id === room.v._id ? 'visitor' : 'agent' },
    ts: new Date(),
    scope: target.agent ? 'agent' : 'department',
    comment,
  };
  if (target.agent) transferData.transferredTo = agentRef(target.agent);
  if (target.department) {
    transferData.nextDepartment = { _id: target.department._id, name: target.department.name };
    room.departmentId = target.department._id;
  }
  desk.systemMessage(room._id, 'livechat_transfer_history', by, '', { transferData });
  if (previous) {
    desk.systemMessage(room._id, 'ul', agentRef(previous), desk.caps.ujWithUsername ? previous.username : '');
    delete room.servedBy;
  }
  const next = target.agent ?? (desk.autoAssign ? pickAgent(desk, target.department?._id) : undefined);
  if (next) assign(desk, room, next, false);
  else desk.emitLivechatRoom(room._id, { type: 'agentData' });
  desk.scheduleQueueUpdate();
  desk.bus.emitState({ type: 'room', rid: room._id });
}

/** Presence change: `agentStatus` on every open room the agent serves (SPEC §3.2). */
export function setAgentStatus(desk: Desk, agent: Agent, status: AgentStatus): void {
  agent.status = status;
  if (!desk.settings.agentHiddenInfo) {
    for (const room of desk.store.rooms.values()) {
      if (room.open && room.servedBy?._id === agent._id) {
        desk.emitLivechatRoom(room._id, { type: 'agentStatus', status });
      }
    }
  }
  desk.bus.emitState({ type: 'agent', username: agent.username, status });
}
