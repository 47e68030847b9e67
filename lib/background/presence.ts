/**
 * The visitor's presence as agents see it, as Rocket.Chat's own widget reports it: online while a chat UI is open,
 * away while none is. A change settles for a moment before it is sent, so closing and reopening the popup does not
 * flap, and it is sent again after every reconnect, because the server marks a visitor offline when the socket that
 * set up the connection closes (SPEC §1.10). A server without the endpoint is not asked again.
 */
import type { Clock } from '../ddp/types';
import { LivechatError } from '../livechat/errors';

export type Presence = 'online' | 'away';

export interface PresenceDeps {
  clock: Clock;
  /** Sends the status (`POST livechat/visitor.status`). */
  report(status: Presence): Promise<void>;
  /** Whether there is a conversation for presence to matter to (a visitor the server knows, an open room). */
  relevant(): boolean;
  onError(error: unknown): void;
  /** How long a change must hold before it is sent (default 1 500 ms). */
  settleMs?: number;
}

/** Creates the reporter; nothing is sent until `want` is called. */
export function createPresence(deps: PresenceDeps) {
  const settleMs = deps.settleMs ?? 1500;
  let wanted: Presence | null = null;
  let reported: Presence | null = null;
  let timer: unknown;
  let sending = false;
  let unsupported = false;

  function schedule(): void {
    if (timer !== undefined) deps.clock.clearTimeout(timer);
    timer = deps.clock.setTimeout(() => void flush(), settleMs);
  }

  async function flush(): Promise<void> {
    timer = undefined;
    if (unsupported || sending || wanted === null || wanted === reported || !deps.relevant()) return;
    const status = wanted;
    sending = true;
    try {
      await deps.report(status);
      reported = status;
    } catch (error) {
      if (error instanceof LivechatError && error.kind === 'missing') unsupported = true;
      else deps.onError(error);
      return;
    } finally {
      sending = false;
    }
    if (wanted !== reported) schedule();
  }

  return {
    /** The status the visitor has now; sent once it has held for `settleMs`. */
    want(status: Presence): void {
      wanted = status;
      if (status !== reported) schedule();
      else if (timer !== undefined) {
        deps.clock.clearTimeout(timer);
        timer = undefined;
      }
    },
    /** The link came back: the server may have marked the visitor offline meanwhile, so say it again. */
    reconnected(): void {
      reported = null;
      if (wanted !== null) schedule();
    },
    dispose(): void {
      if (timer !== undefined) deps.clock.clearTimeout(timer);
      timer = undefined;
      unsupported = true;
    },
  };
}
