// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { message, minute } from './messages';
import { renderChat } from './render-chat';

afterEach(cleanup);

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
