/** Visitor and configuration methods of the Realtime API (SPEC §2.2). */
import { check, Match } from '../check';
import { initialData } from '../config';
import { MeteorError } from '../errors';
import { pickAgent } from '../agents';
import { recordPageVisit, registerVisitor, setCustomField, setVisitorStatus, type PageInfo } from '../visitors';
import type { MethodHandler } from './method-types';

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

const getInitialData: MethodHandler = ({ desk }, [token, departmentId]) =>
  initialData(desk, String(token), typeof departmentId === 'string' ? departmentId : undefined);

const registerGuest: MethodHandler = ({ desk }, [input]) => {
  const data = (input ?? {}) as Record<string, unknown>;
  if (typeof data.token !== 'string' || !data.token) {
    throw new MeteorError('error-invalid-token', 'Invalid token', { method: 'livechat:registerGuest' });
  }
  const customFields = Array.isArray(data.customFields)
    ? (data.customFields as Record<string, unknown>[])
        .filter((f) => typeof f?.key === 'string' && typeof f.value === 'string')
        .map((f) => ({ key: f.key as string, value: f.value as string, overwrite: f.overwrite !== false }))
    : undefined;
  const visitor = registerVisitor(desk, {
    token: data.token,
    name: str(data.name),
    email: str(data.email),
    department: str(data.department),
    customFields: customFields?.filter((f) =>
      desk.settings.customFields.some((d) => d._id === f.key && d.scope !== 'room'),
    ),
  });
  const { _id, token, name, username, visitorEmails, department } = visitor;
  return { userId: _id, visitor: { _id, token, name, username, visitorEmails, department } };
};

const setUpConnection: MethodHandler = (ctx, [data]) => {
  check<{ token: string }>(data, { token: String });
  if (!ctx.boundToken) {
    ctx.bindToken(data.token);
    const visitor = ctx.desk.store.visitors.get(data.token);
    if (visitor) setVisitorStatus(ctx.desk, visitor, 'online');
  }
  return undefined;
};

const getAgentData: MethodHandler = ({ desk }, [data]) => {
  check<{ roomId: string; token: string }>(data, { roomId: String, token: String });
  const room = desk.store.rooms.get(data.roomId);
  if (!desk.store.visitors.get(data.token) || !room || room.t !== 'l' || room.v.token !== data.token) {
    throw new MeteorError('error-invalid-room', 'Invalid room');
  }
  const agent = desk.servingAgent(room);
  return agent ? desk.visibleAgentInfo(agent) : undefined;
};

const getNextAgent: MethodHandler = ({ desk }, [data]) => {
  check<{ token: string; department?: string }>(data, { token: String, department: Match.Maybe(String) });
  if (desk.store.openRoomOf(data.token)) return undefined;
  const agent = pickAgent(desk, data.department);
  return agent ? desk.agentInfo(agent) : undefined;
};

const loginByToken: MethodHandler = ({ desk }, [token]) => {
  check<string>(token, String);
  const visitor = desk.store.visitors.get(token);
  return visitor ? { _id: visitor._id } : undefined;
};

const sendOfflineMessage: MethodHandler = ({ desk }, [data]) => {
  check<{ name: string; email: string; message: string }>(data, { name: String, email: String, message: String });
  if (!desk.settings.displayOfflineForm)
    throw new MeteorError('error-offline-form-disabled', 'Offline form is disabled');
  desk.store.offlineMessages.push({ ...data, ts: new Date() });
  desk.bus.emitState({ type: 'offline-message', name: data.name });
  return undefined;
};

const setCustomFieldMethod: MethodHandler = ({ desk }, [token, key, value, overwrite = true]) => {
  check<string>(token, String);
  check<string>(key, String);
  check<string>(value, String);
  check<boolean>(overwrite, Boolean);
  const visitor = desk.store.visitors.get(token);
  if (!visitor) return false;
  return setCustomField(desk, visitor, key, value, overwrite);
};

const getCustomFields: MethodHandler = ({ desk }) => desk.settings.customFields;

const pageVisited: MethodHandler = ({ desk }, [token, rid, pageInfo]) => {
  check<string>(token, String);
  check<string | null | undefined>(rid, Match.Maybe(String));
  check<PageInfo>(pageInfo, Match.ObjectIncluding({ title: String, location: { href: String }, change: String }));
  recordPageVisit(desk, token, rid ?? undefined, pageInfo);
  return undefined;
};

export const visitorMethods: Record<string, MethodHandler> = {
  'livechat:getInitialData': getInitialData,
  'livechat:registerGuest': registerGuest,
  'livechat:setUpConnection': setUpConnection,
  'livechat:getAgentData': getAgentData,
  'livechat:getNextAgent': getNextAgent,
  'livechat:loginByToken': loginByToken,
  'livechat:sendOfflineMessage': sendOfflineMessage,
  'livechat:setCustomField': setCustomFieldMethod,
  'livechat:getCustomFields': getCustomFields,
  'livechat:pageVisited': pageVisited,
};
