/** The method table of a profile: every known handler, filtered by what that Rocket.Chat line registers. */
import type { Capabilities } from '../profiles';
import type { MethodHandler } from './method-types';
import { roomMethods } from './methods-room';
import { visitorMethods } from './methods-visitor';

const ALL: Record<string, MethodHandler> = { ...visitorMethods, ...roomMethods };

/** Handlers registered on a line; an absent name answers `404 Method '<x>' not found`. */
export function methodTable(caps: Capabilities): Map<string, MethodHandler> {
  const table = new Map<string, MethodHandler>();
  for (const name of caps.methods) {
    const handler = ALL[name];
    if (handler) table.set(name, handler);
  }
  return table;
}
