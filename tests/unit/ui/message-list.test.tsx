// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { signal } from '../../../lib/ui/signals';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChatUi } from '../../../components/chat-ui';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { message, minute } from './messages';
import { renderChat } from './render-chat';

afterEach(cleanup);

const noon = new Date(2026, 0, 15, 12, 0).getTime();

describe('message list', () => {
  it('writes a bubble its full date as a tooltip when a pointer first comes over it, not before', async () => {
    const chat = await renderChat({
      config: testConfig(),
      messages: [message('a1', 'agent', 'Let me check', { at: noon })],
    });
    const bubble = screen.getByRole('log').querySelector<HTMLElement>('[data-message-id="a1"] .lqs-bubble')!;
    expect(bubble.hasAttribute('title')).toBe(false);
    fireEvent.pointerEnter(bubble);
    expect(bubble.title).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(noon));
    chat.cleanup();
  });

  it('is a polite live log with sender groups, times and system lines', async () => {
    const chat = await renderChat({
      config: testConfig(),
      messages: [
        message('v1', 'visitor', 'Hello', { at: noon }),
        message('v2', 'visitor', 'My order is late', { at: noon + minute }),
        message('j', 'agent', '', { at: noon + 2 * minute, type: 'uj' }),
        message('c', 'agent', 'connected', { at: noon + 2 * minute, type: 'command' }),
        message('a1', 'agent', 'Let me check', { at: noon + 3 * minute }),
        message('x', 'agent', '', { at: noon + 9 * minute, type: 'livechat-close' }),
      ],
    });
    const log = screen.getByRole('log');
    expect(log.getAttribute('aria-live')).toBe('polite');
    const groups = log.querySelectorAll('.lqs-group');
    expect(groups).toHaveLength(2);
    expect(groups[0]!.querySelectorAll('.lqs-bubble')).toHaveLength(2);
    expect(groups[0]!.classList.contains('lqs-group--mine')).toBe(true);
    expect(within(groups[1] as HTMLElement).getByText('JD')).toBeTruthy();
    expect(within(log).getByText('Jane Doe joined the chat')).toBeTruthy();
    expect(within(log).getByText('The chat was closed')).toBeTruthy();
    expect(within(log).queryByText('connected')).toBeNull();
    expect(groups[0]!.querySelector('.lqs-group__meta')!.textContent).toMatch(/\d/);
    chat.cleanup();
  });

  it('says when a message was shortened to the inbound bounds', async () => {
    const chat = await renderChat({
      config: testConfig(),
      messages: [message('a1', 'agent', 'long story', { shortened: true }), message('a2', 'agent', 'short one')],
    });
    const notes = screen.getByRole('log').querySelectorAll('.lqs-bubble__note');
    expect([...notes].map((n) => n.textContent)).toEqual(['Message shortened: it was too long to show whole.']);
    chat.cleanup();
  });

  it('renders markup in messages as inert text and links only http(s)/mailto', async () => {
    const chat = await renderChat({
      config: testConfig(),
      messages: [
        message('1', 'agent', '<script>window.pwned = true</script> <img src=x onerror="window.pwned = true">'),
        message('2', 'agent', 'javascript:alert(1) and https://example.com/help', { at: Date.now() }),
      ],
    });
    const log = screen.getByRole('log');
    expect(log.querySelector('script')).toBeNull();
    expect(log.querySelector('img')).toBeNull();
    expect(log.textContent).toContain('<script>window.pwned = true</script>');
    expect(log.textContent).toContain('<img src=x onerror="window.pwned = true">');
    const links = log.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://example.com/help');
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect((window as { pwned?: boolean }).pwned).toBeUndefined();
    chat.cleanup();
  });

  it('shows delivery state of own messages and retries a failed one', async () => {
    const chat = await renderChat({
      config: testConfig(),
      messages: [
        message('p', 'visitor', 'queued', { delivery: 'pending' }),
        message('f', 'visitor', 'lost', { delivery: 'failed', at: Date.now() }),
      ],
    });
    expect(screen.getByText('Sending…')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await flush();
    expect(chat.worker.requests.map((r) => [r.op, r.params])).toContainEqual(['chat/retry', { messageId: 'f' }]);
    expect(screen.getByRole('banner').textContent).toContain('1 message waiting to be sent');
    chat.cleanup();
  });

  it('shows the queue position while waiting for an agent', async () => {
    const chat = await renderChat({
      config: testConfig(),
      agent: null,
      queue: { spot: 3, estimatedWaitSeconds: null, message: '' },
      messages: [message('1', 'visitor', 'hi')],
    });
    expect(screen.getByText(/You are number 3 in the queue/)).toBeTruthy();
    chat.cleanup();
  });
});

