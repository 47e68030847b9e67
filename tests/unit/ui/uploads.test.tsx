// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { UploadView } from '../../../lib/messaging';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { message } from './messages';
import { renderChat } from './render-chat';

afterEach(cleanup);

const upload = (extra: Partial<UploadView> = {}): UploadView => ({
  id: 'u1',
  name: 'report.pdf',
  size: 1000,
  phase: 'receiving',
  received: 250,
  error: null,
  ...extra,
});

async function attach(file: File): Promise<void> {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  await flush();
  fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
  await flush();
}

describe('uploads in the chat', () => {
  it('shows the worker’s uploads: determinate while handed over, indeterminate while sent, cancel asks the worker', async () => {
    const chat = await renderChat({ config: testConfig({ fileUpload: true }), uploads: [upload()] });
    // The list's code loads with the first upload.
    const list = await screen.findByRole('list', { name: 'Files being sent' });
    const bar = within(list).getByRole('progressbar', { name: 'report.pdf' });
    expect(bar.getAttribute('value')).toBe('250');
    expect(bar.getAttribute('max')).toBe('1000');
    expect(within(list).getByRole('status').textContent).toBe('Preparing the file… 25%');

    chat.worker.emit('patch', { uploads: [upload({ phase: 'sending', received: 1000 })] });
    await flush();
    const sending = within(list).getByRole('progressbar', { name: 'report.pdf' });
    expect(sending.hasAttribute('value')).toBe(false);
    expect(within(list).getByRole('status').textContent).toMatch(/^Sending/);

    fireEvent.click(within(list).getByRole('button', { name: 'Cancel sending report.pdf' }));
    await flush();
    expect(chat.worker.requests.find((r) => r.op === 'chat/uploadCancel')?.params).toEqual({ uploadId: 'u1' });
    chat.worker.emit('patch', { uploads: [] });
    await flush();
    expect(screen.queryByRole('list', { name: 'Files being sent' })).toBeNull();
    chat.cleanup();
  });

  it('a server refusal is said in the visitor’s words until dismissed', async () => {
    const failed = upload({
      phase: 'failed',
      error: { code: 'error-type-not-allowed', message: 'File type is not accepted.' },
    });
    const chat = await renderChat({ config: testConfig({ fileUpload: true }), uploads: [failed] });
    expect(screen.getByRole('alert').textContent).toBe(
      'report.pdf is a kind of file this support desk does not accept.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss report.pdf' }));
    await flush();
    expect(chat.worker.requests.some((r) => r.op === 'chat/uploadCancel')).toBe(true);
    chat.cleanup();
  });

  it('a file the desk refuses gets a clear message and no byte is handed over', async () => {
    const chat = await renderChat({ config: testConfig({ fileUpload: true }) });
    chat.worker.handle('chat/uploadStart', () => ({ refused: { reason: 'too-large', maxBytes: 1024 } }));
    await attach(new File(['x'.repeat(2048)], 'big.txt', { type: 'text/plain' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The file was not sent: big.txt is too large (2 KB). Files can be at most 1 KB.',
      ),
    );
    expect(chat.worker.requests.some((r) => r.op === 'chat/uploadChunk')).toBe(false);

    chat.worker.handle('chat/uploadStart', () => ({ refused: { reason: 'type' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The file was not sent: big.txt is a kind of file this support desk does not accept.',
      ),
    );
    expect(chat.worker.requests.some((r) => r.op === 'chat/uploadChunk')).toBe(false);
    chat.cleanup();
  });

  it('an accepted file is handed over in order, chunk by chunk, and leaves the composer at once', async () => {
    const chat = await renderChat({ config: testConfig({ fileUpload: true }) });
    chat.worker.handle('chat/uploadStart', () => ({ uploadId: 'u9' }));
    chat.worker.handle('chat/uploadChunk', () => ({ accepted: true }));
    await attach(new File(['hello'], 'hi.txt', { type: 'text/plain' }));
    await waitFor(() => expect(chat.worker.requests.some((r) => r.op === 'chat/uploadChunk')).toBe(true));
    expect(chat.worker.requests.find((r) => r.op === 'chat/uploadStart')?.params).toEqual({
      name: 'hi.txt',
      type: 'text/plain',
      size: 5,
    });
    expect(chat.worker.requests.find((r) => r.op === 'chat/uploadChunk')?.params).toEqual({
      uploadId: 'u9',
      offset: 0,
      dataBase64: btoa('hello'),
    });
    expect(screen.queryByText('hi.txt')).toBeNull();
    chat.cleanup();
  });
});

describe('the queue greeting', () => {
  it('names the next agent in the header until a real agent is assigned', async () => {
    const greeting = {
      ...message('trigger-T', 'agent', 'Hi, I am Jane'),
      rid: '',
      trigger: true as const,
    };
    const chat = await renderChat({ config: testConfig(), room: null, agent: null, messages: [greeting] });
    expect(document.querySelector('.lqs-header__agent-name')?.textContent).toBe('Jane Doe');
    // Not serving yet: no presence for them, and no talk of reconnecting while the chat is connected.
    expect(document.querySelector('.lqs-header__agent-status')).toBeNull();
    expect(document.querySelector('.lqs-avatar__status')).toBeNull();
    chat.worker.emit('patch', {
      room: { id: 'R1', open: true, surveySent: false, transcriptSent: false },
      agent: { id: 'a2', name: 'Max Power', username: 'max', status: 'online', hidden: false },
    });
    await flush();
    expect(document.querySelector('.lqs-header__agent-name')?.textContent).toBe('Max Power');
    chat.cleanup();
  });

  it('a custom sender’s greeting (no agent id) names nobody in the header', async () => {
    const greeting = {
      ...message('trigger-T', 'agent', 'Hello'),
      rid: '',
      trigger: true as const,
      author: { id: '', username: 'Bot', name: 'Bot' },
    };
    const chat = await renderChat({ config: testConfig(), room: null, agent: null, messages: [greeting] });
    expect(document.querySelector('.lqs-header__agent-name')).toBeNull();
    chat.cleanup();
  });
});
