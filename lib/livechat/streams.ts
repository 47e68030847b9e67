/**
 * The visitor's room subscriptions (SPEC §3): one DDP subscription per (stream, event name), fanned out locally,
 * each carrying both `token` and `visitorToken` since different permission checks read different keys.
 */
import type { DdpConnection, SubscriptionHandle } from '../ddp/types';
import { withoutSecrets, type LivechatError } from './errors';
import { normalizeAgent, normalizeMessage, agentStatus, type MessageContext } from './normalize-message';
import { fromDdpError } from './paths';
import { list, obj, str } from './read';
import type { AgentInfo, ChatMessage, QueueInfo } from './types';

export interface RoomHandlers {
  message(message: ChatMessage): void;
  removed(messageId: string): void;
  /** Agent assigned or changed; null when the room went back to the queue. */
  agent(agent: AgentInfo | null): void;
  agentStatus(status: AgentInfo['status']): void;
  queue(queue: QueueInfo): void;
  /** Someone other than the visitor is typing (`typing` false: stopped). */
  typing(name: string, typing: boolean): void;
  /** A subscription was refused or ended by the server (the error without the visitor token, for logs). */
  refused(stream: string, error: LivechatError): void;
}

export interface RoomSubscription {
  /** Resolves once every subscription is ready (after a reconnect, the client re-arms them itself). */
  readonly ready: Promise<void>;
  stop(): void;
}

/**
 * Subscribes to everything a visitor hears about one room; typing on the one event name the line emits
 * (`<rid>/typing` up to 3.x, `<rid>/user-activity` from 4.0).
 */
export function subscribeRoom(
  ddp: DdpConnection,
  rid: string,
  context: MessageContext,
  on: RoomHandlers,
  typingEvent: 'typing' | 'user-activity' = 'user-activity',
): RoomSubscription {
  const extra = { useCollection: false, args: [{ token: context.token, visitorToken: context.token }] };
  const subs: SubscriptionHandle[] = [];
  const offs: Array<() => void> = [];
  const listen = (stream: string, eventName: string, handler: (args: unknown[]) => void): void => {
    offs.push(ddp.onStream(stream, eventName, handler));
    subs.push(
      ddp.subscribe(stream, [eventName, extra], {
        onNosub: (error) => on.refused(stream, withoutSecrets(fromDdpError(error), [context.token])),
      }),
    );
  };

  listen('stream-room-messages', rid, (args) => {
    const message = normalizeMessage(args[0], context);
    if (message && message.rid === rid) on.message(message);
  });
  listen('stream-livechat-room', rid, (args) => {
    const event = obj(args[0]);
    if (event.type === 'agentData') on.agent(event.data ? normalizeAgent(event.data) : null);
    else if (event.type === 'agentStatus') on.agentStatus(agentStatus(event.status));
    else if (event.type === 'queueData') {
      const data = obj(event.data);
      const wait = data.estimatedWaitTimeSeconds;
      on.queue({
        spot: typeof data.spot === 'number' ? data.spot : 0,
        estimatedWaitSeconds: typeof wait === 'number' ? wait : null,
        message: str(data.message),
      });
    }
  });
  listen('stream-notify-room', `${rid}/${typingEvent}`, (args) => {
    const name = str(args[0]);
    if (name) on.typing(name, typingEvent === 'typing' ? args[1] === true : list(args[1]).includes('user-typing'));
  });
  listen('stream-notify-room', `${rid}/deleteMessage`, (args) => {
    const id = str(obj(args[0])._id);
    if (id) on.removed(id);
  });

  return {
    ready: Promise.all(subs.map((s) => s.ready)).then(() => undefined),
    stop() {
      for (const off of offs) off();
      for (const sub of subs) sub.stop();
    },
  };
}
