// Replays SPEC §5's frames.json against the stand-in: the full 4.x conversation on the legacy profile, and the
// frames that still apply on v6, v7 and v8. Keys and value types must match; ids and times are ignored.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer, type Profile } from '../../devserver';
import { RawDdp, type Frame } from '../../devserver/testing/raw-ddp';
import { shapeDiff, substitute } from '../../devserver/testing/shape';

interface Golden {
  direction: 'c2s' | 's2c';
  note: string;
  frame: Frame;
}

const FRAMES = JSON.parse(
  readFileSync(new URL('../fixtures/protocol/frames.json', import.meta.url), 'utf8'),
) as Golden[];
const TOKEN = 'vT7qKp2mXw9ZrB4nLc8sYd';
const SPEC_RID = 'Hk3mPq8ZrT2xWc7Ny';
const F = (n: number): Frame => {
  const golden = FRAMES[n - 1];
  if (!golden) throw new Error(`no frame F${n}`);
  return golden.frame;
};

const servers: DevServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** One replay: a server of the profile, a connected socket, and the room id the server chose. */
class Replay {
  rid = SPEC_RID;
  readonly ignore: string[] = [];

  private constructor(
    readonly server: DevServer,
    readonly ddp: RawDdp,
  ) {}

  static async start(profile: Profile): Promise<Replay> {
    const server = await startDevServer({
      port: 0,
      profile,
      queueDebounceMs: 10,
      heartbeat: { pingAfterMs: 300, closeAfterMs: 10_000 },
    });
    servers.push(server);
    const ddp = await RawDdp.open(server.ddpUrl);
    return new Replay(server, ddp);
  }

  /** F01: the greeting (already consumed by `RawDdp.open`), first frame on the socket. */
  expectGreeting(): void {
    expect(shapeDiff(F(1), this.ddp.frames[0]), 'F1').toEqual([]);
  }

  /** Sends golden frame `n` (client → server) with the actual room id. */
  send(n: number, patch: (frame: Frame) => Frame = (f) => f): void {
    this.ddp.send(patch(substitute(F(n), SPEC_RID, this.rid)));
  }

  /** Waits for the server frame matching golden frame `n` and compares its shape. */
  async expect(n: number): Promise<Frame> {
    const want = substitute(F(n), SPEC_RID, this.rid);
    const fields = want.fields as { eventName: string; args: Record<string, unknown>[] } | undefined;
    const head = fields?.args[0];
    const actual = await this.ddp.waitFor((f) => {
      if (f.msg !== want.msg || ('server_id' in want && !('server_id' in f))) return false;
      if (want.id !== undefined && f.id !== want.id) return false;
      if (want.subs && JSON.stringify(f.subs) !== JSON.stringify(want.subs)) return false;
      if (want.methods && JSON.stringify(f.methods) !== JSON.stringify(want.methods)) return false;
      if (!fields) return true;
      const got = f.fields as { eventName: string; args: Record<string, unknown>[] };
      if (f.collection !== want.collection || got.eventName !== fields.eventName) return false;
      const first = got.args[0];
      if (head && typeof head === 'object' && first && typeof first === 'object') {
        return (
          ['t', 'type'].every((key) => first[key] === head[key]) && (head.t !== 'command' || first.msg === head.msg)
        );
      }
      return true;
    });
    expect(shapeDiff(want, actual, this.ignore), `F${n}`).toEqual([]);
    return actual;
  }

  /** Sends `c` and checks each reply frame listed. */
  async exchange(c: number, ...replies: number[]): Promise<Frame[]> {
    this.send(c);
    const out: Frame[] = [];
    for (const r of replies) out.push(await this.expect(r));
    return out;
  }
}

