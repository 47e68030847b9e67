/**
 * Delivers the visitor's pending messages exactly once and in order. Each message keeps the `_id` it was given when
 * typed, so a resend after a lost answer is recognised by the server and by the stream echo; a permanent refusal
 * marks it failed (the UI offers a retry) and nothing typed is ever dropped.
 */
import { describeError, LivechatError } from '../livechat/errors';
import type { LivechatApi } from '../livechat/api';
import type { ChatMessage } from '../livechat/types';
import type { ChatState } from './chat-state';
import type { Clock } from '../ddp/types';

export interface OutboxDeps {
  state: ChatState;
  api: () => LivechatApi;
  clock: Clock;
  newId: () => string;
  /** Registers the visitor when the server does not know the token yet. */
  ensureRegistered(): Promise<void>;
  /** The server answered with the room the message really went to. */
  roomConfirmed(rid: string): void;
  connected(): boolean;
}

export interface Outbox {
  /** Starts (or continues) delivering; resolves when nothing more can be sent now. */
  flush(): Promise<void>;
}

/** Creates the outbox over the messages marked `pending` in the chat state. */
export function createOutbox(deps: OutboxDeps): Outbox {
  let running: Promise<void> | null = null;

  async function deliver(message: ChatMessage): Promise<'sent' | 'stop'> {
    const { state } = deps;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await deps.ensureRegistered();
      const room = ensureRoom();
      try {
        const stored = await deps.api().sendMessage({
          id: message.id,
          text: message.text,
          rid: room.id,
          confirmed: room.confirmed,
        });
        deps.roomConfirmed(stored.rid);
        const { newRoom: _newRoom, ...rest } = stored;
        state.upsert({ ...rest, delivery: 'sent' });
        state.setError(null);
        return 'sent';
      } catch (error) {
        if (!(error instanceof LivechatError)) throw error;
        if (error.kind === 'unreachable') return 'stop';
        if (error.kind === 'rate-limited') {
          await new Promise<void>((resolve) => deps.clock.setTimeout(resolve, error.retryAfterMs ?? 10_000));
          continue;
        }
        if (error.code === 'invalid-token') {
          state.update({ visitor: { ...state.desk.visitor, registered: false } });
          continue;
        }
        if (['room-closed', 'invalid-room', 'error-invalid-room', 'cannot-access-room'].includes(error.code)) {
          // The room ended meanwhile: the next send opens a new one (SPEC §2.3).
          state.update({ room: null });
          continue;
        }
        // A resend of a message whose first answer was lost is refused as a duplicate (a masked 500 on most lines,
        // SPEC §6.2 q15): if the server has it, it was delivered.
        const stored = await storedCopy(message).catch(() => null);
        if (stored) {
          deps.roomConfirmed(stored.rid);
          state.upsert({ ...stored, delivery: 'sent' });
          return 'sent';
        }
        state.upsert({ ...message, delivery: 'failed' });
        state.setError(`Your message could not be sent: ${describeError(error)}`);
        return 'sent';
      }
    }
    state.upsert({ ...message, delivery: 'failed' });
    return 'sent';
  }

  /** The server's copy of a message, looked up in the visitor's open room (which the server names). */
  async function storedCopy(message: ChatMessage): Promise<ChatMessage | null> {
    const config = await deps.api().getConfig();
    const rid = config.room?.id ?? deps.state.desk.room?.id;
    if (!rid) return null;
    const history = await deps.api().loadHistory(rid, { limit: 50 });
    return history.find((m) => m.id === message.id && m.rid === rid) ?? null;
  }

  function ensureRoom(): { id: string; confirmed: boolean } {
    const room = deps.state.desk.room;
    if (room && room.open) return room;
    const proposed = { id: deps.newId(), open: true, confirmed: false };
    deps.state.update({ room: proposed });
    return proposed;
  }

  async function run(): Promise<void> {
    while (deps.connected()) {
      const next = deps.state.desk.messages.find((m) => m.delivery === 'pending');
      if (!next) return;
      if ((await deliver(next)) === 'stop') return;
    }
  }

  return {
    flush() {
      running ??= run()
        .catch((error) => deps.state.setError(describeError(error)))
        .finally(() => {
          running = null;
        });
      return running;
    },
  };
}
