/**
 * DDP client benchmark: `lib/ddp` against `@rocket.chat/ddp-client` 1.1.2, same machine, same run.
 *
 * 1. Decode + dispatch of 100 000 stream `changed` frames: each client is connected to a loopback server and the
 *    frames are handed to its socket's `onmessage` handler directly, so both pay exactly their own parse, routing
 *    and bookkeeping cost and nothing of the network. `lib/ddp` runs as the worker configures it (stream args as
 *    plain JSON, `{$date}` kept as written, which is also what the official client delivers), and a second time
 *    reviving the dates into `Date`s, reported on its own so the price of revival stays visible. A third contender
 *    only `JSON.parse`s each frame's args: the most any client that hands over parsed args could reach.
 * 2. 10 000 sequential method round trips over loopback against a minimal `ws` server in this file (p50).
 *
 * Run: `npx tsx bench/ddp.ts`. A bench runner can `import { runDdpBench }` and get the figures.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DDPSDK } from '@rocket.chat/ddp-client';
import { WebSocket, WebSocketServer } from 'ws';
import { createDdpClient } from '../lib/ddp';
import type { DdpClient, SocketLike } from '../lib/ddp';

const STREAM_FRAMES = 100_000;
const STREAM_ROUNDS = 7;
const RTT_CALLS = 10_000;
const WARMUP_FRAMES = 20_000;
const WARMUP_CALLS = 1_000;
const RID = 'Hk3mPq8ZrT2xWc7Ny';

export type DdpBenchFigures = Record<
  | 'ddp.stream_frames_per_s'
  | 'ddp.rc_ddp_client_stream_frames_per_s'
  | 'ddp.stream_ratio_vs_rc_ddp_client'
  | 'ddp.stream_revived_frames_per_s'
  | 'ddp.stream_revived_ratio_vs_rc_ddp_client'
  | 'ddp.json_parse_args_ratio_vs_rc_ddp_client'
  | 'ddp.method_rtt_p50_ms'
  | 'ddp.rc_ddp_client_method_rtt_p50_ms',
  number
>;

/** A just-enough DDP server: greeting, handshake, ping, `ready` for every sub, echo for every method. */
export async function startServer(): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  wss.on('connection', (ws) => {
    ws.send('{"server_id":"0"}');
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as { msg: string; id?: string; params?: unknown[] };
      if (f.msg === 'connect') ws.send('{"msg":"connected","session":"bench"}');
      else if (f.msg === 'ping') ws.send(JSON.stringify({ msg: 'pong', id: f.id }));
      else if (f.msg === 'sub') ws.send(JSON.stringify({ msg: 'ready', subs: [f.id] }));
      else if (f.msg === 'method') {
        // Meteor's order for livechat methods: `updated` first, then `result`.
        ws.send(JSON.stringify({ msg: 'updated', methods: [f.id] }));
        ws.send(JSON.stringify({ msg: 'result', id: f.id, result: f.params?.[0] }));
      }
    });
  });
  const { port } = wss.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}/websocket`,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** Realistic room-message events (SPEC F28 shape, with `$date`s), distinct ids so nothing is trivially cached. */
export function streamFrames(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      msg: 'changed',
      collection: 'stream-room-messages',
      id: 'id',
      fields: {
        eventName: RID,
        args: [
          {
            _id: `msg${i.toString(36).padStart(12, '0')}`,
            rid: RID,
            msg: `Hello, this is message number ${i} from the agent.`,
            ts: { $date: 1718000020000 + i },
            u: { _id: 'Zb8Qx3NcV5mKp2LrT', username: 'maria.agent', name: 'Maria Souza' },
            _updatedAt: { $date: 1718000020003 + i },
            md: [{ type: 'PARAGRAPH', value: [{ type: 'PLAIN_TEXT', value: `Hello ${i}` }] }],
          },
        ],
      },
    }),
  );
}

export interface Contender {
  /** Calls the socket `onmessage` handler the client installed (read once: `ws` looks it up on every access). */
  deliver(data: string): void;
  call(i: number): Promise<unknown>;
  received(): number;
  close(): void;
}

/** Our client as the worker runs it, or reviving; `create` is `lib/ddp`'s `createDdpClient` (another build's for A/B). */
export async function ours(
  url: string,
  reviveStreamArgs: boolean,
  create: typeof createDdpClient = createDdpClient,
): Promise<Contender> {
  let socket: SocketLike | undefined;
  const client: DdpClient = create({
    url,
    socketFactory: (u) => (socket = new WebSocket(u)),
    reviveStreamArgs,
  });
  await new Promise<void>((resolve) => {
    const off = client.onConnected(() => (off(), resolve()));
  });
  let received = 0;
  client.onStream('stream-room-messages', RID, () => void received++);
  await client.subscribe('stream-room-messages', [RID, { useCollection: false, args: [{ visitorToken: 't' }] }]).ready;
  const onmessage = socket?.onmessage;
  if (!onmessage) throw new Error('no socket');
  return {
    deliver: (data) => onmessage({ data }),
    call: (i) => client.call('echo', [i]),
    received: () => received,
    close: () => client.close(),
  };
}

/**
 * Not a client: `JSON.parse` of each frame's `args` and nothing else (no envelope check, no routing, no bounds).
 * Any client that hands its listeners parsed args pays at least this, so its ratio is the ceiling of ours.
 */
export function parseOnly(): Contender {
  let received = 0;
  return {
    deliver: (data) => {
      const args: unknown = JSON.parse(data.slice(data.indexOf('"args":') + 7, -2));
      if (Array.isArray(args)) received++;
    },
    call: () => Promise.reject(new Error('not a client')),
    received: () => received,
    close: () => {},
  };
}

/** The official client, listening on the same room. */
export async function theirs(url: string): Promise<Contender> {
  // The official client reads the global WebSocket and sets no error listener; without one a refused
  // connection would crash the process (SPEC §8).
  (globalThis as { WebSocket?: unknown }).WebSocket = class extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('error', () => {});
    }
  };
  const sdk = DDPSDK.create(url);
  await sdk.connection.connect();
  let received = 0;
  const sub = sdk.stream('room-messages', RID, () => void received++);
  await sub.ready();
  const onmessage = (sdk.connection as unknown as { ws: SocketLike }).ws.onmessage;
  if (!onmessage) throw new Error('no socket');
  return {
    deliver: (data) => onmessage({ data }),
    call: (i) => sdk.call('echo', i),
    received: () => received,
    close: () => {
      sdk.connection.close();
      // Its heartbeat timers outlive close() (SPEC §8); stop them so the process can exit.
      (sdk as unknown as { timeoutControl: { stop(): void } }).timeoutControl.stop();
    },
  };
}

function streamThroughput(c: Contender, frames: string[], count: number): number {
  const before = c.received();
  const start = performance.now();
  for (let i = 0; i < count; i++) c.deliver(frames[i % frames.length] as string);
  const seconds = (performance.now() - start) / 1000;
  if (c.received() - before !== count) throw new Error(`dispatched ${c.received() - before} of ${count} frames`);
  return count / seconds;
}

async function rttP50(c: Contender, calls: number): Promise<number> {
  const samples = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    const result = await c.call(i);
    samples[i] = performance.now() - start;
    if (result !== i) throw new Error(`echo returned ${String(result)} for ${i}`);
  }
  samples.sort();
  return samples[Math.floor(calls / 2)] ?? Number.NaN;
}

const median = (xs: number[]): number => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Runs both measurements for both clients and returns the figures (see the module comment). */
export async function runDdpBench(): Promise<DdpBenchFigures> {
  const server = await startServer();
  try {
    const frames = streamFrames(STREAM_FRAMES);
    const a = await ours(server.url, false);
    const revived = await ours(server.url, true);
    const b = await theirs(server.url);
    const ceiling = parseOnly();
    for (const c of [a, revived, b, ceiling]) streamThroughput(c, frames, WARMUP_FRAMES);
    const oursRates: number[] = [];
    const revivedRates: number[] = [];
    const theirRates: number[] = [];
    const ratios: number[] = [];
    const revivedRatios: number[] = [];
    const ceilingRatios: number[] = [];
    // Alternate the contenders so none always runs on a warmer or colder heap. Each round's ratio compares runs a
    // fraction of a second apart, so a change of load on a shared machine moves both sides of it alike.
    for (let round = 0; round < STREAM_ROUNDS; round++) {
      const mine = streamThroughput(a, frames, STREAM_FRAMES);
      const mineRevived = streamThroughput(revived, frames, STREAM_FRAMES);
      const theirs = streamThroughput(b, frames, STREAM_FRAMES);
      ceilingRatios.push(streamThroughput(ceiling, frames, STREAM_FRAMES) / theirs);
      oursRates.push(mine);
      revivedRates.push(mineRevived);
      theirRates.push(theirs);
      ratios.push(mine / theirs);
      revivedRatios.push(mineRevived / theirs);
    }
    await rttP50(a, WARMUP_CALLS);
    await rttP50(b, WARMUP_CALLS);
    const oursRtt = await rttP50(a, RTT_CALLS);
    const theirRtt = await rttP50(b, RTT_CALLS);
    a.close();
    revived.close();
    b.close();
    const oursRate = median(oursRates);
    const revivedRate = median(revivedRates);
    const theirRate = median(theirRates);
    const ratio = median(ratios);
    const revivedRatio = median(revivedRatios);
    return {
      'ddp.stream_frames_per_s': Math.round(oursRate),
      'ddp.rc_ddp_client_stream_frames_per_s': Math.round(theirRate),
      'ddp.stream_ratio_vs_rc_ddp_client': Number(ratio.toFixed(2)),
      'ddp.stream_revived_frames_per_s': Math.round(revivedRate),
      'ddp.stream_revived_ratio_vs_rc_ddp_client': Number(revivedRatio.toFixed(2)),
      'ddp.json_parse_args_ratio_vs_rc_ddp_client': Number(median(ceilingRatios).toFixed(2)),
      'ddp.method_rtt_p50_ms': Number(oursRtt.toFixed(3)),
      'ddp.rc_ddp_client_method_rtt_p50_ms': Number(theirRtt.toFixed(3)),
    };
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runDdpBench();
  console.table(Object.entries(figures).map(([figure, value]) => ({ figure, value })));
}
