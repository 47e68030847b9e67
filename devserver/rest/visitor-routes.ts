/** REST routes about the visitor and the widget (SPEC §2.2 replacements, §4.2, R01–R02, R07, R11, R13). */
import { pickAgent } from '../agents';
import { restConfig } from '../config';
import type { Desk } from '../desk';
import { requireVisitor } from '../rooms';
import type { Visitor } from '../types';
import { recordPageVisit, registerVisitor, setCustomField, setVisitorStatus, type PageInfo } from '../visitors';
import type { RestHandler } from './types';
import { validate } from './validate';

/** A visitor document as REST returns it. */
export function restVisitor(visitor: Visitor): Record<string, unknown> {
  const { livechatData, ...rest } = visitor;
  return Object.keys(livechatData).length > 0 ? { ...rest, livechatData } : rest;
}

/** Plain-error form used by the livechat REST routes (`{success:false, error:"invalid-token"}`). */
export function visitorOf(desk: Desk, token: unknown): Visitor {
  try {
    return requireVisitor(desk, token);
  } catch {
    throw new Error('invalid-token');
  }
}

const config: RestHandler = ({ desk, query, siteUrl }) => ({
  config: restConfig(desk, siteUrl, query.get('token') ?? undefined, query.get('department') ?? undefined),
});

const postVisitor: RestHandler = ({ desk, body }) => {
  const { visitor } = validate<{ visitor: Record<string, unknown> }>(body, { visitor: 'object' });
  const input = validate<{
    token: string;
    name?: string;
    email?: string;
    department?: string;
    phone?: string;
    username?: string;
    customFields?: { key: string; value: string; overwrite: boolean }[];
  }>(visitor, {
    token: 'string',
    name: 'string?',
    email: 'string?',
    department: 'string?',
    phone: 'string?',
    username: 'string?',
    customFields: 'array?',
  });
  return { visitor: restVisitor(registerVisitor(desk, input)) };
};

const getVisitor: RestHandler = ({ desk, params: [token] }) => {
  const visitor = desk.store.visitors.get(token ?? '');
  if (!visitor) throw new Error('invalid-token');
  return { visitor: restVisitor(visitor) };
};

const visitorStatus: RestHandler = ({ desk, body }) => {
  const { token, status } = validate<{ token: string; status: string }>(body, { token: 'string', status: 'string' });
  if (!['online', 'away', 'offline', 'busy'].includes(status)) throw new Error('invalid-status');
  setVisitorStatus(desk, visitorOf(desk, token), status === 'busy' ? 'away' : (status as Visitor['status']));
  return { token, status };
};

const agentInfo: RestHandler = ({ desk, params: [rid, token] }) => {
  visitorOf(desk, token);
  const room = desk.store.rooms.get(rid ?? '');
  if (!room || room.v.token !== token) throw new Error('invalid-room');
  const agent = desk.servingAgent(room);
  if (!agent) throw new Error('invalid-agent');
  return { agent: desk.visibleAgentInfo(agent) };
};

/**
 * `GET livechat/agent.next/:token?department=`: who would take a new chat, for trigger messages. With an open room
 * it answers bare success; with nobody to route to, `agent-not-found`. No visitor is needed (Rocket.Chat's route
 * only looks for the token's open room).
 */
const agentNext: RestHandler = ({ desk, params: [token], query }) => {
  if (desk.store.openRoomOf(token ?? '')) return {};
  const agent = pickAgent(desk, query.get('department') || undefined);
  if (!agent) throw new Error('agent-not-found');
  return { agent: desk.agentInfo(agent) };
};

const customField: RestHandler = ({ desk, body }) => {
  const input = validate<{ token: string; key: string; value: string; overwrite: boolean }>(body, {
    token: 'string',
    key: 'string',
    value: 'string',
    overwrite: 'boolean',
  });
  const visitor = visitorOf(desk, input.token);
  setCustomField(desk, visitor, input.key, input.value, input.overwrite);
  return { field: { key: input.key, value: input.value, overwrite: input.overwrite } };
};

const customFields: RestHandler = ({ desk, body }) => {
  const input = validate<{ token: string; customFields: { key: string; value: string; overwrite: boolean }[] }>(body, {
    token: 'string',
    customFields: 'array',
  });
  const visitor = visitorOf(desk, input.token);
  const fields = input.customFields.map((field) => {
    const item = validate<{ key: string; value: string; overwrite: boolean }>(field ?? {}, {
      key: 'string',
      value: 'string',
      overwrite: 'boolean',
    });
    setCustomField(desk, visitor, item.key, item.value, item.overwrite);
    return { Key: item.key, value: item.value, overwrite: item.overwrite };
  });
  return { fields };
};

const pageVisited: RestHandler = ({ desk, body }) => {
  const input = validate<{ token: string; rid?: string; pageInfo: PageInfo }>(body, {
    token: 'string',
    rid: 'string?',
    pageInfo: 'object',
  });
  validate(input.pageInfo as unknown as Record<string, unknown>, {
    title: 'string',
    change: 'string',
    location: 'object',
  });
  validate(input.pageInfo.location as unknown as Record<string, unknown>, { href: 'string' });
  const page = recordPageVisit(desk, input.token, input.rid, input.pageInfo);
  return page ? { page: { msg: page.msg, navigation: page.navigation } } : {};
};

const offlineMessage: RestHandler = ({ desk, body }) => {
  const input = validate<{ name: string; email: string; message: string; department?: string; host?: string }>(body, {
    name: 'string',
    email: 'string',
    message: 'string',
    department: 'string?',
    host: 'string?',
  });
  if (!desk.settings.displayOfflineForm) throw new Error('error-offline-form-disabled');
  const { host: _host, ...message } = input;
  desk.store.offlineMessages.push({ ...message, ts: new Date() });
  desk.bus.emitState({ type: 'offline-message', name: input.name });
  return { message: 'Livechat offline message sent' };
};

/** `[method, pattern, handler]` for the router. */
export const visitorRoutes: [string, string, RestHandler][] = [
  ['GET', 'livechat/config', config],
  ['POST', 'livechat/visitor', postVisitor],
  ['GET', 'livechat/visitor/:token', getVisitor],
  ['POST', 'livechat/visitor.status', visitorStatus],
  ['GET', 'livechat/agent.info/:rid/:token', agentInfo],
  ['GET', 'livechat/agent.next/:token', agentNext],
  ['POST', 'livechat/custom.field', customField],
  ['POST', 'livechat/custom.fields', customFields],
  ['POST', 'livechat/page.visited', pageVisited],
  ['POST', 'livechat/offline.message', offlineMessage],
];
