// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertMessage } from '../../../lib/ui/message-deltas';
import {
  buildTimeline,
  countSince,
  firstTs,
  latestItems,
  type TimelineItem,
  systemTextLoaded,
} from '../../../lib/ui/timeline';
import { message, minute } from './messages';

const noon = new Date(2026, 0, 15, 12, 0).getTime();
const options = { now: noon + 10 * minute, agentHidden: false };

function ids(items: readonly TimelineItem[]): string[] {
  return items.map((i) => (i.kind === 'group' ? `${i.from}:${i.messages.map((m) => m.id)}` : i.kind));
}

// The page's wording of system lines loads beside the first screen (timeline-first-lines.test.ts: before it is in).
beforeAll(async () => void (await systemTextLoaded));

describe('timeline identity', () => {
  it('keeps unchanged items as the same objects and gives a changed group a new one', () => {
    const messages = [
      message('v1', 'visitor', 'hi', { at: noon }),
      message('j', 'agent', '', { at: noon + minute, type: 'uj' }),
      message('a1', 'agent', 'hello', { at: noon + 2 * minute }),
    ];
    const first = buildTimeline(messages, options);
    const next = upsertMessage(messages, message('a2', 'agent', 'how can I help', { at: noon + 3 * minute }));
    const second = buildTimeline(next, options, first);
    expect(ids(second)).toEqual(['day', 'visitor:v1', 'system', 'agent:a1,a2']);
    expect(second.slice(0, 3)).toEqual(first.slice(0, 3));
    second.slice(0, 3).forEach((item, index) => expect(item).toBe(first[index]));
    expect(second[3]).not.toBe(first[3]);
    // An edit replaces one message object: only its group changes.
    const edited = upsertMessage(next, { ...next[0]!, text: 'hi there' });
    const third = buildTimeline(edited, options, second);
    expect(third[1]).not.toBe(second[1]);
    expect(third[3]).toBe(second[3]);
  });

  it('starts a new day line at midnight without computing the day of every message', () => {
    const late = new Date(2026, 0, 15, 23, 59).getTime();
    const items = buildTimeline(
      [message('a1', 'agent', 'late', { at: late }), message('a2', 'agent', 'early', { at: late + 2 * minute })],
      options,
    );
    expect(ids(items)).toEqual(['day', 'agent:a1', 'day', 'agent:a2']);
  });
});

describe('latestItems', () => {
  const run = Array.from({ length: 10 }, (_, i) => message(`a${i}`, 'agent', `m${i}`, { at: noon + i * 1000 }));

  it('returns everything, as the same array, when it fits', () => {
    const items = buildTimeline(run, options);
    expect(latestItems(items, 10)).toBe(items);
  });

  it('cuts the oldest group to the newest messages, keeping its key and the day line above it', () => {
    const items = buildTimeline(run, options);
    const tail = latestItems(items, 3);
    expect(ids(tail)).toEqual(['day', 'agent:a7,a8,a9']);
    expect(tail[1]!.key).toBe(items[1]!.key);
  });

  it('reaches back to the "new messages" line', () => {
    const items = buildTimeline(run, { ...options, unreadFrom: 'a2' });
    expect(ids(latestItems(items, 3))).toEqual(['day', 'unread', 'agent:a2,a3,a4,a5,a6,a7,a8,a9']);
  });
});

describe('a window that keeps its first message', () => {
  const run = [
    message('v1', 'visitor', 'hi', { at: noon }),
    message('j', 'agent', '', { at: noon + 1000, type: 'uj' }),
    ...Array.from({ length: 6 }, (_, i) => message(`a${i}`, 'agent', `m${i}`, { at: noon + (i + 2) * 1000 })),
  ];

  it('finds the first message of a window, bubble or system line', () => {
    const items = buildTimeline(run, options);
    expect(firstTs(items)).toBe(noon);
    expect(firstTs(latestItems(items, 3))).toBe(noon + 5_000);
    expect(firstTs(items.filter((item) => item.kind !== 'group'))).toBe(noon + 1000);
    expect(firstTs([])).toBeNull();
  });

  it('counts the messages from a date on, so the same window comes back however many arrive below', () => {
    const items = buildTimeline(run, options);
    const window = latestItems(items, 4);
    const start = firstTs(window)!;
    expect(countSince(items, start)).toBe(4);
    const more = buildTimeline([...run, message('a9', 'agent', 'new', { at: noon + 60_000 })], options);
    expect(firstTs(latestItems(more, countSince(more, start)))).toBe(start);
    expect(countSince(items, noon + 1000)).toBe(7);
  });
});
