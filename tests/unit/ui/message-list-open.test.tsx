// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { signal } from '../../../lib/ui/signals';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatUi } from '../../../components/chat-ui';
import { testConfig } from './config';
import { message } from './messages';
import { ChatApp } from '../../../components/ChatApp';
import { createChatModel } from '../../../lib/ui/chat-model';
import { flush } from './fake-worker';
import { createHubDesk } from './hub-desk';
import { renderChat } from './render-chat';

// Idle callbacks run when the tests say, so a busy machine cannot. The stubs stay for the whole file (its own
// environment): Preact runs effect clean-ups after a test has ended.
const idle: Array<() => void> = [];
vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task));
vi.stubGlobal('cancelIdleCallback', () => {});
beforeEach(() => {
  idle.length = 0;
});
afterEach(cleanup);

const noon = new Date(2026, 0, 15, 12, 0).getTime();
const many = Array.from({ length: 300 }, (_, i) =>
  message(`m${i}`, i % 7 === 0 ? 'visitor' : 'agent', `text ${i}`, { at: noon + i * 1000 }),
);
const bubbles = (): number => screen.getByRole('log').querySelectorAll('.lqs-message').length;

describe('opening a long conversation', () => {
  it('renders a window of the newest messages, and earlier ones only as the visitor goes up', async () => {
    const chat = await renderChat({ config: testConfig(), messages: many });
    const log = screen.getByRole('log');
    expect(log.querySelector('[data-message-id="m299"]')).not.toBeNull();
    expect(bubbles()).toBeLessThan(100);
    // Idle time adds nothing: the window is what is rendered.
    for (const task of idle.splice(0)) task();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(bubbles()).toBeLessThan(100);
    for (let page = 0; page < 10 && bubbles() < 300; page++) {
      const before = bubbles();
      fireEvent.click(screen.getByRole('button', { name: 'Show earlier messages' }));
      await waitFor(() => expect(bubbles()).toBeGreaterThan(before));
    }
    const order = [...log.querySelectorAll('[data-message-id]')].map((n) => n.getAttribute('data-message-id'));
    expect(order).toEqual(many.map((m) => m.id));
    expect(screen.queryByRole('button', { name: 'Show earlier messages' })).toBeNull();
    chat.cleanup();
  });

  it('still focuses a notification message that the first view left out', async () => {
    const ui = createChatUi(signal<string | null>('m5'));
    const chat = await renderChat({ config: testConfig(), messages: many }, { ui });
    await waitFor(() => expect(ui.focusId.value).toBeNull());
    const target = screen.getByRole('log').querySelector<HTMLElement>('[data-message-id="m5"]')!;
    expect(target.dataset.highlight).toBe('true');
    chat.cleanup();
  });

  it('opens at the "new messages" line that lies beyond the snapshot’s first page, once the rest came', async () => {
    const layout = [
      vi.spyOn(Element.prototype, 'scrollHeight', 'get').mockReturnValue(5000),
      vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400),
      vi.spyOn(HTMLElement.prototype, 'offsetTop', 'get').mockImplementation(function (this: HTMLElement) {
        return this.classList.contains('lqs-unread') ? 900 : 0;
      }),
    ];
    const agents = many.filter((m) => m.from === 'agent');
    const served = createHubDesk(many, { config: testConfig(), unread: 50 });
    const frames: Array<() => void> = [];
    const model = createChatModel(served.client, { frame: (fn) => void frames.push(fn) });
    const view = render(<ChatApp model={model} layout="popup" actions={{ openOptions: vi.fn() }} />);
    await flush();
    const log = screen.getByRole('log');
    expect(log.querySelector('.lqs-unread')).toBeNull();
    for (const fn of frames.splice(0)) fn();
    await waitFor(() => expect(model.live.value).toBe(true));
    await flush();
    const order = [...log.querySelectorAll('[data-message-id], .lqs-unread')].map(
      (n) => n.getAttribute('data-message-id') ?? 'NEW',
    );
    expect(order[order.indexOf('NEW') + 1]).toBe(agents.at(-50)?.id);
    expect(log.scrollTop).toBe(892);
    view.unmount();
    model.dispose();
    served.client.close();
    for (const spy of layout) spy.mockRestore();
  });
});
