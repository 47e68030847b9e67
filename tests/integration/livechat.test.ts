/**
 * lib/livechat over real sockets and real HTTP against devserver, in Node: the seed flow on a 4.x-like server and
 * the same calls on an 8.x-like one, where the removed methods fall back to their REST twins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startDevServer, type DevServer, type RoomView } from '../../devserver/index';
import { createDdpClient, type DdpClient } from '../../lib/ddp';
import { createLivechatApi } from '../../lib/livechat/api';
import { createCapabilities } from '../../lib/livechat/paths';
import { createRestClient } from '../../lib/livechat/rest';
import { subscribeRoom } from '../../lib/livechat/streams';
import type { ChatMessage } from '../../lib/livechat/types';

let server: DevServer | undefined;
let ddp: DdpClient | undefined;

afterEach(async () => {
  ddp?.close();
  await server?.close();
  ddp = undefined;
  server = undefined;
});

async function connect(profile: 'legacy' | 'v8') {
  server = await startDevServer({ port: 0, profile });
  const url = server.url;
  const token = `token-${profile}-${Date.now()}`;
  ddp = createDdpClient({ url, socketFactory: (u) => new WebSocket(u) });
  const caps = createCapabilities();
  const rest = createRestClient({ baseUrl: url, fetch, token: () => token });
  const api = createLivechatApi({ ddp, rest, caps, baseUrl: url, token: () => token });
  return { srv: server, client: ddp, api, caps, token, url };
}

describe.each(['legacy', 'v8'] as const)('lib/livechat against a %s server', (profile) => {
  it('runs the whole visitor flow and hears the agent on the room streams', async () => {
    const { srv, client, api, caps, token, url } = await connect(profile);
    await api.setUpConnection();
    const config = await api.getConfig();
    expect(config.enabled).toBe(true);
    expect(config.online).toBe(true);
    expect(caps.get('config')).toBe(profile === 'legacy' ? 'ddp' : 'rest');

    const visitor = await api.registerGuest({ name: 'Ana Lima', email: 'ana@example.com' });
    expect(visitor).toMatchObject({ token, name: 'Ana Lima', email: 'ana@example.com' });

    const proposed = 'ProposedRoomId001';
    const sent = await api.sendMessage({ id: 'FirstMessageId001', text: 'Hello', rid: proposed, confirmed: false });
    expect(sent).toMatchObject({ id: 'FirstMessageId001', text: 'Hello', from: 'visitor', newRoom: true });
    if (profile === 'legacy') expect(sent.rid).toBe(proposed);
    else expect(sent.rid).not.toBe(proposed);

    const heard: ChatMessage[] = [];
    const typing: string[] = [];
    const room = subscribeRoom(
      client,
      sent.rid,
      { token, baseUrl: url },
      {
        message: (m) => heard.push(m),
        removed: () => {},
        agent: () => {},
        agentStatus: () => {},
        queue: () => {},
        typing: (name, on) => typing.push(`${name}:${on}`),
        refused: (stream, error) => {
          throw new Error(`${stream} refused: ${JSON.stringify(error)}`);
        },
      },
    );
    await room.ready;
    srv.control.take(sent.rid);
    srv.control.typing(sent.rid, { typing: true });
    srv.control.say(sent.rid, { text: 'Hi Ana' });
    await expect.poll(() => heard.some((m) => m.text === 'Hi Ana' && m.from === 'agent')).toBe(true);
    expect(typing.some((t) => t.endsWith(':true'))).toBe(true);

    const agent = await api.getAgent(sent.rid);
    expect(agent).toMatchObject({ username: 'maria.agent', hidden: false });
    const history = await api.loadHistory(sent.rid);
    expect(history.map((m) => m.text)).toEqual(expect.arrayContaining(['Hello', 'Hi Ana']));

    await api.sendMessage({ id: 'SecondMessageId01', text: 'Thanks', rid: sent.rid, confirmed: true });
    await api.closeRoom(sent.rid);
    await api.submitSurvey(sent.rid, [{ name: 'satisfaction', value: '5' }]);
    const stored = (srv.control.state().rooms as RoomView[]).find((r) => r._id === sent.rid);
    expect(stored?.open).toBe(false);
    expect(stored?.surveyFeedback).toMatchObject({ satisfaction: '5' });
    expect(stored?.messages.filter((m) => m.token === token && !m.t).map((m) => m.msg)).toEqual(['Hello', 'Thanks']);
    room.stop();
  });

  it('reports a refusal from the server as a typed error', async () => {
    const { api } = await connect(profile);
    await expect(
      api.sendMessage({ id: 'NoVisitorMsgId001', text: 'x', rid: 'NoSuchRoom0000001', confirmed: true }),
    ).rejects.toMatchObject({
      name: 'LivechatError',
      kind: 'rejected',
    });
  });
});
