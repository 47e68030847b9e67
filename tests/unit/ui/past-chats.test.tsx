// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PastConversation } from '../../../lib/messaging';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { message } from './messages';
import { renderChat } from './render-chat';

afterEach(cleanup);

const at = new Date(2026, 0, 10, 9, 30).getTime();
const past = (id: string, extra: Partial<PastConversation> = {}): PastConversation => ({
  id,
  agent: 'Jane Doe',
  openedAt: at,
  closedAt: at + 60_000,
  firstLine: `first words of ${id}`,
  lastLine: `last words of ${id}`,
  open: false,
  current: false,
  ...extra,
});

async function openList(room: { id: string; open: boolean } | null = null) {
  const chat = await renderChat({
    config: testConfig(),
    room: room && { ...room, surveySent: false, transcriptSent: false },
  });
  chat.worker.handle('history/list', () => ({
    conversations: [past('P2', { agent: null }), past('P1')],
    trimmed: true,
  }));
  chat.worker.handle('history/open', ({ roomId }) => ({
    conversation: past(roomId),
    messages: [
      message('m2', 'agent', 'Your parcel left today', { rid: roomId, at: at + 1_000 }),
      message('m3', 'visitor', 'Thanks!', { rid: roomId, at: at + 2_000 }),
      message('c1', 'agent', '', {
        rid: roomId,
        at: at + 3_000,
        type: 'videoconf',
        call: { url: 'https://meet.jit.si/C1', ended: false },
      }),
    ],
    hasOlder: true,
  }));
  chat.worker.handle('history/loadOlder', ({ roomId }) => ({
    messages: [message('m1', 'visitor', 'Where is my parcel?', { rid: roomId, at })],
    hasOlder: false,
    unavailable: false,
  }));
  fireEvent.click(screen.getByRole('button', { name: 'Chat options' }));
  fireEvent.click(await screen.findByRole('menuitem', { name: 'Past conversations' }));
  await screen.findByRole('heading', { name: 'Past conversations' });
  await flush();
  return chat;
}

describe('past conversations', () => {
  it('lists the desk conversations from the menu, newest first, and says older ones were removed', async () => {
    const chat = await openList({ id: 'R1', open: true });
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.lqs-past__agent')?.textContent)).toEqual([
      'Conversation',
      'Jane Doe',
    ]);
    expect(within(items[1]!).getByText('first words of P1')).toBeTruthy();
    expect(within(items[1]!).getByText('last words of P1')).toBeTruthy();
    expect(within(items[1]!).getByText('Closed')).toBeTruthy();
    expect(screen.getByText('Older conversations were removed to save space.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back to the chat' }));
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeTruthy();
    chat.cleanup();
  });

  it('opens one read-only, pages older messages from the worker, and forgets it after a confirmation', async () => {
    const chat = await openList({ id: 'R1', open: true });
    fireEvent.click(screen.getAllByRole('button', { name: /Jane Doe/ })[0]!);
    expect(await screen.findByText('Your parcel left today')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit/ })).toBeNull();
    // A call in a closed conversation is over: nothing to join.
    expect(screen.queryByRole('link', { name: 'Join call' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show earlier messages' }));
    expect(await screen.findByText('Where is my parcel?')).toBeTruthy();
    expect(chat.worker.requests.map((r) => [r.op, r.params])).toContainEqual(['history/loadOlder', { roomId: 'P1' }]);
    expect(screen.queryByRole('button', { name: 'Show earlier messages' })).toBeNull();

    // The conversation as shown, older page included, downloads as a file made here.
    const made: Blob[] = [];
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      made.push(blob as Blob);
      return 'blob:past';
    });
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Download conversation (text)' }));
    await waitFor(() => expect(made).toHaveLength(1));
    const text = await made[0]!.text();
    expect(text.indexOf('Where is my parcel?')).toBeGreaterThan(-1);
    expect(text.indexOf('Where is my parcel?')).toBeLessThan(text.indexOf('Your parcel left today'));
    createObjectURL.mockRestore();

    fireEvent.click(screen.getByRole('button', { name: 'Forget this conversation' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Forget this conversation?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Forget' }));
    await flush();
    expect(chat.worker.requests.map((r) => [r.op, r.params])).toContainEqual(['history/forget', { roomId: 'P1' }]);
    await screen.findByRole('heading', { name: 'Past conversations' });
    chat.cleanup();
  });

  it('starts a new chat from a past one, leaving a closed current room behind', async () => {
    const chat = await openList({ id: 'R1', open: false });
    fireEvent.click(screen.getAllByRole('button', { name: /Jane Doe/ })[0]!);
    await screen.findByText('Your parcel left today');
    fireEvent.click(screen.getByRole('button', { name: 'Start a new chat' }));
    await waitFor(() => expect(chat.worker.requests.map((r) => r.op)).toContain('chat/new'));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Past conversations' })).toBeNull());
    chat.cleanup();
  });
});
