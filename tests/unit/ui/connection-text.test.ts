// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { describe, expect, it } from 'vitest';
import { describeConnection } from '../../../lib/ui/connection-text';

describe('describeConnection', () => {
  const now = 1_000_000;

  it('words each state honestly', () => {
    expect(describeConnection({ state: 'connected' }, now).text).toBe('Connected');
    expect(describeConnection({ state: 'connecting', attempt: 2 }, now).text).toBe('Connecting…');
    expect(describeConnection({ state: 'offline' }, now).text).toBe('Offline');
    expect(describeConnection({ state: 'idle' }, now).text).toBe('Not connected');
    expect(describeConnection({ state: 'unconfigured' }, now).text).toBe('No server configured');
    expect(describeConnection({ state: 'failed', reason: 'certificate error' }, now).text).toBe(
      'Connection failed: certificate error',
    );
  });

  it('counts down to the next attempt, rounding up, and offers a retry meanwhile', () => {
    const view = { state: 'waiting', attempt: 3, retryAt: now + 4_200 } as const;
    expect(describeConnection(view, now)).toMatchObject({ text: 'Reconnecting in 5 s', canRetry: true });
    expect(describeConnection(view, now + 4_000).text).toBe('Reconnecting in 1 s');
    expect(describeConnection(view, now + 5_000)).toMatchObject({ text: 'Reconnecting…', canRetry: true });
    // Screen readers hear the state, not every tick of the countdown.
    expect(describeConnection(view, now).spoken).not.toMatch(/\d/);
  });
});
