// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../../lib/livechat/types';
import { buildTimeline, type TimelineItem } from '../../../lib/ui/timeline';
import { message, minute } from './messages';

const visited = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../lib/system-message', async (original) => {
  const actual = await original<typeof import('../../../lib/system-message')>();
  return {
    ...actual,
    isSystemMessage: (m: ChatMessage) => {
      visited.count += 1;
      return actual.isSystemMessage(m);
    },
  };
});

const noon = new Date(2026, 0, 15, 12, 0).getTime();
const options = { now: noon + 2 * 24 * 60 * minute, agentHidden: false, unreadFrom: 'a3' };

/** Every kind of step a log takes: runs, a pause, a system line, the unread line, midnight, another visitor id. */
function conversation(): ChatMessage[] {
  const out: ChatMessage[] = [];
  let at = noon;
  const add = (m: ChatMessage) => void out.push(m);
  for (let i = 0; i < 6; i++) add(message(`a${i}`, 'agent', `a${i}`, { at: (at += minute) }));
  add(message('v1', 'visitor', 'hi', { at: (at += minute) }));
  add(message('j', 'agent', '', { at: (at += minute), type: 'uj' }));
  add(message('a6', 'agent', 'after the line', { at: (at += minute) }));
  add(message('a7', 'agent', 'after a pause', { at: (at += 10 * minute) }));
  add(message('a8', 'agent', 'next day', { at: (at += 12 * 60 * minute) }));
  add(message('v2', 'visitor', 'other me', { at: (at += minute), author: { id: 'v2', username: 'v2', name: '' } }));
  add(
    message('c', 'system', '', {
      at: (at += minute),
      type: 'livechat-close',
      author: { id: 'v2', username: 'v2', name: '' },
    }),
  );
  add(message('a9', 'agent', 'last', { at: (at += minute) }));
  return out;
}

describe('timeline grown by newer messages', () => {
  it('is what a build of the whole list gives, and leaves the last build as it was', () => {
    const all = conversation();
    for (let cut = 1; cut < all.length; cut++) {
      const before = buildTimeline(all.slice(0, cut), options);
      const frozen = structuredClone(before);
      let grown: TimelineItem[] = before;
      for (let end = cut + 1; end <= all.length; end++) {
        grown = buildTimeline(all.slice(0, end), { ...options, now: options.now + end }, grown);
        expect(grown, `${cut} → ${end}`).toEqual(buildTimeline(all.slice(0, end), options));
      }
      expect(before).toEqual(frozen);
    }
  });

  it('walks only the new messages, and keeps every item before the one that changed', () => {
    const run = Array.from({ length: 400 }, (_, i) => message(`a${i}`, 'agent', `m${i}`, { at: noon + i * 1000 }));
    const before = buildTimeline(run, options);
    visited.count = 0;
    const after = buildTimeline([...run, message('a400', 'agent', 'new', { at: noon + 400_000 })], options, before);
    expect(visited.count).toBeLessThanOrEqual(2);
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
    after.slice(0, -1).forEach((item, index) => expect(item).toBe(before[index]));
    const group = after.at(-1);
    expect(group !== before.at(-1) && group?.kind === 'group' && group.messages.length).toBe(398);
  });
});
