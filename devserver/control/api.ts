/**
 * The control API: what an agent, an admin or a test does to the stand-in. `DevServer.control` exposes these
 * functions in-process; `control/http.ts` serves the same ones under `/control/`.
 */
import {
  agentSay,
  agentTyping,
  closeRoom,
  deleteMessage,
  editMessage,
  OperationError,
  pickAgent,
  setAgentStatus,
  takeRoom,
  transferRoom,
} from '../agents';
import type { StateEvent } from '../bus';
import { endCall, startCall } from '../calls';
import { agentRef, type Desk } from '../desk';
import { noFaults, parseFaults, type FaultConfig, type FaultState } from '../faults';
import type { CallLog, LogEntry, ViolationEntry } from '../log';
import type { RateLimiter } from '../ratelimit';
import type { Agent, AgentStatus, Message, Room, Settings } from '../types';
import { parseSettings } from './settings';
import { roomView, stateView, type RoomView } from './snapshot';

export interface ControlDeps {
  desk: Desk;
  log: CallLog;
  faults: FaultState;
  limiter: RateLimiter;
  /** Drops every DDP connection. */
  dropConnections(): void;
}

const AGENT_STATUSES: readonly AgentStatus[] = ['online', 'away', 'busy', 'offline'];

export class Control {
  constructor(private readonly deps: ControlDeps) {}

  private get desk(): Desk {
    return this.deps.desk;
  }

  private room(rid: string): Room {
    const room = this.desk.store.rooms.get(rid);
    if (!room) throw new OperationError(`no room ${rid}`, 404);
    return room;
  }

  private agent(ref: unknown): Agent {
    if (typeof ref !== 'string') throw new OperationError('agent must be a username or id');
    const agent = this.desk.store.findAgent(ref);
    if (!agent) throw new OperationError(`no agent ${ref}`, 404);
    return agent;
  }

  /** The serving agent, else the named one, else the routing choice, else the first agent. */
  private actingAgent(room: Room, ref?: unknown): Agent {
    if (ref !== undefined) return this.agent(ref);
    const agent =
      this.desk.servingAgent(room) ??
      pickAgent(this.desk, room.departmentId) ??
      this.desk.store.agents.values().next().value;
    if (!agent) throw new OperationError('no agents');
    return agent;
  }

  /** The room an agent writes in and the agent: the room is taken first when nobody serves it; a closed one refuses. */
  private writing(rid: string, ref?: unknown): { room: Room; agent: Agent } {
    const room = this.room(rid);
    const agent = this.actingAgent(room, ref);
    if (!room.servedBy) takeRoom(this.desk, room, agent);
    if (!room.open) throw new OperationError('room-closed', 409);
    return { room, agent };
  }

  /** Everything: profile, settings, agents, visitors, rooms with messages, and the violations so far. */
  state(): Record<string, unknown> {
    return { ...stateView(this.desk), violations: this.deps.log.violations() };
  }

  /** An agent takes a waiting room (default: routing's choice). */
  take(rid: string, body: { agent?: string } = {}): RoomView {
    const room = this.room(rid);
    takeRoom(this.desk, room, this.actingAgent(room, body.agent));
    return roomView(this.desk, room);
  }

  /** An agent writes; the room is taken first when nobody serves it. */
  say(rid: string, body: { text: string; agent?: string }): Record<string, unknown> {
    if (typeof body?.text !== 'string' || body.text === '') throw new OperationError('text must be a non-empty string');
    const { room, agent } = this.writing(rid, body.agent);
    return JSON.parse(JSON.stringify(agentSay(this.desk, room, agent, body.text))) as Record<string, unknown>;
  }

  /**
   * Agent messages built ahead of their sending, as a server that had them queued writes them: every document is
   * built now (its markdown parsed, the slow part), and each returned function stamps, stores and publishes one of
   * them, in order. A bench then times the client from the write on, not this process's parser. In-process only.
   */
  prepareSay(rid: string, texts: readonly string[], by?: string): (() => void)[] {
    const { room, agent } = this.writing(rid, by);
    return texts.map((text) => {
      const message = this.desk.buildMessage(room._id, agentRef(agent), text);
      return () => {
        // Stamped when written, as the server stamps a message it stores.
        message.ts = message._updatedAt = this.desk.now();
        this.desk.insertMessage(message);
      };
    });
  }