describe('golden DDP frames, legacy (4.x) profile', () => {
  it('replays the whole conversation F01–F66', async () => {
    const r = await Replay.start('legacy');
    r.ignore.push('$.fields.args[0].transcriptRequested');
    r.expectGreeting();
    await r.exchange(2, 3);
    const failing = await RawDdp.open(r.server.ddpUrl);
    failing.send({ msg: 'connect', version: '2', support: ['2'] });
    expect(shapeDiff(F(4), await failing.waitFor((f) => f.msg === 'failed'))).toEqual([]);
    await r.exchange(5, 6, 7);
    await r.exchange(10, 11);
    await r.exchange(12, 13);
    await r.exchange(14, 15);
    await r.exchange(16, 17, 18);
    await r.exchange(19, 20);
    await r.exchange(21, 22);
    await r.exchange(23, 24);
    await r.exchange(25, 26);
    await r.expect(27);
    r.server.control.take(SPEC_RID, { agent: 'maria.agent' });
    await r.expect(28);
    await r.expect(29);
    await r.expect(30);
    r.server.control.typing(SPEC_RID, { typing: true });
    await r.expect(31);
    await r.exchange(32, 33);
    await r.exchange(34, 35);
    const said = r.server.control.say(SPEC_RID, { text: 'Hello Ana! Could you share the order number?' });
    await r.expect(36);
    await r.exchange(37, 38);
    r.server.control.edit(SPEC_RID, {
      messageId: said._id as string,
      text: 'Hello Ana! Could you share your order number, please?',
    });
    await r.expect(39);
    r.server.control.delete(SPEC_RID, { messageId: said._id as string });
    await r.expect(40);
    r.server.control.agentStatus('maria.agent', { status: 'away' });
    await r.expect(41);
    await r.expect(43);
    await r.exchange(45, 46);
    r.server.control.settings({ transcript: true });
    r.server.control.close(SPEC_RID, { comment: 'Issue solved, thanks!' });
    await r.expect(47);
    await r.expect(48);
    await r.exchange(49, 50);
    await r.exchange(53, 54);
    await r.exchange(55, 56);
    await r.exchange(57, 58);
    await r.exchange(59, 60);
    r.server.control.settings({ limitTextLength: 10 });
    await r.exchange(61, 62);
    r.server.control.settings({ limitTextLength: false });
    r.send(63, (f) => ({ ...f, params: [{ ...(f.params as Frame[])[0], _id: 'Mq2Zx8KcT4pWn7RbL' }] }));
    await r.expect(64);
    await r.exchange(65, 66);
    r.ddp.close();
    failing.close();
  });
});

describe.each(['v6', 'v7', 'v8'] as const)('golden DDP frames that apply on %s', (profile) => {
  it('replays the portable frames', async () => {
    const r = await Replay.start(profile);
    r.ignore.push('$.fields.args[0].msg');
    r.expectGreeting();
    await r.exchange(2, 3);
    await r.exchange(8, 9);
    await r.exchange(10, 11);
    if (profile === 'v6') {
      await r.exchange(12, 13);
    } else {
      await fetch(`${r.server.url}/api/v1/livechat/visitor`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          visitor: { token: TOKEN, name: 'Ana Lima', email: 'ana@example.com', department: 'Support' },
        }),
      });
    }
    await r.exchange(14, 15);
    r.send(16);
    const result = await r.expect(17);
    await r.expect(18);
    r.rid = (result.result as { rid: string }).rid;
    expect(r.rid === SPEC_RID).toBe(profile === 'v6');
    await r.exchange(19, 20);
    await r.exchange(21, 22);
    await r.exchange(23, 24);
    await r.exchange(25, 26);
    r.server.control.take(r.rid, { agent: 'maria.agent' });
    await r.expect(28);
    await r.expect(29);
    await r.expect(30);
    r.server.control.typing(r.rid, { typing: true });
    await r.expect(31);
    await r.exchange(32, 33);
    await r.exchange(34, 35);
    const said = r.server.control.say(r.rid, { text: 'Hello Ana!' });
    await r.expect(36);
    r.server.control.edit(r.rid, { messageId: said._id as string, text: 'Hello Ana, again' });
    await r.expect(39);
    r.server.control.delete(r.rid, { messageId: said._id as string });
    await r.expect(40);
    r.server.control.agentStatus('maria.agent', { status: 'away' });
    await r.expect(41);
    await r.exchange(45, 46);
    r.server.control.close(r.rid, { comment: 'Issue solved, thanks!' });
    await r.expect(47);
    await r.exchange(51, 52);
    await r.exchange(57, 58);
    await r.exchange(59, 60);
    await r.exchange(65, 66);
    r.ddp.close();
  });
});
