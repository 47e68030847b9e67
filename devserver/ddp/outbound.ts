/** Outbound DDP frames of one socket: EJSON encoding and the `delayMs` / `dropEveryFrames` faults. */
import type { WebSocket } from 'ws';
import { toEjson } from '../ejson';
import type { FaultState } from '../faults';

export class Outbound {
  private sent = 0;
  private lastDue = 0;
  private stopped = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly faults: FaultState,
  ) {}

  /** Queues a frame; with `delayMs` every frame waits that long, in order. */
  send(frame: Record<string, unknown>): void {
    if (this.stopped) return;
    const text = JSON.stringify(toEjson(frame));
    const delay = this.faults.delayMs;
    if (delay <= 0 && this.lastDue <= Date.now()) {
      this.write(text);
      return;
    }
    this.lastDue = Math.max(Date.now() + delay, this.lastDue);
    setTimeout(() => this.write(text), this.lastDue - Date.now());
  }

  /** No more frames (the socket closed). */
  stop(): void {
    this.stopped = true;
  }

  private write(text: string): void {
    if (this.stopped || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(text);
    this.sent += 1;
    const every = this.faults.dropEveryFrames;
    if (every > 0 && this.sent % every === 0) this.socket.terminate();
  }
}
