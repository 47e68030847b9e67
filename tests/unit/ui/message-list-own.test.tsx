// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { act, cleanup, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { message } from './messages';
import { renderChat } from './render-chat';

/** Messages the log looked at to find the visitor's last one. */
const looked = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../lib/ui/last-own', async (original) => {
  const real = await original<typeof import('../../../lib/ui/last-own')>();
  return {
    lastOwn: (...[messages, previous]: Parameters<typeof real.lastOwn>) =>
      real.lastOwn(messages, previous, () => (looked.count += 1)),
  };
});

afterEach(cleanup);

const noon = new Date(2026, 0, 15, 12, 0).getTime();
const log = [
  message('v0', 'visitor', 'hello', { at: noon - 1000 }),
  ...Array.from({ length: 300 }, (_, i) => message(`m${i}`, 'agent', `text ${i}`, { at: noon + i * 1000 })),
];

describe('the log looking for the visitor’s last message', () => {
  it('looks only at the new message when an agent’s arrives, not at the hundreds before it', async () => {
    const chat = await renderChat({ config: testConfig(), messages: log });
    looked.count = 0;
    act(() => chat.worker.emit('message/upsert', message('m300', 'agent', 'text 300', { at: noon + 300_000 })));
    await flush();
    expect(screen.getByRole('log').querySelector('[data-message-id="m300"]')).not.toBeNull();
    expect(looked.count).toBeGreaterThan(0);
    expect(looked.count).toBeLessThanOrEqual(2);
    chat.cleanup();
  });
});
