import type { Desk } from '../desk';
import type { Violation } from '../log';

/** What a DDP method handler sees of its connection. */
export interface MethodContext {
  desk: Desk;
  connectionId: string;
  /** The token bound by `livechat:setUpConnection`, if any. */
  boundToken: string | undefined;
  /** Binds a visitor token to the connection (marked offline when the socket closes). */
  bindToken(token: string): void;
  /** Notes that a real server of this line would accept the call but ignore it, or part of it (README "Violations"). */
  ignored(violation: Omit<Violation, 'kind' | 'what'>): void;
}

/** A method: params in, result out (`undefined` = no `result` key); throws Meteor or plain errors. */
export type MethodHandler = (ctx: MethodContext, params: unknown[]) => unknown;
