/** Visitor records: registration, presence, custom fields, navigation history (SPEC §2.2). */
import type { Desk } from './desk';
import { MeteorError } from './errors';
import { randomId } from './ids';
import type { Message, Visitor, VisitorStatus } from './types';

export interface VisitorInput {
  token: string;
  name?: string;
  email?: string;
  department?: string;
  phone?: string;
  username?: string;
  customFields?: { key: string; value: string; overwrite?: boolean }[];
}

/**
 * Creates or updates the visitor of a token (`livechat:registerGuest`, `POST livechat/visitor`): renames open
 * rooms, resolves the department by id or name, stores visitor-scoped custom fields.
 */
export function registerVisitor(desk: Desk, input: VisitorInput): Visitor {
  const { store } = desk;
  let departmentId: string | undefined;
  if (input.department) {
    const department = store.departmentByIdOrName(input.department);
    if (!department) throw new MeteorError('error-invalid-department', 'The provided department is invalid');
    departmentId = department._id;
  }
  const now = new Date();
  let visitor = store.visitors.get(input.token);
  if (!visitor) {
    visitor = {
      _id: randomId(),
      token: input.token,
      username: input.username ?? store.nextGuestUsername(),
      livechatData: {},
      status: 'online',
      ts: now,
      _updatedAt: now,
    };
    store.visitors.set(input.token, visitor);
  }
  if (input.name !== undefined) visitor.name = input.name;
  if (input.email) visitor.visitorEmails = [{ address: input.email }];
  if (input.phone) visitor.phone = [{ phoneNumber: input.phone }];
  if (departmentId) visitor.department = departmentId;
  visitor._updatedAt = now;
  for (const field of input.customFields ?? [])
    setCustomField(desk, visitor, field.key, field.value, field.overwrite ?? true);
  for (const room of store.rooms.values()) {
    if (room.open && room.v.token === visitor.token) {
      if (visitor.name) room.fname = visitor.name;
      room.v.username = visitor.username;
    }
  }
  desk.bus.emitState({ type: 'visitor', token: visitor.token });
  return visitor;
}

/** Stores a custom field on the visitor or on the open room by its scope; false when no such field exists. */
export function setCustomField(desk: Desk, visitor: Visitor, key: string, value: string, overwrite: boolean): boolean {
  const definition = desk.settings.customFields.find((field) => field._id === key);
  if (!definition) return false;
  const target =
    definition.scope === 'room' ? desk.store.openRoomOf(visitor.token)?.livechatData : visitor.livechatData;
  if (!target) return false;
  if (overwrite || target[key] === undefined) target[key] = value;
  return true;
}

/** Visitor presence (`setUpConnection` close hook, `POST livechat/visitor.status`). */
export function setVisitorStatus(desk: Desk, visitor: Visitor, status: VisitorStatus): void {
  visitor.status = status;
  for (const room of desk.store.rooms.values()) if (room.v.token === visitor.token) room.v.status = status;
  desk.bus.emitState({ type: 'visitor', token: visitor.token, status });
}

/** The `u` of a message written by the visitor. */
export function visitorRef(visitor: Visitor): Message['u'] {
  const ref: Message['u'] = { _id: visitor._id, username: visitor.username };
  if (visitor.name) ref.name = visitor.name;
  return ref;
}

export interface PageInfo {
  title: string;
  location: { href: string };
  change: string;
}

/**
 * Navigation history (`livechat:pageVisited`, `POST livechat/page.visited`): stored only when `change` is the
 * monitored type, as a hidden `livechat_navigation_history` message by `rocket.cat`. Returns it or undefined.
 */
export function recordPageVisit(
  desk: Desk,
  token: string,
  rid: string | undefined,
  page: PageInfo,
): Message | undefined {
  if (page.change !== desk.settings.historyMonitorType) return undefined;
  const room = rid ? desk.store.rooms.get(rid) : undefined;
  const message = desk.buildMessage(
    room?._id ?? rid ?? '',
    { _id: 'rocket.cat', username: 'rocket.cat' },
    `${page.title} - ${page.location.href}`,
    { t: 'livechat_navigation_history', navigation: { page, token }, _hidden: true },
  );
  if (room) desk.insertMessage(message);
  return message;
}
