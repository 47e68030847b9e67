/**
 * Every Livechat operation has a DDP path (the seed's Realtime API) and a REST twin. The DDP path is tried first;
 * a server that answers `404 Method '…' not found` has the operation moved to REST for good, remembered per
 * server so no removed method is called twice (DECISIONS #2).
 */
import { LivechatError } from './errors';
import { obj, str } from './read';

/** A way to run an operation: `ddp`, `rest`, or a named later REST variant (e.g. `rest-v8`). */
export type ApiPath = string;

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

/**
 * Runs `op` on the first of its paths this server supports, starting from the one learnt before. A path that
 * answers "missing" is skipped from then on; the last path's answer (success or error) is final.
 */
export async function viaPaths<T>(
  caps: Capabilities,
  op: string,
  paths: ReadonlyArray<readonly [ApiPath, () => Promise<T>]>,
  isMissing: (error: LivechatError) => boolean = (error) => error.kind === 'missing',
): Promise<T> {
  const learnt = paths.findIndex(([name]) => name === caps.get(op));
  for (let i = Math.max(0, learnt); i < paths.length; i += 1) {
    const [name, run] = paths[i] ?? [];
    if (!name || !run) break;
    try {
      const result = await run();
      caps.set(op, name);
      return result;
    } catch (error) {
      const failure = name === 'ddp' ? fromDdpError(error) : error;
      const last = i === paths.length - 1;
      if (last || !(failure instanceof LivechatError) || !isMissing(failure)) throw failure;
      caps.set(op, paths[i + 1]?.[0] ?? name);
    }
  }
  throw new LivechatError('missing', 'no-path', `This server offers no way to ${op}`);
}

/** Runs `op` on its learnt path: DDP first, REST once DDP said the method is gone. */
export function viaTwin<T>(caps: Capabilities, op: string, ddp: () => Promise<T>, rest: () => Promise<T>): Promise<T> {
  return viaPaths(caps, op, [
    ['ddp', ddp],
    ['rest', rest],
  ]);
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
