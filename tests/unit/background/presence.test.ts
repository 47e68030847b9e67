import { describe, expect, it, vi } from 'vitest';
import { createPresence, type Presence } from '../../../lib/background/presence';
import { LivechatError } from '../../../lib/livechat/errors';
import { FakeClock } from '../ddp/fake-clock';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(report: (status: Presence) => Promise<void> = async () => {}) {
  const clock = new FakeClock();
  const sent = vi.fn(report);
  const onError = vi.fn();
  let relevant = true;
  const presence = createPresence({ clock, report: sent, relevant: () => relevant, onError, settleMs: 1000 });
  return { clock, sent, onError, presence, setRelevant: (value: boolean) => (relevant = value) };
}

describe('presence', () => {
  it('sends a status once it has held for the settle time, and never the same one twice', async () => {
    const { clock, sent, presence } = setup();
    presence.want('online');
    clock.advance(999);
    expect(sent).not.toHaveBeenCalled();
    clock.advance(1);
    await flush();
    expect(sent.mock.calls).toEqual([['online']]);
    presence.want('online');
    clock.advance(5000);
    await flush();
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('does not flap when the popup closes and opens again within the settle time', async () => {
    const { clock, sent, presence } = setup();
    presence.want('online');
    clock.advance(1000);
    await flush();
    presence.want('away');
    clock.advance(400);
    presence.want('online');
    clock.advance(5000);
    await flush();
    expect(sent.mock.calls).toEqual([['online']]);
  });

  it('says it again after a reconnect, and stays quiet while there is no conversation', async () => {
    const { clock, sent, presence, setRelevant } = setup();
    setRelevant(false);
    presence.want('away');
    clock.advance(1000);
    await flush();
    expect(sent).not.toHaveBeenCalled();
    setRelevant(true);
    presence.reconnected();
    clock.advance(1000);
    await flush();
    presence.reconnected();
    clock.advance(1000);
    await flush();
    expect(sent.mock.calls).toEqual([['away'], ['away']]);
  });

  it('stops asking a server without the endpoint, and reports other failures', async () => {
    const missing = setup(async () => {
      throw new LivechatError('missing', '404', 'API endpoint does not exist');
    });
    missing.presence.want('away');
    missing.clock.advance(1000);
    await flush();
    missing.presence.want('online');
    missing.presence.reconnected();
    missing.clock.advance(5000);
    await flush();
    expect(missing.sent).toHaveBeenCalledTimes(1);
    expect(missing.onError).not.toHaveBeenCalled();

    const down = setup(async () => {
      throw new LivechatError('unreachable', 'network', 'offline');
    });
    down.presence.want('away');
    down.clock.advance(1000);
    await flush();
    expect(down.onError).toHaveBeenCalledTimes(1);
    down.presence.reconnected();
    down.clock.advance(1000);
    await flush();
    expect(down.sent).toHaveBeenCalledTimes(2);
  });
});
