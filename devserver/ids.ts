import { randomBytes, randomUUID } from 'node:crypto';

/** Meteor's `Random.id()` alphabet (no look-alike characters). */
const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

/** A Meteor-style random id, 17 characters by default (room, message, visitor and session ids). */
export function randomId(length = 17): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += UNMISTAKABLE[byte % UNMISTAKABLE.length];
  return out;
}

/** A UUID, the EE ddp-streamer's session id form. */
export function uuid(): string {
  return randomUUID();
}
