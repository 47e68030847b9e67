import { describe, expect, it } from 'vitest';
import { createLivechatApi } from '../../../lib/livechat/api';
import { createCapabilities, type ApiPath } from '../../../lib/livechat/paths';
import { createRestClient } from '../../../lib/livechat/rest';
import { FakeDdp } from '../fakes/fake-ddp';

const TOKEN = 'tok';

function setup(routes: Record<string, { status?: number; body: unknown }>, learnt: Record<string, ApiPath> = {}) {
  const ddp = new FakeDdp();
  ddp.goOnline();
  const requests: Array<{ method: string; path: string; body: unknown; headers: Record<string, string> }> = [];
  const fetch = async (input: string, init?: RequestInit) => {
    const url = new URL(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body;
    requests.push({ method, path: url.pathname, body, headers: (init?.headers ?? {}) as Record<string, string> });
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return new Response('Not found', { status: 404 });
    return new Response(JSON.stringify(route.body), { status: route.status ?? 200 });
  };
  const caps = createCapabilities(learnt);
  const rest = createRestClient({ baseUrl: 'https://x.test', fetch, token: () => TOKEN });
  const api = createLivechatApi({ ddp, rest, caps, baseUrl: 'https://x.test', token: () => TOKEN });
  return { ddp, api, requests, caps };
}

describe('room operations', () => {
  it('changes department over DDP, then room.transfer, then the 8.x endpoint, remembering each step', async () => {
    const v8 = setup({ 'POST /api/v1/livechat/visitor/department.transfer': { body: { success: true } } });
    await v8.api.changeDepartment('R', 'D2');
    expect(v8.requests.map((r) => r.path)).toEqual([
      '/api/v1/livechat/room.transfer',
      '/api/v1/livechat/visitor/department.transfer',
    ]);
    expect(v8.caps.get('departmentTransfer')).toBe('rest-v8');
    await v8.api.changeDepartment('R', 'D3');
    expect(v8.ddp.callsTo('livechat:setDepartmentForVisitor')).toHaveLength(1);
    expect(v8.requests).toHaveLength(3);

    const legacy = setup({});
    legacy.ddp.handle('livechat:setDepartmentForVisitor', () => true);
    await legacy.api.changeDepartment('R', 'D2');
    expect(legacy.ddp.callsTo('livechat:setDepartmentForVisitor')[0]?.params).toEqual([
      { roomId: 'R', visitorToken: TOKEN, departmentId: 'D2' },
    ]);
    expect(legacy.requests).toHaveLength(0);
  });

  it('asks for the transcript over REST on every line, never over DDP (agent-only since ~3.4)', async () => {
    const { ddp, api, requests } = setup({
      'POST /api/v1/livechat/transcript': { body: { message: 'Livechat transcript sent', success: true } },
    });
    await api.requestTranscript('R', 'ana@example.com');
    expect(ddp.callsTo('livechat:sendTranscript')).toHaveLength(0);
    expect(requests[0]?.body).toEqual({ token: TOKEN, rid: 'R', email: 'ana@example.com' });
  });

  it('sends exactly name, e-mail and message to the DDP offline form', async () => {
    const { ddp, api } = setup({});
    ddp.handle('livechat:sendOfflineMessage', () => undefined);
    await api.sendOfflineMessage({ name: 'Ana', email: 'a@x.test', message: 'Call me', department: 'D1' });
    expect(ddp.callsTo('livechat:sendOfflineMessage')[0]?.params).toEqual([
      { name: 'Ana', email: 'a@x.test', message: 'Call me' },
    ]);
  });

  it('closes, surveys and uploads through REST with the visitor token', async () => {
    const { api, requests } = setup(
      {
        'POST /api/v1/livechat/room.close': { body: { rid: 'R', comment: '', success: true } },
        'POST /api/v1/livechat/room.survey': { body: { rid: 'R', data: {}, success: true } },
        'POST /api/v1/livechat/upload/R': {
          body: {
            _id: 'f1',
            rid: 'R',
            msg: '',
            token: TOKEN,
            attachments: [{ title: 'a.png', title_link: '/file-upload/f1/a.png' }],
          },
        },
        'PUT /api/v1/livechat/message/m1': { body: { message: { _id: 'm1', rid: 'R', msg: 'edited', token: TOKEN } } },
      },
      { closeRoom: 'rest', survey: 'rest' },
    );
    await api.closeRoom('R');
    await api.submitSurvey('R', [{ name: 'satisfaction', value: '5' }]);
    const uploaded = await api.upload('R', new Blob(['png']), 'a.png');
    expect(uploaded.attachments[0]?.url).toBe(
      `https://x.test/file-upload/f1/a.png?rc_token=${TOKEN}&rc_rid=R&rc_room_type=l`,
    );
    expect(requests[2]?.headers['x-visitor-token']).toBe(TOKEN);
    expect(requests[2]?.body).toBeInstanceOf(FormData);
    expect((await api.editMessage('R', 'm1', 'edited')).text).toBe('edited');
    expect(requests.map((r) => r.path)).toEqual([
      '/api/v1/livechat/room.close',
      '/api/v1/livechat/room.survey',
      '/api/v1/livechat/upload/R',
      '/api/v1/livechat/message/m1',
    ]);
  });

  it('reports a refused close clearly', async () => {
    const { api } = setup(
      {
        'POST /api/v1/livechat/room.close': {
          status: 400,
          body: { success: false, error: 'error-not-allowed-to-close-conversation' },
        },
      },
      { closeRoom: 'rest' },
    );
    await expect(api.closeRoom('R')).rejects.toMatchObject({
      kind: 'rejected',
      code: 'error-not-allowed-to-close-conversation',
    });
  });
});
