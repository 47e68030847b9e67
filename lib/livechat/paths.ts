/**
 * Every Livechat operation has a DDP path (the seed's Realtime API) and a REST twin. The DDP path is tried first;
 * a server that answers `404 Method '…' not found` has the operation moved to REST for good, remembered per
 * server so no removed method is called twice (DECISIONS #2).
 */
import { LivechatError } from './errors';
import { obj, str } from './read';

export type ApiPath = 'ddp' | 'rest';

/** `errorType` of the errors lib/ddp raises itself (disconnected, timeout, closed), as opposed to server errors. */
const DDP_CLIENT_ERROR_TYPE = 'DdpClient.Error';

/** What the client has learnt about one server: which path each operation takes. */
export interface Capabilities {
  get(op: string): ApiPath | undefined;
  set(op: string, path: ApiPath): void;
}

/** An in-memory `Capabilities`, seeded from what was persisted, reporting every change through `onChange`. */
export function createCapabilities(
  initial: Record<string, ApiPath> = {},
  onChange: (all: Record<string, ApiPath>) => void = () => {},
): Capabilities {
  const known: Record<string, ApiPath> = { ...initial };
  return {
    get: (op) => known[op],
    set(op, path) {
      if (known[op] === path) return;
      known[op] = path;
      onChange({ ...known });
    },
  };
}

/** Runs `op` on its learnt path: DDP first, REST once DDP said the method is gone. */
export async function viaTwin<T>(
  caps: Capabilities,
  op: string,
  ddp: () => Promise<T>,
  rest: () => Promise<T>,
): Promise<T> {
  if (caps.get(op) !== 'rest') {
    try {
      const result = await ddp();
      caps.set(op, 'ddp');
      return result;
    } catch (error) {
      const failure = fromDdpError(error);
      if (failure.kind !== 'missing') throw failure;
      caps.set(op, 'rest');
    }
  }
  return rest();
}

/**
 * Maps whatever a DDP call rejected with into a `LivechatError`. Meteor.Error objects from the server carry
 * `error`; the client's own errors (socket dropped, call timed out, client closed) mean the server was not heard.
 */
export function fromDdpError(error: unknown): LivechatError {
  if (error instanceof LivechatError) return error;
  const e = obj(error);
  const fromServer = typeof e.error === 'string' || typeof e.error === 'number';
  if (!fromServer || e.errorType === DDP_CLIENT_ERROR_TYPE) {
    const message = error instanceof Error ? error.message : 'The connection to the server was lost';
    return new LivechatError('unreachable', 'disconnected', message);
  }
  const code = String(e.error);
  const reason = str(e.reason) || str(e.message) || code;
  if (code === '404' && /not found/i.test(reason)) return new LivechatError('missing', code, reason);
  if (code === 'too-many-requests' || code === 'error-too-many-requests') {
    const wait = Number(obj(e.details).timeToReset);
    return new LivechatError('rate-limited', code, reason, Number.isFinite(wait) && wait >= 0 ? wait : 10_000);
  }
  return new LivechatError('rejected', code, reason);
}
