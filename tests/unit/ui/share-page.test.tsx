// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureActiveTab, readActivePage } from '../../../lib/ui/active-page';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { renderChat } from './render-chat';

afterEach(cleanup);

async function share(): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
  const menu = await screen.findByRole('menu');
  await waitFor(() => expect(menu.contains(document.activeElement)).toBe(true));
  fireEvent.click(within(menu).getByRole('menuitem', { name: 'Share this page' }));
  await flush();
}

describe('Share this page', () => {
  it('reads the page only on the click and sends its address and title', async () => {
    const read = vi.fn(async () => ({ kind: 'page' as const, url: 'https://shop.example.com/cart', title: 'Cart' }));
    const chat = await renderChat({ config: testConfig() }, { activePage: read });
    chat.worker.handle('chat/sharePage', () => ({ messageId: 'm1' }));
    expect(read).not.toHaveBeenCalled();
    await share();
    // The sharing code loads on the click, not with the chat.
    await waitFor(() => expect(read).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(chat.worker.requests.some((r) => r.op === 'chat/sharePage')).toBe(true));
    expect(chat.worker.requests.filter((r) => r.op === 'chat/sharePage').map((r) => r.params)).toEqual([
      { url: 'https://shop.example.com/cart', title: 'Cart' },
    ]);
    chat.cleanup();
  });

  it('without the grant, says how to give it in one click and sends nothing', async () => {
    const chat = await renderChat({ config: testConfig() }, { activePage: async () => ({ kind: 'no-access' }) });
    await share();
    const dialog = await screen.findByRole('dialog', { name: 'Share this page' });
    expect(dialog.textContent).toContain('toolbar button (or press Alt+Shift+L)');
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(chat.worker.requests.some((r) => r.op === 'chat/sharePage')).toBe(false);
    chat.cleanup();
  });

  it('refuses a page that is not a web page', async () => {
    const chat = await renderChat({ config: testConfig() }, { activePage: async () => ({ kind: 'not-web' }) });
    await share();
    expect((await screen.findByRole('dialog')).textContent).toContain('Only web pages');
    expect(chat.worker.requests.some((r) => r.op === 'chat/sharePage')).toBe(false);
    chat.cleanup();
  });

  it('is not offered where no tab can be read', async () => {
    const chat = await renderChat({ config: testConfig() });
    fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
    expect(within(await screen.findByRole('menu')).queryByRole('menuitem', { name: 'Share this page' })).toBeNull();
    chat.cleanup();
  });
});

const tab = (t: { url?: string; title?: string }) => async () => [t];

describe('readActivePage', () => {
  it('tells a readable web page from a hidden address and a browser page', async () => {
    expect(await readActivePage(tab({ url: 'https://a.example/x', title: 'X' }))).toEqual({
      kind: 'page',
      url: 'https://a.example/x',
      title: 'X',
    });
    expect(await readActivePage(tab({ title: 'hidden' }))).toEqual({ kind: 'no-access' });
    expect(await readActivePage(tab({ url: 'chrome://settings' }))).toEqual({ kind: 'not-web' });
    expect(await readActivePage(async () => [])).toEqual({ kind: 'no-access' });
  });
});

// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function pick(name: string): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
  const menu = await screen.findByRole('menu');
  await waitFor(() => expect(menu.contains(document.activeElement)).toBe(true));
  fireEvent.click(within(menu).getByRole('menuitem', { name }));
  await flush();
}

const shot = async () =>
  captureActiveTab(async () => `data:image/png;base64,${PNG}`, new Date(Date.UTC(2026, 11, 6, 23, 5, 9)));

describe('Send a screenshot', () => {
  it('shows the picture first; Cancel sends nothing, Send uploads it through the normal upload path', async () => {
    const capture = vi.fn(shot);
    const chat = await renderChat(
      { config: testConfig({ fileUpload: true }) },
      { activePage: async () => ({ kind: 'no-access' }), captureTab: capture },
    );
    chat.worker.handle('chat/uploadStart', () => ({ uploadId: 'u1' }));
    chat.worker.handle('chat/uploadChunk', () => ({ accepted: true }));
    expect(capture).not.toHaveBeenCalled();
    await pick('Send a screenshot');
    let dialog = await screen.findByRole('dialog', { name: 'Send this screenshot?' });
    expect(within(dialog).getByRole('img', { name: 'Screenshot of the page you are on' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(chat.worker.requests.some((r) => r.op.startsWith('chat/upload'))).toBe(false);

    await pick('Send a screenshot');
    dialog = await screen.findByRole('dialog', { name: 'Send this screenshot?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send screenshot' }));
    await waitFor(() => expect(chat.worker.requests.some((r) => r.op === 'chat/uploadChunk')).toBe(true));
    expect(chat.worker.requests.find((r) => r.op === 'chat/uploadStart')?.params).toEqual({
      name: 'screenshot-2026-12-06-23-05-09.png',
      type: 'image/png',
      size: atob(PNG).length,
    });
    expect(chat.worker.requests.find((r) => r.op === 'chat/uploadChunk')?.params).toEqual({
      uploadId: 'u1',
      offset: 0,
      dataBase64: PNG,
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    chat.cleanup();
  });

  it('without the grant says how to give it; not offered when the desk takes no files', async () => {
    const chat = await renderChat(
      { config: testConfig({ fileUpload: true }) },
      { captureTab: () => captureActiveTab(async () => Promise.reject(new Error('activeTab required'))) },
    );
    await pick('Send a screenshot');
    expect((await screen.findByRole('dialog', { name: 'Share this page' })).textContent).toContain('toolbar button');
    chat.cleanup();
    const none = await renderChat({ config: testConfig({ fileUpload: false }) }, { captureTab: shot });
    fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
    expect(within(await screen.findByRole('menu')).queryByRole('menuitem', { name: 'Send a screenshot' })).toBeNull();
    none.cleanup();
  });
});
