// @vitest-environment happy-dom
/**
 * The connection line before the words for every state (lib/ui/connection-text.ts) are loaded: a chat that opens
 * (connecting, then connected) is worded at once, as `describeConnection` words it; a link in trouble, which only
 * the worker's answer can report, is worded once the file is in.
 */
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { act, cleanup, render } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { ConnectionLine, connectionTextLoaded } from '../../../components/ConnectionLine';
import type { ConnectionView } from '../../../lib/messaging';
import { signal } from '../../../lib/ui/signals';

/** The words load only when the test lets them. */
const gate = await vi.hoisted(async () => (await import('./load-gate')).loadGate());
vi.mock('../../../lib/ui/connection-text', async (original) => {
  await gate.opened;
  return original();
});

afterEach(cleanup);

it('words a chat that opens at once, and a link in trouble once its words are in', async () => {
  const connection = signal<ConnectionView>({ state: 'connecting', attempt: 0 });
  const { container } = render(<ConnectionLine connection={connection} pendingCount={signal(0)} onRetry={vi.fn()} />);
  const visible = (): string => container.querySelector('[aria-hidden="true"]:not(.lqs-connection__dot)')!.textContent!;
  const retry = (): boolean => container.querySelector('button') !== null;
  const tone = (): string | null => container.querySelector('.lqs-connection')!.getAttribute('data-tone');

  expect([visible(), tone(), retry()]).toEqual(['Connecting…', 'busy', false]);
  act(() => void (connection.value = { state: 'connecting', attempt: 2 }));
  expect([visible(), tone(), retry()]).toEqual(['Connecting…', 'busy', true]);
  act(() => void (connection.value = { state: 'connected' }));
  expect([visible(), tone(), retry()]).toEqual(['Connected', 'ok', false]);
  act(() => void (connection.value = { state: 'offline' }));
  expect(visible()).toBe('');

  gate.open();
  await act(async () => void (await connectionTextLoaded));
  expect([visible(), tone(), retry()]).toEqual(['Offline', 'warn', true]);
});
