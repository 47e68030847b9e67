import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../lib/livechat/types';
import { lastOwn, type LastOwn } from '../../../lib/ui/last-own';
import { message } from './messages';

const agent = (i: number) => message(`a${i}`, 'agent', `text ${i}`);
const own = (i: number) => message(`v${i}`, 'visitor', `text ${i}`);
const expected = (list: readonly ChatMessage[]) => list.findLastIndex((m) => m.from === 'visitor');

describe('lastOwn', () => {
  it('a new message after a thousand of the agent looks at the new message only', () => {
    const log = [own(0), ...Array.from({ length: 1000 }, (_, i) => agent(i))];
    const first = lastOwn(log, null);
    expect(first.index).toBe(0);
    let visited = 0;
    const next = [...log, agent(1000)];
    const found = lastOwn(next, first, () => (visited += 1));
    expect(found.index).toBe(0);
    expect(visited).toBe(1);
    // A render with the same list looks at nothing.
    visited = 0;
    expect(lastOwn(next, found, () => (visited += 1)).index).toBe(0);
    expect(visited).toBe(0);
  });

  it('finds the visitor’s new message, and none in a log without any', () => {
    const log = [agent(0), agent(1)];
    const none = lastOwn(log, null);
    expect(none.index).toBe(-1);
    expect(lastOwn([...log, agent(2)], none).index).toBe(-1);
    expect(lastOwn([...log, own(3), agent(4)], none).index).toBe(2);
  });

  it('looks at the whole list again when an older message changed, went or came', () => {
    const a = own(0);
    const log = [agent(0), a, agent(1), agent(2)];
    const found = lastOwn(log, null);
    expect(found.index).toBe(1);
    const cases: ChatMessage[][] = [
      // Its own message deleted, an agent's edited before the end, a page of history with the visitor's above.
      [agent(0), agent(1), agent(2), agent(3)],
      [agent(0), { ...a }, agent(1), { ...log[3]! }],
      [own(9), agent(8), ...log],
      // Shorter: the newest messages went.
      [agent(0), a],
      [],
    ];
    for (const list of cases) expect(lastOwn(list, found).index).toBe(expected(list));
  });

  it('agrees with a scan of the whole list through a random history', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let list: ChatMessage[] = [];
    let found: LastOwn | null = null;
    for (let step = 0; step < 400; step++) {
      const roll = random();
      if (roll < 0.6) list = [...list, random() < 0.2 ? own(step) : agent(step)];
      else if (roll < 0.75 && list.length > 0) list = list.filter((_, i) => i !== Math.floor(random() * list.length));
      else if (roll < 0.9 && list.length > 0) {
        const at = Math.floor(random() * list.length);
        list = list.map((m, i) => (i === at ? { ...m } : m));
      } else list = [random() < 0.5 ? own(step) : agent(step), ...list];
      found = lastOwn(list, found);
      expect(found.index).toBe(expected(list));
    }
  });
});
