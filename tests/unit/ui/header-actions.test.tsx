// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { renderChat } from './render-chat';

afterEach(cleanup);

const departments = [
  { id: 'd1', name: 'Support', showOnRegistration: true, showOnOfflineForm: true },
  { id: 'd2', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true },
];

async function openMenuItem(name: string): Promise<void> {
  const button = screen.getByRole('button', { name: 'Chat options' });
  fireEvent.click(button);
  expect(button.getAttribute('aria-expanded')).toBe('true');
  const menu = await screen.findByRole('menu');
  await waitFor(() => expect(menu.contains(document.activeElement)).toBe(true));
  fireEvent.click(within(menu).getByRole('menuitem', { name }));
}

describe('header actions', () => {
  it('ends the chat only after the visitor confirms', async () => {
    const chat = await renderChat({ config: testConfig() });
    await openMenuItem('End chat');
    const dialog = await screen.findByRole('alertdialog', { name: 'End this chat?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(chat.worker.requests.some((r) => r.op === 'chat/close')).toBe(false);

    await openMenuItem('End chat');
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'End chat' }));
    await flush();
    expect(chat.worker.requests.map((r) => r.op)).toContain('chat/close');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    chat.cleanup();
  });

  it('keeps the dialog open with the reason when the desk refuses', async () => {
    const chat = await renderChat({ config: testConfig() });
    chat.worker.handle('chat/close', () => {
      throw new Error('Visitors cannot close chats on this desk');
    });
    await openMenuItem('End chat');
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'End chat' }));
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Visitors cannot close chats on this desk');
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    chat.cleanup();
  });

  it('switches department when the desk allows it', async () => {
    const chat = await renderChat({ config: testConfig({ allowSwitchingDepartments: true, departments }) });
    await openMenuItem('Change department');
    const dialog = await screen.findByRole('dialog', { name: 'Change department' });
    fireEvent.change(within(dialog).getByLabelText('Department'), { target: { value: 'd2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Change' }));
    await flush();
    expect(chat.worker.requests.map((r) => [r.op, r.params])).toContainEqual(['chat/department', { department: 'd2' }]);
    chat.cleanup();
  });

  it('offers neither action when the desk does not allow them or the chat is not open', async () => {
    const chat = await renderChat({
      config: testConfig({
        visitorsCanCloseChat: false,
        allowSwitchingDepartments: true,
        departments: [departments[0]!],
      }),
    });
    // Past conversations are always within reach; the room's actions are not.
    expect(await menuItems()).toEqual(['Past conversations']);
    act(() =>
      chat.worker.emit('patch', {
        config: testConfig(),
        room: { id: 'R1', open: false, surveySent: false, transcriptSent: false },
      }),
    );
    await flush();
    expect(await menuItems()).toEqual(['Past conversations']);
    chat.cleanup();
  });

  it('closes the menu with Escape and gives focus back to its button', async () => {
    const chat = await renderChat({ config: testConfig() });
    const button = screen.getByRole('button', { name: 'Chat options' });
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    const menu = await screen.findByRole('menu');
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('menuitem'));
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    chat.cleanup();
  });

  it('uses the desk offline title and colour while showing the offline form', async () => {
    const chat = await renderChat({
      room: null,
      messages: [],
      config: testConfig({
        online: false,
        displayOfflineForm: true,
        offlineTitle: 'Leave us a note',
        offlineColor: '#222222',
      }),
    });
    expect(within(screen.getByRole('banner')).getByRole('heading').textContent).toBe('Leave us a note');
    expect((document.querySelector('.lqs-app') as HTMLElement).style.getPropertyValue('--lqs-accent')).toBe('#222222');
    chat.cleanup();
  });
});

/** The names in the chat's menu, opened and closed again. */
async function menuItems(): Promise<Array<string | null>> {
  fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
  const names = (await screen.findAllByRole('menuitem')).map((item) => item.textContent);
  fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
  return names;
}
