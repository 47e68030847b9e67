/**
 * Knows the desk's line: read once (`GET /api/info`), kept with the desk's learnt paths, re-read when something
 * contradicts it (a path of the line's table answered "missing", or a reconnect long after the last read, which
 * may be an upgrade). Until the line is known, operations start from the seed's DDP path and fall back on 404.
 */
import { formatLine, LINE_KEY, LINE_READ_AT_KEY, parseLine, pathsFor, readLine, type Line } from './line';
import type { Capabilities } from './paths';
import type { RestClient } from './rest';

/** A reconnect re-reads the line when the last read is older than this (an upgrade restarts the server). */
export const LINE_STALE_MS = 10 * 60_000;

export interface LineKeeperDeps {
  caps: Capabilities;
  rest: RestClient;
  now: () => number;
}

export type LineKeeper = ReturnType<typeof createLineKeeper>;

/** Creates the keeper; its `caps` are the desk's, watched for contradictions of the line's table. */
export function createLineKeeper(deps: LineKeeperDeps) {
  const { caps: stored, rest, now } = deps;
  let reading: Promise<void> | null = null;

  const line = (): Line | null => parseLine(stored.get(LINE_KEY));

  function apply(next: Line): void {
    const known = line();
    const changed = !known || known.major !== next.major || known.minor !== next.minor;
    // A new line takes its whole table; the same line keeps what was learnt since and only gains new entries.
    for (const [op, path] of Object.entries(pathsFor(next))) {
      if (changed || stored.get(op) === undefined) stored.set(op, path);
    }
    stored.set(LINE_KEY, formatLine(next));
    stored.set(LINE_READ_AT_KEY, String(now()));
  }

  /** Reads the line (one read at a time); a failed read leaves what was known. */
  function read(): Promise<void> {
    reading ??= readLine(rest)
      .then((next) => {
        if (next) apply(next);
      })
      .catch(() => undefined)
      .finally(() => {
        reading = null;
      });
    return reading;
  }

  const caps: Capabilities = {
    get: (op) => stored.get(op),
    set(op, path) {
      const known = line();
      // The line's table named another path and the server disagreed: the line may have changed.
      if (known && stored.get(op) !== path && pathsFor(known)[op] === stored.get(op)) void read();
      stored.set(op, path);
    },
  };

  return {
    caps,
    /** Resolves once the line is known or could not be read; reads it only when the desk does not know it. */
    ensure(): Promise<void> {
      return line() ? Promise.resolve() : read();
    },
    /** After a reconnect: re-reads a line last read long ago (the server may have been upgraded meanwhile). */
    reconnected(): void {
      const readAt = Number(stored.get(LINE_READ_AT_KEY));
      if (!line() || !Number.isFinite(readAt) || now() - readAt > LINE_STALE_MS) void read();
    },
    /** Whether a remembered room may be subscribed before the config says it is still open (yes while unknown). */
    subscribeRestoredAtOnce(): boolean {
      return stored.get('restoredRoom') !== 'after-config';
    },
    /** The typing event name of the line (`user-activity` while unknown: every line since 4.0). */
    typingEvent(): 'typing' | 'user-activity' {
      return stored.get('typing') === 'typing' ? 'typing' : 'user-activity';
    },
  };
}
