// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { message } from './messages';
import { renderChat } from './render-chat';

afterEach(cleanup);

describe('chat shell', () => {
  it('offers the settings when no server is configured', async () => {
    const chat = await renderChat({ serverUrl: null, connection: { state: 'unconfigured' }, config: null });
    // The notice screens load on first use (components/lazy.tsx): the button comes once their chunk is in.
    fireEvent.click(await screen.findByRole('button', { name: 'Open settings' }));
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
