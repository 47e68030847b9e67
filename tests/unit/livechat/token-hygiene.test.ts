// Issue 14 item 8 on the DDP path: a server that echoes the visitor token in a method error or a refused
// subscription does not get it into the error text (which reaches the chat's banner and the logs).
import { describe, expect, it } from 'vitest';
import { createLivechatApi } from '../../../lib/livechat/api';
import { LivechatError } from '../../../lib/livechat/errors';
import { createCapabilities } from '../../../lib/livechat/paths';
import { createRestClient } from '../../../lib/livechat/rest';
import { subscribeRoom } from '../../../lib/livechat/streams';
import type { SubscribeOptions, SubscriptionHandle } from '../../../lib/ddp/types';
import { FakeDdp, meteorError } from '../fakes/fake-ddp';

const TOKEN = 'EchoedVisitorToken77';

describe('token hygiene over DDP', () => {
  it('cuts an echoed token out of a method error', async () => {
    const ddp = new FakeDdp();
    ddp.goOnline();
    ddp.handle('livechat:getAgentData', () => {
      throw meteorError(`bad-${TOKEN}`, `no visitor with token ${TOKEN}`);
    });
    const rest = createRestClient({ baseUrl: 'https://chat.example.com', fetch, token: () => TOKEN });
    const api = createLivechatApi({
      ddp,
      rest,
      caps: createCapabilities({ agentInfo: 'ddp' }),
      baseUrl: 'https://chat.example.com',
      token: () => TOKEN,
    });
    const error = await api.getAgent('R1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LivechatError);
    expect(`${(error as LivechatError).code} ${(error as LivechatError).message}`).not.toContain(TOKEN);
    expect((error as LivechatError).message).toContain('no visitor with token');
  });

  it('cuts an echoed token out of a refused subscription before anyone logs it', () => {
    class RefusingDdp extends FakeDdp {
      override subscribe(name: string, params: unknown[], options?: SubscribeOptions): SubscriptionHandle {
        options?.onNosub?.(meteorError('not-allowed', `token ${TOKEN} may not read ${name}`));
        return super.subscribe(name, params, options);
      }
    }
    const refused: string[] = [];
    const sub = subscribeRoom(
      new RefusingDdp(),
      'R1',
      { token: TOKEN, baseUrl: 'https://chat.example.com' },
      {
        message: () => undefined,
        removed: () => undefined,
        agent: () => undefined,
        agentStatus: () => undefined,
        queue: () => undefined,
        typing: () => undefined,
        refused: (_stream, error) => refused.push(`${error.code} ${error.message}`),
      },
    );
    sub.stop();
    expect(refused.length).toBeGreaterThan(0);
    for (const text of refused) {
      expect(text).toContain('may not read');
      expect(text).not.toContain(TOKEN);
    }
  });

  it("refuses a browser's opaque redirect answer and never lets fetch follow one", async () => {
    const inits: Array<RequestInit | undefined> = [];
    // What a browser's fetch gives for `redirect: 'manual'`: status 0, no Location, type `opaqueredirect`.
    const opaque = { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), text: async () => '' };
    const rest = createRestClient({
      baseUrl: 'https://chat.example.com',
      fetch: async (_url, init) => (inits.push(init), opaque as unknown as Response),
      token: () => TOKEN,
    });
    await expect(rest.get('livechat/config')).rejects.toMatchObject({ kind: 'protocol', code: 'redirect' });
    expect(inits[0]?.redirect).toBe('manual');
  });
});
