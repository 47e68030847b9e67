import { describe, expect, it, vi } from 'vitest';
import { deletedWhileAway, fetchMissed, olderThan } from '../../../lib/background/catch-up';
import { chatMessage as msg } from '../fakes/chat-message';

/** A server history of `count` messages, one per ms, answering `loadHistory` like Rocket.Chat (newest before `end`). */
function server(count: number) {
  const all = Array.from({ length: count }, (_, i) => msg(`m${i + 1}`, i + 1));
  const loadHistory = vi.fn(async (_rid: string, o: { before?: number; limit?: number } = {}) => {
    const older = all.filter((m) => o.before === undefined || m.ts < o.before);
    return older.slice(-(o.limit ?? 50));
  });
  return { all, api: { loadHistory } };
}

describe('fetchMissed', () => {
  it('pages back until it meets a message it already had', async () => {
    const { api } = server(120);
    const known = [msg('m10', 10)];
    const result = await fetchMissed(api, 'R', known, 50);
    expect(api.loadHistory).toHaveBeenCalledTimes(3);
    expect(result.messages[0]?.id).toBe('m1');
    expect(result.messages.at(-1)?.id).toBe('m120');
    expect(result.messages.map((m) => m.ts)).toEqual(result.messages.map((m) => m.ts).toSorted((a, b) => a - b));
  });

  it('stops after one page when the newest page already overlaps', async () => {
    const { api } = server(120);
    const result = await fetchMissed(api, 'R', [msg('m110', 110)], 50);
    expect(api.loadHistory).toHaveBeenCalledTimes(1);
    expect(result.window).toEqual({ from: 71, to: 120 });
  });

  it('does not trust pending messages as a meeting point', async () => {
    const { api } = server(60);
    await fetchMissed(api, 'R', [msg('m59', 59, { delivery: 'pending' })], 50);
    expect(api.loadHistory).toHaveBeenCalledTimes(2);
  });

  it('bounds the number of pages, and says when the answer does not join up with what was cached', async () => {
    const { api } = server(10_000);
    const result = await fetchMissed(api, 'R', [msg('m10', 10)], 50, 4);
    expect(api.loadHistory).toHaveBeenCalledTimes(4);
    expect(result).toMatchObject({ window: { from: 9801, to: 10_000 }, joined: false });
    expect((await fetchMissed(server(120).api, 'R', [msg('m10', 10)], 50)).joined).toBe(true);
    expect((await fetchMissed(server(10_000).api, 'R', [], 50, 4)).joined).toBe(true);
  });

  it('lists the cached server messages older than a moment, never pending or failed ones', () => {
    const cached = [
      msg('old', 1),
      msg('pending', 2, { delivery: 'pending' }),
      msg('failed', 3, { delivery: 'failed' }),
      msg('other-room', 4, { rid: 'X' }),
      msg('new', 50),
    ];
    expect(olderThan(cached, 'R', 10)).toEqual(['old']);
  });
});

describe('deletedWhileAway', () => {
  it('finds ordinary cached messages inside the covered window that the server no longer has', () => {
    const cached = [
      msg('old', 1),
      msg('gone', 75),
      msg('kept', 80),
      msg('pending', 90, { delivery: 'pending' }),
      msg('system', 95, { type: 'uj' }),
      msg('other-room', 96, { rid: 'X' }),
      msg('newer', 500),
    ];
    const result = { messages: [msg('kept', 80)], window: { from: 71, to: 120 }, joined: true };
    expect(deletedWhileAway(cached, 'R', result)).toEqual(['gone']);
    expect(deletedWhileAway(cached, 'R', { messages: [], window: null, joined: true })).toEqual([]);
  });
});
