// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { act, cleanup, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { message } from './messages';
import { renderChat } from './render-chat';

/** Messages the log's groups hashed to split themselves into parts. */
const walked = vi.hoisted(() => {
  const state = {
    count: 0,
    /** `hashOf`, counting its calls. */
    counted:
      <T,>(hashOf: (item: T) => number) =>
      (item: T): number => {
        state.count += 1;
        return hashOf(item);
      },
  };
  return state;
});
vi.mock('../../../lib/hash-runs', async (original) => {
  const real = await original<typeof import('../../../lib/hash-runs')>();
  return {
    ...real,
    hashRuns: <T,>(items: readonly T[], hashOf: (item: T) => number, average: number, max: number) =>
      real.hashRuns(items, walked.counted(hashOf), average, max),
    growRuns: <T,>(
      before: readonly T[],
      runs: readonly import('../../../lib/hash-runs').Run<T>[],
      items: readonly T[],
      hashOf: (item: T) => number,
      average: number,
      max: number,
    ) => real.growRuns(before, runs, items, walked.counted(hashOf), average, max),
  };
});

afterEach(cleanup);

const noon = new Date(2026, 0, 15, 12, 0).getTime();
/** One long run by the agent, all unread: the log keeps every one of them on screen. */
const run = Array.from({ length: 400 }, (_, i) => message(`m${i}`, 'agent', `text ${i}`, { at: noon + i * 1000 }));

describe('a long group splitting itself into parts', () => {
  it('a new message hashes the new message, not the hundreds of the group', async () => {
    const chat = await renderChat({ config: testConfig(), messages: run, unread: run.length });
    walked.count = 0;
    for (let i = 400; i < 403; i++) {
      act(() => chat.worker.emit('message/upsert', message(`m${i}`, 'agent', `text ${i}`, { at: noon + i * 1000 })));
      await flush();
    }
    const log = screen.getByRole('log');
    expect(log.querySelectorAll('.lqs-message')).toHaveLength(403);
    expect(walked.count).toBeGreaterThan(0);
    expect(walked.count).toBeLessThanOrEqual(3);
    chat.cleanup();
  });
});
