/**
 * What every group of Livechat operations shares: the DDP call wrapper (errors mapped to `LivechatError`), the
 * REST client, the learnt capabilities and the message normaliser bound to this visitor.
 */
import type { DdpConnection } from '../ddp/types';
import { LivechatError, withoutSecrets } from './errors';
import { normalizeMessage, type MessageContext } from './normalize-message';
import { fromDdpError, type Capabilities } from './paths';
import { list } from './read';
import type { RestClient } from './rest';
import type { ChatMessage } from './types';

export interface LivechatApiDeps {
  ddp: DdpConnection;
  rest: RestClient;
  caps: Capabilities;
  baseUrl: string;
  token: () => string;
  /** Epoch ms (when the line was read); default `Date.now`. */
  now?: () => number;
}

export type Caller = ReturnType<typeof createCaller>;

/** Binds the shared helpers to one server and visitor. */
export function createCaller(deps: LivechatApiDeps) {
  const context = (): MessageContext => ({ token: deps.token(), baseUrl: deps.baseUrl });
  return {
    ...deps,
    /** A DDP method call; rejects with `LivechatError`. */
    async call<T>(method: string, params: unknown[], resendOnReconnect = false): Promise<T> {
      try {
        return await deps.ddp.call<T>(method, params, { resendOnReconnect });
      } catch (error) {
        const token = deps.token();
        throw withoutSecrets(fromDdpError(error), [token, encodeURIComponent(token)]);
      }
    },
    /** One message from a server answer; an unreadable one is a protocol error. */
    message(raw: unknown): ChatMessage {
      const normalized = normalizeMessage(raw, context());
      if (!normalized)
        throw new LivechatError('protocol', 'bad-message', 'The server answered with an unreadable message');
      return normalized;
    },
    /** The readable messages of a list, oldest first. */
    messages(raw: unknown): ChatMessage[] {
      return list(raw)
        .map((m) => normalizeMessage(m, context()))
        .filter((m): m is ChatMessage => m !== null)
        .toSorted((a, b) => a.ts - b.ts);
    },
  };
}

/** Encodes one URL path segment. */
export function enc(segment: string): string {
  return encodeURIComponent(segment);
}
