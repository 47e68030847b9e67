/** The `/websocket` endpoint: accepts upgrades, owns the live sessions, fans stream events out to them. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { DdpSession, type SessionContext } from './session';

export class DdpServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  private readonly sessions = new Set<DdpSession>();
  private readonly stopFanOut: () => void;

  constructor(private readonly ctx: Omit<SessionContext, 'onClose'>) {
    this.stopFanOut = ctx.desk.bus.onStream((event) => {
      for (const session of this.sessions) session.deliver(event);
    });
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  /** Completes a WebSocket upgrade on `/websocket` and starts a DDP session on it. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new DdpSession(ws, { ...this.ctx, onClose: (s) => this.sessions.delete(s) });
      this.sessions.add(session);
    });
  }

  /** Drops every connection (fault injection, reset, shutdown). */
  dropAll(): void {
    for (const session of this.sessions) session.terminate();
  }

  close(): void {
    this.stopFanOut();
    this.dropAll();
    this.wss.close();
  }
}
