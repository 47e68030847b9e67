// The hostile-server fixture the trust tests share (tests/hostile): the devserver's `raw` control route delivers
// any message document on the room stream, and the second origin records what reaches it and scripts redirects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../devserver';
import { RawDdp, visitorParams, type Frame } from '../../devserver/testing/raw-ddp';
import { agentWritesRaw, imageNode, paragraph, startHostileOrigin, type HostileOrigin } from '../hostile';

const TOKEN = 'tok-hostile';
let server: DevServer;
let other: HostileOrigin;
let ddp: RawDdp;
let rid = '';

beforeAll(async () => {
  server = await startDevServer({ port: 0, profile: 'v6' });
  other = await startHostileOrigin();
  ddp = await RawDdp.connect(server.ddpUrl);
  await ddp.call('livechat:registerGuest', [{ token: TOKEN, name: 'Ana Lima' }]);
  const { result } = await ddp.call('sendMessageLivechat', [
    { _id: 'HosMsg00000000001', rid: 'HosRoom0000000001', msg: 'hi', token: TOKEN },
  ]);
  rid = (result as { rid: string }).rid;
  await ddp.sub('stream-room-messages', visitorParams(rid, TOKEN));
});

afterAll(async () => {
  ddp?.close();
  await server?.close();
  await other?.close();
});

describe('hostile fixture', () => {
  it('streams a raw message document with the fields exactly as given', async () => {
    const md = paragraph(imageNode(`${other.origin}/pixel.png`, 'x'));
    const sent = agentWritesRaw(server, rid, { msg: 'look', md, alias: 'Bank' });
    const frame = await ddp.waitFor(
      (f: Frame) => f.msg === 'changed' && JSON.stringify(f.fields).includes(String(sent._id)),
    );
    const [message] = (frame.fields as { args: Array<Record<string, unknown>> }).args;
    expect(message).toMatchObject({ _id: sent._id, rid, msg: 'look', md, alias: 'Bank' });
  });

  it('refuses a raw message without fields', async () => {
    const res = await fetch(`${server.url}/control/rooms/${rid}/raw`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fields: 'no' }),
    });
    expect(res.status).toBe(400);
  });

  it('records every request and follows its scripted redirect', async () => {
    const target = await startHostileOrigin();
    try {
      other.redirect('/jump', `${target.origin}/landed`);
      const res = await fetch(`${other.origin}/jump?x=1`, { headers: { 'x-probe': 'yes' } });
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(other.requests.at(-1)).toMatchObject({ method: 'GET', path: '/jump?x=1' });
      expect(other.requests.at(-1)?.headers['x-probe']).toBe('yes');
      expect(target.requests.map((r) => r.path)).toEqual(['/landed']);
    } finally {
      await target.close();
    }
  });
});