describe('message list: edits, deletes and hooks', () => {
  it('marks edited messages, drops deleted ones and exposes stable test hooks', async () => {
    const chat = await renderChat({
      config: testConfig(),
      messages: [
        message('v1', 'visitor', 'Hello', { delivery: 'sent' }),
        message('a1', 'agent', 'Typo here', { at: Date.now() }),
        message('s1', 'agent', '', { at: Date.now() + 1, type: 'uj' }),
      ],
    });
    const log = screen.getByRole('log');
    expect(log.querySelector('[data-message-id="v1"]')?.getAttribute('data-from')).toBe('visitor');
    expect(log.querySelector('[data-message-id="a1"]')?.getAttribute('data-from')).toBe('agent');
    expect(log.querySelector('[data-message-id="s1"]')?.getAttribute('data-from')).toBe('system');
    expect(log.querySelector('[data-message-id="v1"]')?.getAttribute('data-delivery')).toBe('sent');

    const edited = { ...message('a1', 'agent', 'Fixed it', { at: Date.now() }), editedAt: Date.now() };
    act(() => chat.worker.emit('message/upsert', edited));
    await waitFor(() => expect(within(log).getByText('Fixed it')).toBeTruthy());
    expect(within(log).queryByText('Typo here')).toBeNull();
    expect(log.querySelector('[data-message-id="a1"] .lqs-bubble__edited')?.textContent).toContain('(edited)');

    act(() => chat.worker.emit('message/remove', { id: 'a1' }));
    await waitFor(() => expect(log.querySelector('[data-message-id="a1"]')).toBeNull());
    expect(within(log).queryByText('Fixed it')).toBeNull();
    chat.cleanup();
  });

  it('lets the visitor edit and delete their own delivered messages, with confirmation for deletes', async () => {
    const chat = await renderChat({
      config: testConfig(),
      messages: [
        message('v1', 'visitor', 'first draft', { delivery: 'sent' }),
        message('p1', 'visitor', 'still pending', { delivery: 'pending', at: Date.now() }),
      ],
    });
    const own = screen.getByRole('log').querySelector<HTMLElement>('[data-message-id="v1"]')!;
    expect(
      within(screen.getByRole('log').querySelector<HTMLElement>('[data-message-id="p1"]')!).queryByRole('button', {
        name: 'Edit message',
      }),
    ).toBeNull();

    fireEvent.click(within(own).getByRole('button', { name: 'Edit message' }));
    await flush();
    const field = screen.getByLabelText('Message') as HTMLTextAreaElement;
    expect(field.value).toBe('first draft');
    fireEvent.input(field, { target: { value: 'final text' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await flush();
    expect(chat.worker.requests.map((r) => [r.op, r.params])).toContainEqual([
      'chat/edit',
      { messageId: 'v1', text: 'final text' },
    ]);
    expect(field.value).toBe('');

    fireEvent.click(within(own).getByRole('button', { name: 'Delete message' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete this message?' });
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' })));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete message' }));
    await flush();
    expect(chat.worker.requests.map((r) => [r.op, r.params])).toContainEqual(['chat/delete', { messageId: 'v1' }]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    chat.cleanup();
  });

  it('marks where unread messages start, from the first snapshot', async () => {
    const chat = await renderChat({
      config: testConfig(),
      unread: 2,
      messages: [
        message('a1', 'agent', 'old', { at: noon }),
        message('v1', 'visitor', 'mine', { at: noon + minute }),
        message('a2', 'agent', 'new one', { at: noon + 2 * minute }),
        message('a3', 'agent', 'new two', { at: noon + 3 * minute }),
      ],
    });
    const log = screen.getByRole('log');
    const order = [...log.querySelectorAll('[data-message-id], .lqs-unread')].map(
      (n) => n.getAttribute('data-message-id') ?? 'NEW',
    );
    expect(order).toEqual(['a1', 'v1', 'NEW', 'a2', 'a3']);
    chat.cleanup();
  });

  it('opens at the "new messages" line when more arrived than fits', async () => {
    const layout = [
      vi.spyOn(Element.prototype, 'scrollHeight', 'get').mockReturnValue(2000),
      vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400),
      vi.spyOn(HTMLElement.prototype, 'offsetTop', 'get').mockImplementation(function (this: HTMLElement) {
        return this.classList.contains('lqs-unread') ? 900 : 0;
      }),
    ];
    const chat = await renderChat({
      config: testConfig(),
      unread: 1,
      messages: [message('a1', 'agent', 'old', { at: noon }), message('a2', 'agent', 'new', { at: noon + minute })],
    });
    expect(screen.getByRole('log').scrollTop).toBe(892);
    chat.cleanup();
    for (const spy of layout) spy.mockRestore();
  });

  it('scrolls to and highlights the message of a clicked notification, then forgets it', async () => {
    const ui = createChatUi(signal<string | null>('a2'));
    const chat = await renderChat(
      {
        config: testConfig(),
        messages: [message('a1', 'agent', 'one', { at: noon }), message('a2', 'agent', 'two', { at: noon + minute })],
      },
      { ui },
    );
    const target = screen.getByRole('log').querySelector<HTMLElement>('[data-message-id="a2"]')!;
    expect(target.dataset.highlight).toBe('true');
    expect(ui.focusId.value).toBeNull();
    chat.cleanup();
  });

  // That the view stays in place needs a layout engine: tests/e2e/history.test.ts checks it in Chromium.
  it('pages older history on demand', async () => {
    const chat = await renderChat({
      config: testConfig(),
      hasOlder: true,
      messages: [message('a5', 'agent', 'recent', { at: noon })],
    });
    const log = screen.getByRole('log');
    chat.worker.handle('chat/loadOlder', () => {
      chat.worker.emit('message/upsert', message('a1', 'agent', 'older', { at: noon - 10 * minute }));
      return { loaded: 1 };
    });
    fireEvent.click(screen.getByRole('button', { name: 'Show earlier messages' }));
    await waitFor(() => expect(within(log).getByText('older')).toBeTruthy());
    expect(chat.worker.requests.filter((r) => r.op === 'chat/loadOlder')).toHaveLength(1);
    chat.cleanup();
  });
});

describe('video calls', () => {
  it("shows a Join call link opening the call's https link in a new tab, and an ended call as ended", async () => {
    const chat = await renderChat({
      config: testConfig(),
      messages: [
        message('c1', 'agent', '', { type: 'videoconf', call: { url: 'https://meet.jit.si/C1', ended: false } }),
        message('c2', 'agent', 'Join my room', {
          at: noon + minute,
          type: 'livechat_webrtc_video_call',
          call: { url: 'https://desk.example.com/meet/R1?token=t', ended: true },
        }),
        message('c3', 'agent', '', {
          at: noon + 2 * minute,
          type: 'jitsi_call_started',
          call: { url: null, ended: false },
        }),
        message('c4', 'agent', '', { at: noon + 3 * minute, type: 'videoconf' }),
      ],
    });
    const log = screen.getByRole('log');
    const join = within(log).getAllByRole('link', { name: 'Join call' });
    expect(join).toHaveLength(1);
    expect(join[0]!.getAttribute('href')).toBe('https://meet.jit.si/C1');
    expect(join[0]!.getAttribute('target')).toBe('_blank');
    expect(join[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(within(log).getByText('Jane Doe started a video call')).toBeTruthy();
    expect(within(log).getByText('The video call has ended')).toBeTruthy();
    expect(within(log).getAllByText('A video call was started (open the chat on the web to join)')).toHaveLength(2);
    expect(within(log).queryByText('Join my room')).toBeNull();
    chat.cleanup();
  });
});
