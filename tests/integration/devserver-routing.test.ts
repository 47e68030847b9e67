// Routing options: auto-assignment on room creation, refusing rooms when nobody is online, the hidden agent
// setting, queue positions in the config, and visitor presence tied to setUpConnection.
import { afterEach, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer, type DevServerOptions } from '../../devserver';
import { RawDdp, visitorParams } from '../../devserver/testing/raw-ddp';

let server: DevServer | undefined;
const sockets: RawDdp[] = [];

async function setup(options: DevServerOptions, token: string) {
  server = await startDevServer({ port: 0, queueDebounceMs: 10, ...options });
  const ddp = await RawDdp.connect(server.ddpUrl);
  sockets.push(ddp);
  await fetch(`${server.url}/api/v1/livechat/visitor`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ visitor: { token, name: 'Ana' } }),
  });
  return { server, ddp };
}

afterEach(async () => {
  for (const ddp of sockets.splice(0)) ddp.close();
  await server?.close();
  server = undefined;
});

describe('routing', () => {
  it('auto-assigns an agent when the room opens', async () => {
    const { server: s, ddp } = await setup({ profile: 'legacy', autoAssign: true }, 'tok-auto');
    const { result } = await ddp.call('sendMessageLivechat', [
      { _id: 'AutoMsg0000000001', rid: 'AutoRoom000000001', msg: 'hi', token: 'tok-auto' },
    ]);
    expect(result).toMatchObject({ newRoom: true, showConnecting: false });
    const agent = await ddp.call('livechat:getAgentData', [{ roomId: 'AutoRoom000000001', token: 'tok-auto' }]);
    expect(agent.result).toMatchObject({ username: expect.stringMatching(/\.agent$/) });
    expect((s.control.state().rooms as { waiting: boolean }[])[0]?.waiting).toBe(false);
  });

  it('leaves the room waiting by default, with showConnecting when the setting is on, and a queue position', async () => {
    const { server: s, ddp } = await setup({ profile: 'v7', settings: { showConnecting: true } }, 'tok-wait');
    const { result } = await ddp.call('sendMessageLivechat', [
      { _id: 'WaitMsg0000000001', rid: 'x', msg: 'hi', token: 'tok-wait' },
    ]);
    expect(result).toMatchObject({ newRoom: true, showConnecting: true });
    const config = (await (await fetch(`${s.url}/api/v1/livechat/config?token=tok-wait`)).json()) as {
      config: Record<string, unknown>;
    };
    expect(config.config).toMatchObject({ room: { open: true }, queueInfo: { spot: 1 } });
    expect(config.config).not.toHaveProperty('agent');
  });

  it('refuses new rooms with no-agent-online when nobody is online and the desk does not accept that', async () => {
    const { server: s, ddp } = await setup(
      { profile: 'legacy', settings: { acceptChatsWithNoAgents: false } },
      'tok-none',
    );
    s.control.agentStatus('maria.agent', { status: 'offline' });
    s.control.agentStatus('joao.agent', { status: 'offline' });
    const { error } = await ddp.call('sendMessageLivechat', [
      { _id: 'NoneMsg0000000001', rid: 'NoneRoom000000001', msg: 'hi', token: 'tok-none' },
    ]);
    expect(error).toEqual({
      isClientSafe: true,
      error: 'no-agent-online',
      reason: 'Sorry, no online agents',
      message: 'Sorry, no online agents [no-agent-online]',
      errorType: 'Meteor.Error',
    });
    const { result } = await ddp.call('livechat:getInitialData', ['tok-none']);
    expect(result).toMatchObject({ online: false });
  });

  it('hides the agent when agentHiddenInfo is on', async () => {
    const { server: s, ddp } = await setup(
      { profile: 'v8', settings: { agentHiddenInfo: true }, rateLimits: false },
      'tok-hidden',
    );
    const { result } = await ddp.call('sendMessageLivechat', [
      { _id: 'HideMsg0000000001', rid: 'x', msg: 'hi', token: 'tok-hidden' },
    ]);
    const rid = (result as { rid: string }).rid;
    await ddp.sub('stream-livechat-room', visitorParams(rid, 'tok-hidden'));
    s.control.take(rid, {});
    const frame = await ddp.changed('stream-livechat-room', rid, (a) => a.type === 'agentData');
    expect((frame.fields as { args: unknown[] }).args[0]).toEqual({ type: 'agentData', data: { hiddenInfo: true } });
    const info = (await (await fetch(`${s.url}/api/v1/livechat/agent.info/${rid}/tok-hidden`)).json()) as Record<
      string,
      unknown
    >;
    expect(info).toEqual({ agent: { hiddenInfo: true }, success: true });
  });

  it('marks the visitor offline when the setUpConnection socket closes', async () => {
    const { server: s, ddp } = await setup({ profile: 'v8' }, 'tok-presence');
    await ddp.call('livechat:setUpConnection', [{ token: 'tok-presence' }]);
    const visitor = () =>
      (s.control.state().visitors as { token: string; status: string }[]).find((v) => v.token === 'tok-presence');
    expect(visitor()?.status).toBe('online');
    const offline = new Promise<void>((resolve) => {
      const stop = s.control.events((event) => {
        if (event.type === 'visitor' && event.status === 'offline') {
          stop();
          resolve();
        }
      });
    });
    ddp.close();
    await offline;
    expect(visitor()?.status).toBe('offline');
  });
});
