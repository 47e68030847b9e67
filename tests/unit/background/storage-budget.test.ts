import { describe, expect, it } from 'vitest';
import { newDesk } from '../../../lib/background/desk';
import {
  essentialDesk,
  leanDesk,
  MESSAGE_STORAGE_BUDGET,
  STORED_MESSAGE_MAX,
  trimCache,
} from '../../../lib/background/storage-budget';
import { chatMessage } from '../fakes/chat-message';

const QUOTA = 10 * 1024 * 1024;
const huge = (id: string, ts: number, chars: number) =>
  chatMessage(id, ts, {
    text: 'x'.repeat(chars),
    md: [{ type: 'PARAGRAPH', value: [{ type: 'PLAIN_TEXT', value: 'y'.repeat(chars) }] }],
  });

describe('storage budget', () => {
  it('never stores an oversize message whole, and keeps the stored conversation within its budget', () => {
    const messages = [
      chatMessage('typed', 0, { from: 'visitor', delivery: 'pending', text: 'mine' }),
      // Restored from an older version's storage or built before the inbound bounds: 11 MB in one message.
      huge('giant', 1, 11 * 1024 * 1024),
      ...Array.from({ length: 499 }, (_, i) => huge(`m${i}`, 2 + i, 100_000)),
    ];
    const stored = trimCache(messages);
    const size = JSON.stringify(stored).length;
    expect(size).toBeLessThanOrEqual(MESSAGE_STORAGE_BUDGET + 1000);
    expect(stored[0]?.id).toBe('typed');
    expect(stored.at(-1)?.id).toBe('m498');
    for (const message of stored) expect(JSON.stringify(message).length).toBeLessThanOrEqual(STORED_MESSAGE_MAX);
    expect(stored.at(-1)?.shortened).toBe(true);
  });

  it('keeps token, visitor, room and undelivered messages in every fallback', () => {
    const desk = {
      ...newDesk('https://desk.example.com', 'tok'),
      room: { id: 'R', open: true, confirmed: true },
      messages: [
        huge('giant', 1, 11 * 1024 * 1024),
        chatMessage('typed', 2, { from: 'visitor', delivery: 'pending', text: 'mine' }),
        chatMessage('refused', 3, { from: 'visitor', delivery: 'failed', text: 'also mine' }),
      ],
    };
    for (const cut of [leanDesk, essentialDesk]) {
      const saved = cut(desk);
      expect(JSON.stringify(saved).length).toBeLessThan(QUOTA);
      expect(saved).toMatchObject({ token: 'tok', room: { id: 'R' } });
      expect(saved.messages.filter((m) => m.delivery).map((m) => m.id)).toEqual(['typed', 'refused']);
    }
    expect(essentialDesk(desk).messages).toHaveLength(2);
  });
});
