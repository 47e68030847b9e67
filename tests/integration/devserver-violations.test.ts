// What a real Rocket.Chat server of each line would reject or silently ignore is recorded as a violation, with its
// kind and rule; calls each line accepts leave the list empty. Also `/api/info`, the transcript history message,
// the legacy close prompt and the Community 8.x framing.
import { afterEach, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer, type Profile } from '../../devserver';
import { RawDdp, visitorParams } from '../../devserver/testing/raw-ddp';
import { openRestRoom, postJson } from '../../devserver/testing/rest-visitor';

const TOKEN = 'violationsVisitorToken01';
let server: DevServer | undefined;
let ddp: RawDdp | undefined;

afterEach(async () => {
  ddp?.close();
  ddp = undefined;
  await server?.close();
  server = undefined;
});

async function start(profile: Profile, options: Parameters<typeof startDevServer>[0] = {}) {
  server = await startDevServer({ port: 0, profile, queueDebounceMs: 10, ...options });
  ddp = await RawDdp.connect(server.ddpUrl);
  return { server, ddp };
}

const post = (s: DevServer, path: string, body: unknown) => postJson(s.url, path, body);
const openRoom = (s: DevServer) => openRestRoom(s.url, TOKEN);

const rules = (s: DevServer) => s.control.violations().map((v) => `${v.kind}:${v.rule}`);

describe('violations', () => {
  it('records nothing for calls the line accepts', async () => {
    const { server: s, ddp: d } = await start('v8');
    const rid = await openRoom(s);
    await d.sub('stream-notify-room', visitorParams(`${rid}/user-activity`, TOKEN));
    await d.call('stream-notify-room', [`${rid}/user-activity`, 'guest-1', ['user-typing'], { token: TOKEN }]);
    expect(s.control.violations()).toEqual([]);
    expect(s.control.state().violations).toEqual([]);
  });

  it('records removed methods, agent-only methods, refused subscriptions and REST refusals as errors', async () => {
    const { server: s, ddp: d } = await start('v8');
    const rid = await openRoom(s);
    await d.call('livechat:getInitialData', [TOKEN]);
    await d.call('livechat:sendTranscript', [TOKEN, rid, 'a@b.c']);
    await d.sub('stream-room-messages', visitorParams(rid, 'someone-else'));
    await fetch(`${s.url}/api/v1/livechat/agent.info/${rid}/${TOKEN}`);
    await post(s, 'livechat/room.transfer', { rid, token: TOKEN, department: 'x' });
    expect(rules(s)).toEqual([
      'error:unknown-method',
      'error:not-allowed',
      'error:refused-subscription',
      'error:rest-4xx',
      'error:unknown-route',
    ]);
    const [first] = s.control.violations();
    expect(first).toMatchObject({ what: 'ddp method livechat:getInitialData' });
    expect(first?.why).toMatch(/not register/);
    // The log entry carries the same violation.
    expect(s.control.log().find((e) => e.name === 'livechat:getInitialData')?.violation?.rule).toBe('unknown-method');
  });

  it('records typing on an event name the line no longer emits, and a proposed rid it ignores', async () => {
    const { server: s, ddp: d } = await start('v7');
    const rid = await openRoom(s);
    await d.sub('stream-notify-room', visitorParams(`${rid}/typing`, TOKEN));
    await d.call('stream-notify-room', [`${rid}/typing`, 'guest-1', true, { token: TOKEN }]);
    await d.call('sendMessageLivechat', [
      { _id: 'newMsg000000000001', rid: 'clientRid00000001', msg: 'x', token: TOKEN },
    ]);
    expect(rules(s)).toEqual(['ignored:typing-event', 'ignored:typing-event', 'ignored:ignored-key']);
  });

  it('lets the legacy line read and write <rid>/typing', async () => {
    const { server: s, ddp: d } = await start('legacy');
    const rid = await openRoom(s);
    await d.sub('stream-notify-room', visitorParams(`${rid}/typing`, TOKEN));
    await d.call('stream-notify-room', [`${rid}/typing`, 'guest-1', true, { token: TOKEN }]);
    expect(s.control.violations()).toEqual([]);
  });

  it('records a duplicate message id and REST rate-limit hits', async () => {
    const { server: s, ddp: d } = await start('v6');
    const rid = await openRoom(s);
    const message = { _id: 'dupMessage00000001', rid, msg: 'once', token: TOKEN };
    await d.call('sendMessageLivechat', [message]);
    await d.call('sendMessageLivechat', [message]);
    for (let i = 0; i < 2; i += 1)
      await post(s, 'livechat/offline.message', { name: 'a', email: 'a@b.c', message: 'm' });
    expect(rules(s)).toEqual(['error:duplicate-id', 'error:rate-limit']);
  });
});

describe('fidelity', () => {
  it('answers GET /api/info with major.minor on every line', async () => {
    for (const [profile, version] of [
      ['legacy', '4.8'],
      ['v6', '6.13'],
      ['v7', '7.13'],
      ['v8', '8.9'],
    ] as const) {
      const s = await startDevServer({ port: 0, profile });
      const res = await fetch(`${s.url}/api/info`);
      expect(await res.json()).toEqual({ version, success: true });
      await s.close();
    }
  });

  it('stores a livechat_transcript_history message from rocket.cat after a transcript request', async () => {
    const { server: s } = await start('v8', { settings: { transcript: true } });
    const rid = await openRoom(s);
    const res = await post(s, 'livechat/transcript', { token: TOKEN, rid, email: 'vi@example.com' });
    expect(res.status).toBe(200);
    const room = (s.control.state().rooms as Array<{ messages: Array<Record<string, any>> }>)[0];
    const history = room?.messages.find((m) => m.t === 'livechat_transcript_history');
    expect(history).toMatchObject({ msg: '', u: { username: 'rocket.cat' }, requestData: { type: 'visitor' } });
  });

  it('limits POST livechat/transcript to 5 a minute from 7.x', async () => {
    const { server: s } = await start('v7', { settings: { transcript: true } });
    const rid = await openRoom(s);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await post(s, 'livechat/transcript', { token: TOKEN, rid, email: 'vi@example.com' })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('prompts for a transcript after every close on legacy, only with the setting on newer lines', async () => {
    for (const [profile, prompted] of [
      ['legacy', true],
      ['v6', false],
    ] as const) {
      const s = await startDevServer({ port: 0, profile, settings: { transcript: false } });
      server = s;
      const rid = await openRoom(s);
      s.control.close(rid);
      const room = (s.control.state().rooms as Array<{ messages: Array<Record<string, any>> }>)[0];
      expect(
        room?.messages.some((m) => m.msg === 'promptTranscript'),
        profile,
      ).toBe(prompted);
      await s.close();
      server = undefined;
    }
  });

  it("speaks Meteor's framing on a Community 8.x server", async () => {
    const s = await startDevServer({ port: 0, profile: 'v8', framing: 'meteor' });
    server = s;
    const raw = await RawDdp.open(s.ddpUrl);
    expect(raw.frames[0]).toEqual({ server_id: '0' });
    raw.close();
  });
});
