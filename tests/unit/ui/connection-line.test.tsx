// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { signal } from '../../../lib/ui/signals';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConnectionLine, connectionTextLoaded } from '../../../components/ConnectionLine';
import type { ConnectionView } from '../../../lib/messaging';

// The words for every state load as the page starts (connection-line-first.test.tsx: before they are in).
beforeAll(async () => void (await connectionTextLoaded));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderLine(view: ConnectionView, pending = 0) {
  const connection = signal(view);
  const onRetry = vi.fn();
  const { container } = render(
    <ConnectionLine connection={connection} pendingCount={signal(pending)} onRetry={onRetry} />,
  );
  const visible = (): string => container.querySelector('[aria-hidden="true"]:not(.lqs-connection__dot)')!.textContent!;
  return { connection, onRetry, container, visible };
}

describe('connection line', () => {
  it('shows Connected, Offline and Connecting…, with the pending count', () => {
    const { connection, visible, container } = renderLine({ state: 'connected' }, 2);
    expect(visible()).toBe('Connected');
    expect(container.textContent).toContain('2 messages waiting to be sent');
    act(() => {
      connection.value = { state: 'offline' };
    });
    expect(visible()).toBe('Offline');
    act(() => {
      connection.value = { state: 'connecting', attempt: 1 };
    });
    expect(visible()).toBe('Connecting…');
  });

  it('counts down to the next attempt and offers to retry now', async () => {
    vi.useFakeTimers();
    const { visible, onRetry } = renderLine({ state: 'waiting', attempt: 2, retryAt: Date.now() + 3_000 });
    expect(visible()).toBe('Reconnecting in 3 s');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    expect(visible()).toBe('Reconnecting in 2 s');
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(onRetry).toHaveBeenCalled();
  });
});
