/**
 * A raw DDP test client for the stand-in's own tests: plain JSON frames over `ws`, no protocol logic beyond
 * matching replies by id. Every received frame is kept so tests can assert on order and count.
 */
import { WebSocket } from 'ws';

export type Frame = Record<string, unknown>;

interface Waiter {
  predicate: (frame: Frame) => boolean;
  resolve: (frame: Frame) => void;
}

export class RawDdp {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number }>;
  private readonly taken = new Set<number>();
  private waiters: Waiter[] = [];
  private nextId = 1;
  private isClosed = false;
  /** Answer server pings (a real client must); turn off to test the server's heartbeat timeout. */
  autoPong = true;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.onFrame(String(data)));
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.on('close', (code) => {
        this.isClosed = true;
        resolve({ code });
      }),
    );
  }

  /** Opens a socket and waits for the server's greeting. */
  static async open(url: string): Promise<RawDdp> {
    const socket = new WebSocket(url);
    const client = new RawDdp(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    await client.waitFor((f) => 'server_id' in f);
    return client;
  }

  /** Opens, sends `connect` and waits for `connected`; returns the client. */
  static async connect(url: string): Promise<RawDdp> {
    const client = await RawDdp.open(url);
    client.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
    await client.waitFor((f) => f.msg === 'connected');
    return client;
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  send(frame: Frame | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first received frame matching `predicate` that no earlier wait consumed (waits up to `timeoutMs`). */
  waitFor(predicate: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const index = this.frames.findIndex((f, i) => !this.taken.has(i) && predicate(f));
    if (index >= 0) {
      this.taken.add(index);
      return Promise.resolve(this.frames[index] as Frame);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { predicate, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`));
      }, timeoutMs);
    });
  }

  /** Calls a method and resolves with its `result` frame (the `updated` frame is awaited too). */
  async call(method: string, params: unknown[] = []): Promise<Frame> {
    const id = String(this.nextId++);
    this.send({ msg: 'method', method, params, id });
    const [result] = await Promise.all([
      this.waitFor((f) => f.msg === 'result' && f.id === id),
      this.waitFor((f) => f.msg === 'updated' && Array.isArray(f.methods) && f.methods.includes(id)),
    ]);
    return result;
  }

  /** Subscribes and resolves with the `ready` or `nosub` frame. */
  sub(name: string, params: unknown[], id = `sub-${this.nextId++}`): Promise<Frame> {
    this.send({ msg: 'sub', id, name, params });
    return this.waitFor(
      (f) => (f.msg === 'ready' && Array.isArray(f.subs) && f.subs.includes(id)) || (f.msg === 'nosub' && f.id === id),
    );
  }

  /** Waits for a stream `changed` frame of `collection`/`eventName` whose first arg matches. */
  changed(
    collection: string,
    eventName: string,
    match: (arg: Record<string, unknown>) => boolean = () => true,
    timeoutMs?: number,
  ) {
    return this.waitFor((f) => {
      if (f.msg !== 'changed' || f.collection !== collection) return false;
      const fields = f.fields as { eventName: string; args: unknown[] };
      const first = fields.args[0];
      return (
        fields.eventName === eventName &&
        match((typeof first === 'object' && first !== null ? first : { value: first }) as Record<string, unknown>)
      );
    }, timeoutMs);
  }

  close(): void {
    this.socket.close();
  }

  private onFrame(text: string): void {
    const frame = JSON.parse(text) as Frame;
    this.frames.push(frame);
    if (frame.msg === 'ping' && this.autoPong)
      this.send(frame.id === undefined ? { msg: 'pong' } : { msg: 'pong', id: frame.id });
    const index = this.frames.length - 1;
    const waiter = this.waiters.find((w) => w.predicate(frame));
    if (waiter) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      this.taken.add(index);
      waiter.resolve(frame);
    }
  }
}

/** The stream params every visitor subscription sends (SPEC §3). */
export function visitorParams(eventName: string, token: string): unknown[] {
  return [eventName, { useCollection: false, args: [{ token, visitorToken: token }] }];
}
