// @vitest-environment happy-dom
/**
 * The first check of an attached file (lib/ui/upload.ts) is not part of the first screen: it loads once the page is
 * idle, or with the first file. A file attached before it is in waits, unsent and without an error, then is
 * checked as usual.
 */
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { Composer } from '../../../components/Composer';
import type { ConnectionView } from '../../../lib/messaging';
import { signal } from '../../../lib/ui/signals';
import { flush } from './fake-worker';

/** The check loads only when the test lets it. */
const gate = await vi.hoisted(async () => (await import('./load-gate')).loadGate());
vi.mock('../../../lib/ui/upload', async (original) => {
  await gate.opened;
  return original();
});

afterEach(cleanup);

it('holds a file attached before its check is in, then checks it', async () => {
  const upload = vi.fn(async () => undefined);
  const file = signal<File | null>(null);
  render(
    <Composer
      limit={signal(null)}
      connection={signal<ConnectionView>({ state: 'connected' })}
      send={vi.fn(async () => 'id')}
      typing={vi.fn()}
      upload={upload}
      file={file}
    />,
  );
  const huge = new File(['x'], 'video.mp4', { type: 'video/mp4' });
  Object.defineProperty(huge, 'size', { value: 25 * 1024 * 1024 });
  act(() => void (file.value = huge));
  await waitFor(() => expect(screen.getByText('video.mp4')).toBeTruthy());
  const sendButton = screen.getByRole('button', { name: 'Send message' }) as HTMLButtonElement;
  expect(sendButton.disabled).toBe(true);
  fireEvent.keyDown(screen.getByLabelText('Message'), { key: 'Enter' });
  await flush();
  expect(upload).not.toHaveBeenCalled();
  expect(screen.queryByRole('alert')).toBeNull();

  gate.open();
  await waitFor(() =>
    expect(screen.getByRole('alert').textContent).toBe('video.mp4 is too large (25 MB). Files can be at most 20 MB.'),
  );
  expect(sendButton.disabled).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: 'Remove video.mp4' }));
  act(() => void (file.value = new File(['hello'], 'note.txt', { type: 'text/plain' })));
  fireEvent.keyDown(screen.getByLabelText('Message'), { key: 'Enter' });
  await flush();
  expect(upload).toHaveBeenCalledTimes(1);
});
