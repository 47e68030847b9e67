// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { act, cleanup, screen } from '@testing-library/preact';
import { options, type VNode } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './config';
import { flush } from './fake-worker';
import { message } from './messages';
import { renderChat } from './render-chat';
import { countRenders } from './render-counts';

afterEach(cleanup);

const noon = new Date(2026, 0, 15, 12, 0).getTime();
/** One long run by the agent, all unread: the log keeps every one of them on screen, from the "new messages" line. */
const run = Array.from({ length: 400 }, (_, i) => message(`m${i}`, 'agent', `text ${i}`, { at: noon + i * 1000 }));

/** Counts the bubbles Preact visits (renders, or compares and skips) while `during` runs. */
async function bubblesVisited(during: () => Promise<void>): Promise<number> {
  let visited = 0;
  const previous = options.diffed;
  options.diffed = (vnode: VNode) => {
    const type = vnode.type as { displayName?: string };
    // The build may suffix a function's name (`Bubble2`) when another of the same name is in scope.
    if (/^Memo\(Bubble\d*\)$/.test(type?.displayName ?? '')) visited += 1;
    previous?.(vnode);
  };
  try {
    await during();
  } finally {
    options.diffed = previous;
  }
  return visited;
}

describe('a long group of bubbles', () => {
  it('a new message renders its group, its part and its own bubble, nothing else', async () => {
    const other = message('v0', 'visitor', 'hello', { at: noon - 60_000 });
    const chat = await renderChat({ config: testConfig(), messages: [other, ...run], unread: run.length });
    for (let i = 400; i < 403; i++) {
      const counts = await countRenders(['MessageGroup', 'Part', 'Bubble'], async () => {
        act(() => chat.worker.emit('message/upsert', message(`m${i}`, 'agent', `text ${i}`, { at: noon + i * 1000 })));
        await flush();
      });
      // Not the bubble it follows: which bubble is the group's last is the structure's (CSS), not a prop. A new part
      // leaves the one before it alone too.
      expect(counts).toEqual({ MessageGroup: 1, Part: 1, Bubble: 1 });
    }
    chat.cleanup();
  });

  it('a new message visits the bubbles of its part, not the hundreds of the group', async () => {
    const chat = await renderChat({ config: testConfig(), messages: run, unread: run.length });
    const log = screen.getByRole('log');
    expect(log.querySelectorAll('.lqs-message')).toHaveLength(400);
    const visited = await bubblesVisited(async () => {
      act(() => chat.worker.emit('message/upsert', message('m400', 'agent', 'text 400', { at: noon + 400_000 })));
      await flush();
    });
    expect(log.querySelectorAll('.lqs-message')).toHaveLength(401);
    expect(visited).toBeGreaterThan(0);
    expect(visited).toBeLessThanOrEqual(64);
    chat.cleanup();
  });

  it('keeps the group looking the same: bubbles in order, its first bubble marked, its last the last of the last part', async () => {
    const chat = await renderChat({ config: testConfig(), messages: run, unread: run.length });
    act(() => chat.worker.emit('message/upsert', message('m400', 'agent', 'text 400', { at: noon + 400_000 })));
    await flush();
    const log = screen.getByRole('log');
    const order = [...log.querySelectorAll<HTMLElement>('[data-message-id]')].map((n) => n.dataset.messageId);
    expect(order).toEqual([...run.map((m) => m.id), 'm400']);
    expect([...log.querySelectorAll<HTMLElement>('[data-first]')].map((n) => n.dataset.messageId)).toEqual(['m0']);
    // What messages.css rounds as the group's end, and what it squares as any other bubble's.
    const last = log.querySelectorAll<HTMLElement>('.lqs-group__part:last-child > .lqs-message:last-child');
    expect([...last].map((n) => n.dataset.messageId)).toEqual(['m400']);
    const others = log.querySelectorAll<HTMLElement>(
      ':is(.lqs-group__part:not(:last-child), .lqs-message:not(:last-child)) .lqs-bubble',
    );
    expect(others).toHaveLength(400);
    chat.cleanup();
  });
});