  /**
   * A hostile agent or server: the agent writes a message whose document carries `fields` as given (`msg`, `md`,
   * `attachments`, `file`, `alias`, …), past every check the real server would make. Tests of the extension's
   * defences use it; it is not something Rocket.Chat lets an agent do.
   */
  raw(rid: string, body: { fields: Record<string, unknown>; agent?: string }): Record<string, unknown> {
    const fields = body?.fields;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      throw new OperationError('fields must be an object');
    }
    const { room, agent } = this.writing(rid, body.agent);
    const text = typeof fields.msg === 'string' ? fields.msg : '';
    const message = { ...this.desk.buildMessage(room._id, agentRef(agent), text), ...fields, rid: room._id };
    return JSON.parse(JSON.stringify(this.desk.insertMessage(message as Message))) as Record<string, unknown>;
  }

  /** An agent starts a video call of `kind` (default: the line's own; devserver/calls.ts). */
  call(rid: string, body: { kind?: string; agent?: string } = {}): Record<string, unknown> {
    const { room, agent } = this.writing(rid, body?.agent);
    return JSON.parse(JSON.stringify(startCall(this.desk, room, agent, body?.kind))) as Record<string, unknown>;
  }

  /** The call of `messageId` ends (a WebRTC call only: no other line records an end in the message). */
  endCall(rid: string, body: { messageId: string }): Record<string, unknown> {
    if (typeof body?.messageId !== 'string') throw new OperationError('messageId must be a string');
    return JSON.parse(JSON.stringify(endCall(this.desk, this.room(rid), body.messageId))) as Record<string, unknown>;
  }

  /** The serving agent starts or stops typing. */
  typing(rid: string, body: { typing: boolean; agent?: string }): { ok: true } {
    if (typeof body?.typing !== 'boolean') throw new OperationError('typing must be a boolean');
    const room = this.room(rid);
    agentTyping(this.desk, room, this.actingAgent(room, body.agent), body.typing);
    return { ok: true };
  }

  edit(rid: string, body: { messageId: string; text: string }): Record<string, unknown> {
    if (typeof body?.messageId !== 'string' || typeof body.text !== 'string') {
      throw new OperationError('messageId and text must be strings');
    }
    const room = this.room(rid);
    const editor = agentRef(this.actingAgent(room));
    return JSON.parse(JSON.stringify(editMessage(this.desk, room, body.messageId, body.text, editor))) as Record<
      string,
      unknown
    >;
  }

  delete(rid: string, body: { messageId: string }): { ok: true } {
    if (typeof body?.messageId !== 'string') throw new OperationError('messageId must be a string');
    const room = this.room(rid);
    deleteMessage(this.desk, room, body.messageId, agentRef(this.actingAgent(room)));
    return { ok: true };
  }

  /** Transfer to another agent or to a department. */
  transfer(rid: string, body: { agent?: string; department?: string; comment?: string }): RoomView {
    const room = this.room(rid);
    const by = this.desk.servingAgent(room) ?? this.actingAgent(room);
    if (body?.agent !== undefined) {
      transferRoom(this.desk, room, { agent: this.agent(body.agent) }, agentRef(by), body.comment);
    } else if (typeof body?.department === 'string') {
      const department = this.desk.store.departmentByIdOrName(body.department);
      if (!department) throw new OperationError(`no department ${body.department}`, 404);
      transferRoom(this.desk, room, { department }, agentRef(by), body.comment);
    } else {
      throw new OperationError('agent or department is required');
    }
    return roomView(this.desk, room);
  }

  /** The agent closes the room (`livechat-close`, then `promptTranscript` when transcripts are on). */
  close(rid: string, body: { comment?: string } = {}): RoomView {
    const room = this.room(rid);
    const comment = typeof body?.comment === 'string' ? body.comment : '';
    closeRoom(this.desk, room, { kind: 'agent', agent: this.actingAgent(room) }, comment);
    return roomView(this.desk, room);
  }

  agentStatus(username: string, body: { status: AgentStatus }): Agent {
    if (!AGENT_STATUSES.includes(body?.status))
      throw new OperationError(`status must be one of ${AGENT_STATUSES.join(', ')}`);
    const agent = this.agent(username);
    setAgentStatus(this.desk, agent, body.status);
    return { ...agent };
  }

  /** Merges settings; unknown keys or wrong types are refused. Returns all settings. */
  settings(partial: Partial<Settings>): Settings {
    Object.assign(this.desk.store.settings, parseSettings(partial));
    this.desk.bus.emitState({ type: 'settings' });
    return JSON.parse(JSON.stringify(this.desk.store.settings)) as Settings;
  }

  /** Back to the seeded state: drops connections and clears the log, rate limits and faults. */
  reset(): { ok: true } {
    this.desk.dispose();
    this.desk.store.reset();
    this.deps.dropConnections();
    this.deps.limiter.clear();
    this.deps.log.clear();
    Object.assign(this.deps.faults, noFaults());
    this.desk.bus.emitState({ type: 'reset' });
    return { ok: true };
  }

  /** Replaces the fault configuration (`{}` clears it); `downForMs` drops all connections now. */
  setFaults(body: FaultConfig): Omit<FaultState, 'downUntil'> & { downForMs: number } {
    const parsed = parseFaults(body);
    const faults = this.deps.faults;
    faults.dropEveryFrames = parsed.dropEveryFrames ?? 0;
    faults.duplicateStreamFrames = parsed.duplicateStreamFrames ?? false;
    faults.delayMs = parsed.delayMs ?? 0;
    faults.slowUploadMs = parsed.slowUploadMs ?? 0;
    faults.downUntil = parsed.downForMs ? Date.now() + parsed.downForMs : 0;
    if (parsed.downForMs) this.deps.dropConnections();
    this.desk.bus.emitState({ type: 'faults' });
    return {
      dropEveryFrames: faults.dropEveryFrames,
      duplicateStreamFrames: faults.duplicateStreamFrames,
      delayMs: faults.delayMs,
      slowUploadMs: faults.slowUploadMs,
      downForMs: Math.max(0, faults.downUntil - Date.now()),
    };
  }

  /** Logged DDP calls and REST requests after sequence number `since`. */
  log(since = 0): LogEntry[] {
    return this.deps.log.list(since);
  }

  /** What a real server of this line would have rejected or ignored, after log sequence number `since`. */
  violations(since = 0): ViolationEntry[] {
    return this.deps.log.violations(since);
  }

  /** State changes as they happen (what `GET /control/events` streams); returns the unsubscribe function. */
  events(listener: (event: StateEvent) => void): () => void {
    return this.desk.bus.onState(listener);
  }
}
