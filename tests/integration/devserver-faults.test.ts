// Fault injection (POST /control/faults): dropped sockets, the server being down, duplicated stream frames,
// delayed frames. Waits are event-driven; the only time bounds are generous timeouts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver';
import { RawDdp, visitorParams } from '../../devserver/testing/raw-ddp';

const TOKEN = 'tok-faults';
let server: DevServer;
let rid = '';

async function faults(body: unknown) {
  const res = await fetch(`${server.url}/control/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Retries `attempt` until it resolves (the server is back) or the deadline passes. */
async function eventually<T>(attempt: () => Promise<T>, deadlineMs = 10_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

beforeAll(async () => {
  server = await startDevServer({ port: 0, profile: 'legacy', rateLimits: false });
  const ddp = await RawDdp.connect(server.ddpUrl);
  await ddp.call('livechat:registerGuest', [{ token: TOKEN, name: 'Ana' }]);
  const { result } = await ddp.call('sendMessageLivechat', [
    { _id: 'FaultMsg000000001', rid: 'FaultRoom00000001', msg: 'hi', token: TOKEN },
  ]);
  rid = (result as { rid: string }).rid;
  ddp.close();
});

afterEach(async () => {
  await faults({});
});

afterAll(async () => {
  await server?.close();
});

describe('faults', () => {
  it('refuses unknown faults and bad values', async () => {
    expect((await faults({ explode: true })).status).toBe(400);
    expect((await faults({ delayMs: -1 })).status).toBe(400);
    expect((await faults({ duplicateStreamFrames: 'yes' })).status).toBe(400);
  });

  it('dropEveryFrames closes the socket after every N outbound frames', async () => {
    await faults({ dropEveryFrames: 3 });
    const ddp = await RawDdp.connect(server.ddpUrl);
    ddp.send({ msg: 'ping', id: 'last' });
    await ddp.closed;
    expect(ddp.frames.map((f) => f.msg ?? 'greeting')).toEqual(['greeting', 'connected', 'pong']);
  });

  it('downForMs drops every socket and refuses WebSocket and REST until it ends', async () => {
    const ddp = await RawDdp.connect(server.ddpUrl);
    const { body } = await faults({ downForMs: 3000 });
    expect(body.downForMs).toBeGreaterThan(0);
    await ddp.closed;
    await expect(RawDdp.open(server.ddpUrl)).rejects.toThrow();
    await expect(fetch(`${server.url}/api/v1/livechat/config`)).rejects.toThrow();
    expect((await fetch(`${server.url}/control/state`)).status).toBe(200);
    const back = await eventually(() => RawDdp.connect(server.ddpUrl));
    expect(back.isOpen).toBe(true);
    back.close();
    expect((await eventually(() => fetch(`${server.url}/api/v1/livechat/config`))).status).toBe(200);
  });

  it('duplicateStreamFrames sends each stream frame twice', async () => {
    await faults({ duplicateStreamFrames: true });
    const ddp = await RawDdp.connect(server.ddpUrl);
    await ddp.sub('stream-room-messages', visitorParams(rid, TOKEN));
    const said = server.control.say(rid, { text: 'echo' });
    const first = await ddp.changed('stream-room-messages', rid, (m) => m._id === said._id);
    const second = await ddp.changed('stream-room-messages', rid, (m) => m._id === said._id);
    expect(second).toEqual(first);
    ddp.close();
  });

  it('delayMs holds every outbound frame and keeps their order', async () => {
    const ddp = await RawDdp.connect(server.ddpUrl);
    await faults({ delayMs: 200 });
    const sent = Date.now();
    ddp.send({ msg: 'ping', id: 'a' });
    ddp.send({ msg: 'ping', id: 'b' });
    const a = await ddp.waitFor((f) => f.msg === 'pong');
    const elapsed = Date.now() - sent;
    const b = await ddp.waitFor((f) => f.msg === 'pong');
    expect([a.id, b.id]).toEqual(['a', 'b']);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    ddp.close();
  });
});
