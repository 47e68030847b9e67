// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { signal, type Signal } from '../../../lib/ui/signals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../../../components/Composer';
import type { ConnectionView } from '../../../lib/messaging';
import { flush } from './fake-worker';

afterEach(cleanup);

/** Waits until a frame has been painted and the task after it has run. */
async function afterFirstFrame(): Promise<void> {
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

function renderComposer(
  options: { limit?: number; upload?: (file: File, text: string) => Promise<unknown>; file?: Signal<File | null> } = {},
) {
  const send = vi.fn(async () => 'id');
  const typing = vi.fn();
  const connection = signal<ConnectionView>({ state: 'connected' });
  const { limit = null, upload, file } = options;
  render(
    <Composer limit={signal(limit)} connection={connection} send={send} typing={typing} upload={upload} file={file} />,
  );
  return { send, typing, connection, field: screen.getByLabelText('Message') as HTMLTextAreaElement };
}

describe('composer', () => {
  it('sends on Enter and adds a line on Shift+Enter', async () => {
    const { send, typing, field } = renderComposer();
    fireEvent.input(field, { target: { value: 'hello' } });
    expect(typing).toHaveBeenLastCalledWith(true);
    fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });
    expect(send).not.toHaveBeenCalled();
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(send).toHaveBeenCalledWith('hello');
    expect(typing).toHaveBeenLastCalledWith(false);
    await flush();
    expect(field.value).toBe('');
  });

  it('shows a counter near the limit and refuses text over it', () => {
    const { send, field } = renderComposer({ limit: 50 });
    fireEvent.input(field, { target: { value: 'x'.repeat(20) } });
    expect(screen.queryByText('20/50')).toBeNull();
    fireEvent.input(field, { target: { value: 'x'.repeat(40) } });
    expect(screen.getByText('40/50')).toBeTruthy();
    fireEvent.input(field, { target: { value: 'x'.repeat(53) } });
    expect(screen.getByText('Too long by 3 characters.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Send message' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(send).not.toHaveBeenCalled();
  });

  it('lets the visitor write while offline and says the message will wait', () => {
    const { send, field, connection } = renderComposer();
    act(() => {
      connection.value = { state: 'offline' };
    });
    expect(screen.getByText(/messages are kept and sent when the connection is back/)).toBeTruthy();
    fireEvent.input(field, { target: { value: 'later' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(send).toHaveBeenCalledWith('later');
  });

  it('gives the text back when the worker cannot take it', async () => {
    const { send, field } = renderComposer();
    send.mockRejectedValueOnce(new Error('background restarting'));
    fireEvent.input(field, { target: { value: 'keep me' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await flush();
    expect(field.value).toBe('keep me');
    expect(screen.getByRole('alert').textContent).toContain('background restarting');
  });
});

describe('composer: drafts and files', () => {
  it('keeps the unsent text across a popup reopen, per desk, until it is sent', async () => {
    localStorage.clear();
    const props = {
      limit: signal<number | null>(null),
      connection: signal<ConnectionView>({ state: 'connected' }),
      typing: vi.fn(),
      send: vi.fn(async () => 'id'),
    };
    const first = render(<Composer {...props} draftKey="https://a.example" />);
    fireEvent.input(screen.getByLabelText('Message'), { target: { value: 'half a thought' } });
    first.unmount();

    const second = render(<Composer {...props} draftKey="https://a.example" />);
    const field = screen.getByLabelText('Message') as HTMLTextAreaElement;
    await waitFor(() => expect(field.value).toBe('half a thought'));
    fireEvent.keyDown(field, { key: 'Enter' });
    await flush();
    second.unmount();

    render(<Composer {...props} draftKey="https://a.example" />);
    await afterFirstFrame();
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('');
    cleanup();
    render(<Composer {...props} draftKey="https://b.example" />);
    await afterFirstFrame();
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('');
  });

  it('reads the saved draft only after the first frame, and text typed before then wins', async () => {
    localStorage.clear();
    localStorage.setItem('lqs-draft:https://a.example', 'saved text');
    const read = vi.spyOn(localStorage, 'getItem');
    const props = {
      limit: signal<number | null>(null),
      connection: signal<ConnectionView>({ state: 'connected' }),
      typing: vi.fn(),
      send: vi.fn(async () => 'id'),
    };
    render(<Composer {...props} draftKey="https://a.example" />);
    const field = screen.getByLabelText('Message') as HTMLTextAreaElement;
    expect(read).not.toHaveBeenCalled();
    await waitFor(() => expect(field.value).toBe('saved text'));
    cleanup();

    render(<Composer {...props} draftKey="https://a.example" />);
    const typed = screen.getByLabelText('Message') as HTMLTextAreaElement;
    fireEvent.input(typed, { target: { value: 'new' } });
    await afterFirstFrame();
    expect(typed.value).toBe('new');
    read.mockRestore();
  });

  it('previews a chosen file, refuses one that is too large, and uploads with the typed description', async () => {
    const upload = vi.fn(async () => undefined);
    const file = signal<File | null>(null);
    renderComposer({ upload, file });
    expect(screen.getByRole('button', { name: 'Attach a file' })).toBeTruthy();
    const huge = new File(['x'], 'video.mp4', { type: 'video/mp4' });
    Object.defineProperty(huge, 'size', { value: 25 * 1024 * 1024 });
    act(() => {
      file.value = huge;
    });
    // The card's code loads on the first file chosen.
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('video.mp4 is too large (25 MB). Files can be at most 20 MB.'),
    );
    expect((screen.getByRole('button', { name: 'Send message' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Remove video.mp4' }));
    const note = new File(['hello'], 'note.txt', { type: 'text/plain' });
    act(() => {
      file.value = note;
    });
    expect(screen.getByText('note.txt')).toBeTruthy();
    expect(screen.getByText('5 B')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Message'), { target: { value: 'my notes' } });
    fireEvent.keyDown(screen.getByLabelText('Message'), { key: 'Enter' });
    await flush();
    expect(upload).toHaveBeenCalledWith(note, 'my notes');
    expect(file.value).toBeNull();
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('');
  });

  it('shows the server’s reason when an upload is refused, and keeps the file', async () => {
    const upload = vi.fn(async () => {
      throw new Error('File type not accepted');
    });
    const file = signal<File | null>(new File(['%PDF'], 'a.pdf', { type: 'application/pdf' }));
    renderComposer({ upload, file });
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('The file was not sent: File type not accepted');
    expect(file.value?.name).toBe('a.pdf');
  });
});
