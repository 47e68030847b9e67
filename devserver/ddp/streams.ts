/**
 * Stream publications a visitor uses (SPEC §1.5, §1.6, §3): parameter checks, read authorization by visitor
 * token (`token` or `visitorToken`, accepted on every stream), and write authorization for typing.
 */
import type { StreamName } from '../bus';
import { check, Match } from '../check';
import type { Desk } from '../desk';
import type { Room } from '../types';

export const STREAMS: readonly StreamName[] = ['stream-room-messages', 'stream-livechat-room', 'stream-notify-room'];

export function isStreamName(name: string): name is StreamName {
  return (STREAMS as readonly string[]).includes(name);
}

/** `[eventName, {useCollection, args:[extraData]}]` or the old `[eventName, false]` (SPEC §1.6). */
export function parseStreamParams(params: unknown[]): { eventName: string; extra: Record<string, unknown> } {
  const [eventName, options] = params;
  check<string>(eventName, String);
  check(options, Match.OneOf(Boolean, { useCollection: Boolean, args: [Match.Any] }));
  const first = typeof options === 'object' && options !== null ? (options as { args: unknown[] }).args[0] : undefined;
  const extra = first !== null && typeof first === 'object' ? (first as Record<string, unknown>) : {};
  return { eventName, extra };
}

function visitorToken(extra: Record<string, unknown>): string | undefined {
  const token = extra.visitorToken ?? extra.token;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

function ownRoom(desk: Desk, rid: string, token: string | undefined): Room | undefined {
  const room = desk.store.rooms.get(rid);
  return room && room.t === 'l' && token !== undefined && room.v.token === token ? room : undefined;
}

/** Whether a visitor subscription may read `eventName` of `name` (checked once, at `sub` time). */
export function canRead(desk: Desk, name: StreamName, eventName: string, extra: Record<string, unknown>): boolean {
  const token = visitorToken(extra);
  switch (name) {
    case 'stream-room-messages': {
      const room = ownRoom(desk, eventName, token);
      return room !== undefined && (room.open || !desk.caps.roomMessagesRequireOpen);
    }
    case 'stream-livechat-room':
      return ownRoom(desk, eventName, token) !== undefined;
    case 'stream-notify-room': {
      const [rid, event] = eventName.split('/');
      return rid !== undefined && event !== undefined && ownRoom(desk, rid, token) !== undefined;
    }
  }
}

/**
 * A visitor write to `stream-notify-room` (typing): allowed for `<rid>/user-activity`, and `<rid>/typing` on
 * lines that still have it, when the last argument carries the room's visitor token. Returns the room or
 * undefined (then the write is dropped silently, SPEC §1.6).
 */
export function writableRoom(desk: Desk, eventName: string, args: unknown[]): Room | undefined {
  const [rid, event] = eventName.split('/');
  if (rid === undefined || (event !== 'user-activity' && !(event === 'typing' && desk.caps.legacyTyping))) {
    return undefined;
  }
  const last = args[args.length - 1];
  const extra = last !== null && typeof last === 'object' ? (last as Record<string, unknown>) : {};
  const room = ownRoom(desk, rid, visitorToken(extra));
  return room?.open ? room : undefined;
}
