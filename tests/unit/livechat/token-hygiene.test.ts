// Issue 14 item 8 on the DDP path: a server that echoes the visitor token in a method error does not get it
// into the error text (which reaches the chat's banner and the logs).
import { describe, expect, it } from 'vitest';
import { createLivechatApi } from '../../../lib/livechat/api';
import { LivechatError } from '../../../lib/livechat/errors';
import { createCapabilities } from '../../../lib/livechat/paths';
import { createRestClient } from '../../../lib/livechat/rest';
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
});
