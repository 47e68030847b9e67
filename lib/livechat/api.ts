/**
 * The visitor's Livechat operations behind one typed API, for one server and visitor token. Each operation has a
 * DDP path and a REST twin; which one a server supports is learnt and remembered (`Capabilities`).
 */
import { createCaller, type LivechatApiDeps } from './caller';
import { chatOps } from './ops-chat';
import { roomOps } from './ops-room';

export type { LivechatApiDeps } from './caller';
export type { OutgoingMessage } from './ops-chat';
export type { CustomFieldValue, SurveyAnswer } from './ops-room';
export type LivechatApi = ReturnType<typeof createLivechatApi>;

/** Creates the Livechat API for one server and visitor token. */
export function createLivechatApi(deps: LivechatApiDeps) {
  const caller = createCaller(deps);
  return { ...chatOps(caller), ...roomOps(caller) };
}
