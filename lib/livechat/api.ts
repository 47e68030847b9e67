/**
 * The visitor's Livechat operations behind one typed API, for one server and visitor token. Each operation takes
 * the path the desk's line has for it (`line.ts`), learnt once from `GET /api/info` and kept with the desk
 * (`Capabilities`); a surprising 404 still falls back to the operation's other path.
 */
import { createCaller, type LivechatApiDeps } from './caller';
import { createLineKeeper } from './line-keeper';
import { chatOps } from './ops-chat';
import { roomOps } from './ops-room';

export type { LivechatApiDeps } from './caller';
export type { OutgoingMessage } from './ops-chat';
export type { CustomFieldValue, SurveyAnswer } from './ops-room';
export type LivechatApi = ReturnType<typeof createLivechatApi>;

/** Creates the Livechat API for one server and visitor token. */
export function createLivechatApi(deps: LivechatApiDeps) {
  const line = createLineKeeper({ caps: deps.caps, rest: deps.rest, now: deps.now ?? Date.now });
  const caller = createCaller({ ...deps, caps: line.caps });
  return {
    ...chatOps(caller),
    ...roomOps(caller),
    /** Resolves once the desk's line is known (read only when it is not) or could not be read. */
    knowLine: line.ensure,
    /** Call after each reconnect: re-reads a line read long ago. */
    lineReconnected: line.reconnected,
    /** The typing event name this line emits and reads. */
    typingEvent: line.typingEvent,
    /** Whether a remembered room may be subscribed before the config confirms it is open. */
    subscribeRestoredAtOnce: line.subscribeRestoredAtOnce,
  };
}
