// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../../../components/Composer';
import { ConnectionLine } from '../../../components/ConnectionLine';
import { signal } from '@preact/signals';
import type { ConnectionView } from '../../../lib/messaging';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { message, minute } from './messages';
import { renderChat } from './render-chat';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const unregistered = { visitor: { name: 'Ada', email: '', registered: false }, room: null, agent: null };

describe('registration form', () => {
  it('asks only for what the desk configures', async () => {
    const chat = await renderChat({
      ...unregistered,
      config: testConfig({
        emailField: false,
        messages: { ...testConfig().messages, registrationFormMessage: 'Who are you?' },
      }),
    });
    expect(screen.getByText('Who are you?')).toBeTruthy();
    expect(screen.getByLabelText('Name')).toBeTruthy();
    expect(screen.queryByLabelText('E-mail')).toBeNull();
    expect(screen.queryByLabelText('I need help with')).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    chat.cleanup();
  });

  it('offers only registration departments and requires consent when forced', async () => {
    const config = testConfig({
      nameField: false,
      forceDataProcessingConsent: true,
      departments: [
        { id: 'd1', name: 'Billing', showOnRegistration: true, showOnOfflineForm: false },
        { id: 'd2', name: 'Internal', showOnRegistration: false, showOnOfflineForm: true },
      ],
      messages: { ...testConfig().messages, dataProcessingConsentText: 'I accept the terms' },
    });
    const chat = await renderChat({ ...unregistered, config });
    expect(screen.queryByLabelText('Name')).toBeNull();
    const select = screen.getByLabelText('I need help with') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(['Choose a department (optional)', 'Billing']);

    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'not-an-address' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await flush();
    expect(screen.getByText('This does not look like an e-mail address.')).toBeTruthy();
    expect(screen.getByText('Please accept to continue.')).toBeTruthy();
    expect(chat.worker.requests).toHaveLength(0);

    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'ada@example.com' } });
    fireEvent.change(select, { target: { value: 'd1' } });
    fireEvent.click(screen.getByLabelText('I accept the terms'));
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await flush();
    expect(chat.worker.requests.map((r) => [r.op, r.params])).toEqual([
      ['chat/register', { name: 'Ada', email: 'ada@example.com', department: 'd1' }],
    ]);
    chat.cleanup();
  });
});

describe('message list', () => {
  const noon = new Date(2026, 0, 15, 12, 0).getTime();

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

function renderComposer(limit: number | null = null) {
  const send = vi.fn(async () => 'id');
  const typing = vi.fn();
  const connection = signal<ConnectionView>({ state: 'connected' });
  render(<Composer limit={signal(limit)} connection={connection} send={send} typing={typing} />);
  return { send, typing, connection, field: screen.getByLabelText('Message') as HTMLTextAreaElement };
}

function renderLine(view: ConnectionView, pending = 0) {
  const connection = signal(view);
  const onRetry = vi.fn();
  const { container } = render(
    <ConnectionLine connection={connection} pendingCount={signal(pending)} onRetry={onRetry} />,
  );
  const visible = (): string => container.querySelector('[aria-hidden="true"]:not(.lqs-connection__dot)')!.textContent!;
  return { connection, onRetry, container, visible };
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
    const { send, field } = renderComposer(50);
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

describe('chat shell', () => {
  it('offers the settings when no server is configured', async () => {
    const chat = await renderChat({ serverUrl: null, connection: { state: 'unconfigured' }, config: null });
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    expect(chat.actions.openOptions).toHaveBeenCalled();
    chat.cleanup();
  });

  it('titles the header from the desk and names the serving agent unless hidden', async () => {
    const agent = { id: 'a', name: 'Jane Doe', username: 'jane', status: 'away' as const, hidden: false };
    const chat = await renderChat({ config: testConfig(), agent });
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('heading').textContent).toBe('Acme Support');
    expect(header.textContent).toContain('Jane Doe');
    expect(header.textContent).toContain('Away');
    act(() => chat.worker.emit('patch', { agent: { ...agent, hidden: true } }));
    await flush();
    expect(header.textContent).not.toContain('Jane Doe');
    chat.cleanup();
  });

  it('shows who is typing', async () => {
    const chat = await renderChat({ config: testConfig(), agentTyping: 'Jane Doe' });
    expect(screen.getByText('Jane Doe is typing…')).toBeTruthy();
    chat.cleanup();
  });

  it('offers the side panel only where the host can open one', async () => {
    const popup = await renderChat({ config: testConfig() });
    fireEvent.click(screen.getByRole('button', { name: 'Open in side panel' }));
    expect(popup.actions.openSidePanel).toHaveBeenCalled();
    popup.cleanup();
    const panel = await renderChat({ config: testConfig() }, { layout: 'sidepanel', sidePanel: false });
    expect(screen.queryByRole('button', { name: 'Open in side panel' })).toBeNull();
    expect(document.querySelector('.lqs-app--sidepanel')).toBeTruthy();
    panel.cleanup();
  });

  it('renders messages pushed after the snapshot', async () => {
    const chat = await renderChat({ config: testConfig() });
    act(() => chat.worker.emit('message/upsert', message('n', 'agent', 'Fresh reply')));
    await waitFor(() => expect(screen.getByText('Fresh reply')).toBeTruthy());
    chat.cleanup();
  });
});

describe('typing line', () => {
  it('names the agent by display name even when the server sends the username', async () => {
    const agent = { id: 'a', name: 'Jane Doe', username: 'jane', status: 'online' as const, hidden: false };
    const chat = await renderChat({ config: testConfig(), agent, agentTyping: 'jane' });
    expect(screen.getByText('Jane Doe is typing…')).toBeTruthy();
    act(() => chat.worker.emit('patch', { agent: { ...agent, hidden: true } }));
    await flush();
    expect(screen.getByText('The agent is typing…')).toBeTruthy();
    chat.cleanup();
  });
});
