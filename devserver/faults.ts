/** Fault injection for the reconnect and resilience tests (`POST /control/faults`). */

export interface FaultConfig {
  /** Close each socket after every N outbound frames. */
  dropEveryFrames?: number;
  /** Close all sockets and refuse WebSocket and REST connections for N ms. */
  downForMs?: number;
  /** Send each stream `changed` frame twice. */
  duplicateStreamFrames?: boolean;
  /** Hold each outbound DDP frame N ms. */
  delayMs?: number;
  /** Hold each upload N ms before taking it, as a slow link would; a client that gives up meanwhile sends nothing. */
  slowUploadMs?: number;
}

export interface FaultState {
  dropEveryFrames: number;
  duplicateStreamFrames: boolean;
  delayMs: number;
  slowUploadMs: number;
  /** Epoch ms until which the server refuses connections (0 = up). */
  downUntil: number;
}

function nonNegative(value: unknown, name: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative number`);
  }
  return Math.floor(value);
}

/** Validates a fault body; unknown keys and wrong types are refused with a clear message. */
export function parseFaults(body: unknown): FaultConfig {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new TypeError('body must be an object');
  const known = ['dropEveryFrames', 'downForMs', 'duplicateStreamFrames', 'delayMs', 'slowUploadMs'];
  const unknown = Object.keys(body).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new TypeError(`unknown fault(s): ${unknown.join(', ')}`);
  const input = body as Record<string, unknown>;
  if (input.duplicateStreamFrames !== undefined && typeof input.duplicateStreamFrames !== 'boolean') {
    throw new TypeError('duplicateStreamFrames must be a boolean');
  }
  return {
    dropEveryFrames: nonNegative(input.dropEveryFrames, 'dropEveryFrames'),
    downForMs: nonNegative(input.downForMs, 'downForMs'),
    duplicateStreamFrames: input.duplicateStreamFrames === true,
    delayMs: nonNegative(input.delayMs, 'delayMs'),
    slowUploadMs: nonNegative(input.slowUploadMs, 'slowUploadMs'),
  };
}

export function noFaults(): FaultState {
  return { dropEveryFrames: 0, duplicateStreamFrames: false, delayMs: 0, slowUploadMs: 0, downUntil: 0 };
}
