/**
 * The shared context of the conversation logic: state, profile capabilities, the event bus, and the helpers
 * that build, store and broadcast messages the way Rocket.Chat does (SPEC §3.1, §3.5).
 */
import { parse } from '@rocket.chat/message-parser';
import { Bus } from './bus';
import { randomId } from './ids';
import { capabilitiesOf, type Capabilities } from './profiles';
import type { Store } from './store';
import type { Agent, Message, Profile, Room, UserRef } from './types';

export interface DeskOptions {
  profile: Profile;
  autoAssign: boolean;
  /** Delay of `queueData` after the queue changed (Rocket.Chat debounces about 1 s). */
  queueDebounceMs: number;
  /** DDP framing when it differs from the profile's (e.g. a Community 8.x server speaks Meteor's). */
  framing?: 'meteor' | 'streamer';
}

export class Desk {
  readonly bus = new Bus();
  readonly caps: Capabilities;
  readonly profile: Profile;
  autoAssign: boolean;
  private readonly queueDebounceMs: number;
  private queueTimer: NodeJS.Timeout | undefined;
  private lastTs = 0;

  constructor(
    readonly store: Store,
    options: DeskOptions,
  ) {
    this.profile = options.profile;
    this.caps = capabilitiesOf(options.profile, options.framing);
    this.autoAssign = options.autoAssign;
    this.queueDebounceMs = options.queueDebounceMs;
  }

  get settings() {
    return this.store.settings;
  }

  /** `Users.getAgentInfo` (SPEC §3.2), without the hidden-info rule. */
  agentInfo(agent: Agent): Record<string, unknown> {
    const info: Record<string, unknown> = {
      _id: agent._id,
      username: agent.username,
      name: agent.name,
      status: agent.status,
      livechat: { maxNumberSimultaneousChat: 0 },
      phone: [],
    };
    if (this.settings.showAgentEmail) info.emails = agent.emails;
    return info;
  }

  /** Agent info as a visitor may see it: `{hiddenInfo:true}` when `Livechat_show_agent_info` is off. */
  visibleAgentInfo(agent: Agent): Record<string, unknown> {
    return this.settings.agentHiddenInfo ? { hiddenInfo: true } : this.agentInfo(agent);
  }

  servingAgent(room: Room): Agent | undefined {
    return room.servedBy ? this.store.agents.get(room.servedBy._id) : undefined;
  }

  /** Message time: strictly increasing, so messages written in the same millisecond keep their order. */
  now(): Date {
    this.lastTs = Math.max(Date.now(), this.lastTs + 1);
    return new Date(this.lastTs);
  }

  /** A new message document with Rocket.Chat's default fields; `md` only for plain (non-system) text. */
  buildMessage(rid: string, u: Message['u'], msg: string, extra: Partial<Message> = {}): Message {
    const now = this.now();
    const message: Message = { _id: randomId(), rid, msg, ts: now, u, _updatedAt: now, ...extra };
    if (!message.t) {
      message.urls = [];
      message.mentions = [];
      message.channels = [];
      if (this.settings.markdownAst) message.md = markdown(msg);
    } else {
      message.groupable = false;
    }
    return message;
  }

  /** A system message (`t`) authored by `u`. */
  systemMessage(rid: string, t: string, u: Message['u'], msg = '', extra: Partial<Message> = {}): Message {
    return this.insertMessage(this.buildMessage(rid, u, msg, { t, ...extra }));
  }

  /** Stores a message, updates the room and broadcasts it on `stream-room-messages`. */
  insertMessage(message: Message): Message {
    this.store.roomMessages(message.rid).push(message);
    const room = this.store.rooms.get(message.rid);
    if (room) {
      room.msgs += 1;
      room.lm = message.ts;
      room._updatedAt = message.ts;
    }
    this.publishMessage(message);
    this.bus.emitState({ type: 'message', rid: message.rid, messageId: message._id });
    return message;
  }

  /** Re-sends a changed message to the room's subscribers (edits, deletion-to-`rm`). */
  publishMessage(message: Message): void {
    if (message._hidden) return;
    this.bus.emitStream({ stream: 'stream-room-messages', eventName: message.rid, args: [message] });
  }

  emitLivechatRoom(rid: string, payload: Record<string, unknown>): void {
    this.bus.emitStream({ stream: 'stream-livechat-room', eventName: rid, args: [payload] });
  }

  /** `queueData` for every waiting room, debounced like Rocket.Chat's EE queue (SPEC §3.2). */
  scheduleQueueUpdate(): void {
    if (!this.settings.waitingQueue || this.queueTimer) return;
    this.queueTimer = setTimeout(() => {
      this.queueTimer = undefined;
      this.store.waitingRooms().forEach((room, index) => {
        this.emitLivechatRoom(room._id, { type: 'queueData', data: queueInfo(index + 1) });
      });
    }, this.queueDebounceMs);
  }

  /** Queue position of a waiting room, or undefined when it is served or closed. */
  queuePosition(rid: string): Record<string, unknown> | undefined {
    const index = this.store.waitingRooms().findIndex((room) => room._id === rid);
    return index < 0 || !this.settings.waitingQueue ? undefined : queueInfo(index + 1);
  }

  /** Stops pending timers (server shutdown, reset). */
  dispose(): void {
    clearTimeout(this.queueTimer);
    this.queueTimer = undefined;
  }
}

function queueInfo(spot: number): Record<string, unknown> {
  return { spot, message: '', estimatedWaitTimeSeconds: spot * 60 };
}

/** Rocket.Chat's markdown AST for a text, from its own parser. */
export function markdown(text: string): unknown[] {
  try {
    return parse(text) as unknown[];
  } catch {
    return [{ type: 'PARAGRAPH', value: [{ type: 'PLAIN_TEXT', value: text }] }];
  }
}

/** The `u` of a message written by an agent. */
export function agentRef(agent: Agent): UserRef {
  return { _id: agent._id, username: agent.username, name: agent.name };
}
