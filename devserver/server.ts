/**
 * `startDevServer`: one Node `http` server on 127.0.0.1 serving DDP (`/websocket`), REST (`/api/v1/livechat/*`),
 * uploaded files, the control API (`/control/*`) and the agent console (`/agent`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveConsole } from './console/serve';
import { Control } from './control/api';
import { handleControl } from './control/http';
import { methodTable } from './ddp/methods';
import { DdpServer } from './ddp/server';
import type { HeartbeatOptions } from './ddp/session';
import { Desk } from './desk';
import { noFaults } from './faults';
import { sendJson } from './http';
import { CallLog } from './log';
import { RateLimiter } from './ratelimit';
import { handleRest, serveUploadedFile } from './rest/router';
import { defaultSettings } from './seed';
import { Store } from './store';
import type { Profile, Settings } from './types';

export interface DevServerOptions {
  /** TCP port; 0 picks a free one. Default 3000. */
  port?: number;
  /** Rocket.Chat line to imitate. Default `legacy` (4.x). */
  profile?: Profile;
  /** Enforce Rocket.Chat's DDP and REST rate limits (default true; DECISIONS #10). */
  rateLimits?: boolean;
  /** Assign an agent as soon as a room opens (default false: rooms wait until an agent takes them). */
  autoAssign?: boolean;
  /** Settings that differ from the defaults; `POST /control/reset` returns to these. */
  settings?: Partial<Settings>;
  /** DDP heartbeat (default: ping after 15 s idle, close 15 s later; SPEC §1.3). */
  heartbeat?: HeartbeatOptions;
  /** Delay of `queueData` after the queue changes (default 1000 ms, like Rocket.Chat's debounce). */
  queueDebounceMs?: number;
  /** DDP framing: default `streamer` on v8 (EE microservices), `meteor` elsewhere; `meteor` on v8 = Community 8.x. */
  framing?: 'meteor' | 'streamer';
}

export interface DevServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `ws://127.0.0.1:PORT/websocket` */
  ddpUrl: string;
  port: number;
  profile: Profile;
  control: Control;
  close(): Promise<void>;
}

/** Starts the stand-in server; resolves once it listens. */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const profile = options.profile ?? 'legacy';
  const store = new Store(() => ({ ...defaultSettings(), ...structuredClone(options.settings ?? {}) }));
  const desk = new Desk(store, {
    profile,
    autoAssign: options.autoAssign ?? false,
    queueDebounceMs: options.queueDebounceMs ?? 1000,
    framing: options.framing,
  });
  const log = new CallLog();
  const faults = noFaults();
  const limiter = new RateLimiter();
  const rateLimits = options.rateLimits ?? true;
  const ddp = new DdpServer({
    desk,
    log,
    faults,
    limiter,
    rateLimits,
    heartbeat: options.heartbeat ?? { pingAfterMs: 15_000, closeAfterMs: 15_000 },
    methods: methodTable(desk.caps),
  });
  const control = new Control({ desk, log, faults, limiter, dropConnections: () => ddp.dropAll() });
  const isDown = () => faults.downUntil > Date.now();

  const server = createServer((req, res) => {
    void route(req, res).catch((err: unknown) => {
      console.error('[devserver] request failed:', err);
      if (!res.headersSent) sendJson(res, 500, { success: false, error: 'Internal server error' });
      else res.end();
    });
  });
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path.startsWith('/control/')) return handleControl(control, req, res, url);
    if (path === '/agent' || path === '/agent/') return serveConsole(res);
    if (isDown()) {
      req.socket.destroy();
      return;
    }
    if (path.startsWith('/api/'))
      return handleRest({ desk, log, faults, limiter, rateLimits, siteUrl: baseUrl() }, req, res, url);
    if (path.startsWith('/file-upload/')) return serveUploadedFile(desk, log, req, res, url);
    if (path === '/websocket') return sendJson(res, 400, { error: 'Not a valid websocket request' });
    if (path === '/') {
      res.writeHead(302, { Location: '/agent' });
      res.end();
      return;
    }
    sendJson(res, 404, { error: 'not found' });
  };
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/websocket' || isDown()) {
      socket.destroy();
      return;
    }
    ddp.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = () => `http://127.0.0.1:${port}`;

  return {
    url: baseUrl(),
    ddpUrl: `ws://127.0.0.1:${port}/websocket`,
    port,
    profile,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        desk.dispose();
        ddp.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
