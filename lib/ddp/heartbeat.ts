/**
 * Client-side liveness: ping after `pingAfterMs` of inbound silence and declare the link dead when nothing at all
 * arrives within `deadAfterMs` after that ping. Any inbound frame counts as life (SPEC §1.3).
 *
 * Inbound frames only record a timestamp; the single timer re-arms itself from that timestamp when it fires. That
 * keeps the per-frame cost to one `now()` call instead of a clear/set timer pair on every message.
 */
import type { Clock } from './types';

export interface HeartbeatOptions {
  clock: Clock;
  pingAfterMs: number;
  deadAfterMs: number;
  sendPing(id: string): void;
  onDead(): void;
}

export interface Heartbeat {
  /** Begin watching a freshly connected link. */
  start(): void;
  stop(): void;
  /** Record inbound traffic. */
  activity(): void;
  /** Ping now (unless a ping is already outstanding) to find out quickly whether the link is still alive. */
  probe(): void;
}

/** Creates a stopped heartbeat; see the module comment for the timing rules. */
export function createHeartbeat(options: HeartbeatOptions): Heartbeat {
  const { clock, pingAfterMs, deadAfterMs } = options;
  let timer: unknown = undefined;
  let running = false;
  let probing = false;
  let heardSincePing = false;
  let lastInbound = 0;
  let pings = 0;

  const arm = (ms: number): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = clock.setTimeout(onTimer, Math.max(0, ms));
  };

  const ping = (): void => {
    probing = true;
    heardSincePing = false;
    options.sendPing(`hb-${++pings}`);
    arm(deadAfterMs);
  };

  function onTimer(): void {
    timer = undefined;
    if (!running) return;
    if (probing) {
      if (!heardSincePing) {
        running = false;
        options.onDead();
        return;
      }
      probing = false;
    }
    const silentFor = clock.now() - lastInbound;
    if (silentFor < pingAfterMs) arm(pingAfterMs - silentFor);
    else ping();
  }

  return {
    start() {
      running = true;
      probing = false;
      lastInbound = clock.now();
      arm(pingAfterMs);
    },
    stop() {
      running = false;
      probing = false;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
    activity() {
      lastInbound = clock.now();
      heardSincePing = true;
    },
    probe() {
      if (running && !probing) ping();
    },
  };
}
