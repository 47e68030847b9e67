// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { act, cleanup, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { renderChat } from './render-chat';
import { countRenders } from './render-counts';

afterEach(cleanup);

const DESK = { id: 'https://chat.example.com', title: 'Example Support', colour: '#112233', unread: 0 };

describe('the chat header', () => {
  it('does not render again when only the unread count in the desk list changes', async () => {
    const chat = await renderChat({ config: testConfig(), desks: [DESK] });
    await flush();
    const renders = await countRenders(['ChatHeader'], async () => {
      for (const unread of [1, 0, 2]) {
        act(() => chat.worker.emit('patch', { desks: [{ ...DESK, unread }] }));
        await flush();
      }
    });
    expect(renders.ChatHeader ?? 0).toBe(0);
    chat.cleanup();
  });

  it('still offers the desk switcher once a second desk is added', async () => {
    const chat = await renderChat({ config: testConfig(), desks: [DESK] });
    await flush();
    act(() =>
      chat.worker.emit('patch', {
        desks: [DESK, { id: 'https://help.other.example', title: 'Other Help', colour: null, unread: 1 }],
      }),
    );
    await flush();
    expect(await screen.findByRole('button', { name: /Switch desk/ }, { timeout: 5_000 })).toBeTruthy();
    chat.cleanup();
  });
});
