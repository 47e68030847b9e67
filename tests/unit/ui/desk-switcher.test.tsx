// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './config';
import { baseSnapshot, flush } from './fake-worker';
import { message } from './messages';
import { renderChat } from './render-chat';

afterEach(cleanup);

const A = 'https://chat.example.com';
const B = 'https://help.other.example';
const DESKS = [
  { id: A, title: 'Example Support', colour: '#112233', unread: 0 },
  { id: B, title: 'Other Help', colour: null, unread: 2 },
];

describe('desk switcher', () => {
  it('is not there with one desk', async () => {
    const chat = await renderChat({ config: testConfig(), desks: [DESKS[0]!] });
    await flush();
    expect(screen.queryByRole('button', { name: /Switch desk/ })).toBeNull();
    chat.cleanup();
  });

  it('lists each desk with its unread count, the shown one checked, and shows another on a choice', async () => {
    const chat = await renderChat({ config: testConfig(), desks: DESKS });
    // The switcher's code loads only with several desks: give it time on a busy machine.
    const button = await screen.findByRole(
      'button',
      { name: 'Switch desk (2 unread on other desks)' },
      { timeout: 5_000 },
    );
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    const menu = await screen.findByRole('menu');
    await waitFor(() => expect(menu.contains(document.activeElement)).toBe(true));
    const options = within(menu).getAllByRole('menuitemradio');
    expect(options.map((o) => [o.getAttribute('aria-label') ?? o.textContent, o.getAttribute('aria-checked')])).toEqual(
      [
        ['Example Support', 'true'],
        ['Other Help, 2 unread', 'false'],
      ],
    );
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(options[1]);

    chat.worker.handle('desk/focus', () => {
      chat.worker.setSnapshot(
        baseSnapshot({
          serverUrl: B,
          desks: DESKS,
          config: testConfig({ title: 'Other Help' }),
          messages: [message('b1', 'agent', 'Hello from the other desk')],
          unread: 2,
        }),
      );
      chat.worker.sendSnapshot();
      return null;
    });
    fireEvent.click(options[1]!);
    await flush();
    expect(chat.worker.requests.find((r) => r.op === 'desk/focus')?.params).toEqual({ desk: B });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Other Help'));
    expect(screen.getByRole('log').textContent).toContain('Hello from the other desk');
    chat.cleanup();
  });

  it('forgets the shown desk only after the visitor confirms', async () => {
    const chat = await renderChat({ config: testConfig(), desks: DESKS });
    fireEvent.click(await screen.findByRole('button', { name: /Switch desk/ }));
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Forget this desk…' }));
    // The dialog's code loads on first use: give it time on a busy machine.
    const dialog = await screen.findByRole('alertdialog', { name: 'Forget Example Support?' }, { timeout: 5_000 });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(chat.worker.requests.some((r) => r.op === 'desk/forget')).toBe(false);

    fireEvent.click(await screen.findByRole('button', { name: /Switch desk/ }));
    fireEvent.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: 'Forget this desk…' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Forget' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(chat.worker.requests.find((r) => r.op === 'desk/forget')?.params).toEqual({ desk: A });
    chat.cleanup();
  });
});
