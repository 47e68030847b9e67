// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTimeline, systemTextLoaded } from '../../../lib/ui/timeline';
import { message, minute, VISITOR } from './messages';

const noon = new Date(2026, 0, 15, 12, 0).getTime();
const options = { now: noon + 10 * minute, agentHidden: false };

// The page's wording of system lines loads beside the first screen (timeline-first-lines.test.ts: before it is in).
beforeAll(async () => void (await systemTextLoaded));

describe('buildTimeline', () => {
  it('groups runs by sender, breaking after a quiet gap or at a system line', () => {
    const items = buildTimeline(
      [
        message('v1', 'visitor', 'hi', { at: noon }),
        message('v2', 'visitor', 'anyone?', { at: noon + minute }),
        message('j', 'agent', '', { at: noon + 2 * minute, type: 'uj' }),
        message('a1', 'agent', 'hello', { at: noon + 3 * minute }),
        message('a2', 'agent', 'how can I help', { at: noon + 4 * minute }),
        message('a3', 'agent', 'still there?', { at: noon + 20 * minute }),
      ],
      options,
    );
    expect(items.map((i) => (i.kind === 'group' ? `${i.from}:${i.messages.map((m) => m.id)}` : i.kind))).toEqual([
      'day',
      'visitor:v1,v2',
      'system',
      'agent:a1,a2',
      'agent:a3',
    ]);
  });

  it('words system messages from their type and author, and hides commands and configured types', () => {
    const items = buildTimeline(
      [
        message('j', 'agent', '', { at: noon, type: 'uj' }),
        message('c', 'system', 'connected', { at: noon + 1, type: 'command' }),
        message('s', 'visitor', '', { at: noon + 2, type: 'livechat-started' }),
        message('t', 'system', 'to billing', { at: noon + 3, type: 'livechat_transfer_history' }),
        message('n', 'system', '', { at: noon + 4, type: 'livechat_navigation_history' }),
        message('h', 'agent', 'on hold', { at: noon + 5, type: 'omnichannel_placed_chat_on_hold' }),
        message('x', 'agent', 'Thanks for chatting', { at: noon + 6, type: 'livechat-close' }),
      ],
      { ...options, hiddenTypes: ['omnichannel_placed_chat_on_hold'] },
    );
    expect(items.filter((i) => i.kind === 'system').map((i) => [i.text, i.detail])).toEqual([
      ['Jane Doe joined the chat', undefined],
      ['The chat was transferred', 'to billing'],
      ['The chat was closed', 'Thanks for chatting'],
    ]);
  });

  it('keeps the agent anonymous when the desk hides agents', () => {
    const [, joined] = buildTimeline([message('j', 'agent', 'jane.doe', { type: 'uj' })], {
      ...options,
      agentHidden: true,
    });
    expect(joined).toMatchObject({ kind: 'system', text: 'An agent joined the chat' });
  });

  it('separates days', () => {
    const items = buildTimeline(
      [message('y', 'visitor', 'yesterday', { at: noon - 24 * 60 * minute }), message('t', 'visitor', 'today')],
      options,
    );
    expect(items.filter((i) => i.kind === 'day').map((i) => i.label)).toEqual(['Yesterday', 'Today']);
  });

  it('says who closed the chat', () => {
    const items = buildTimeline(
      [
        message('v', 'visitor', 'bye'),
        message('x', 'system', 'Closed by visitor', { author: VISITOR, type: 'livechat-close' }),
        message('y', 'system', '', { at: noon + 1, type: 'livechat-close' }),
      ],
      options,
    );
    expect(items.filter((i) => i.kind === 'system').map((i) => i.text)).toEqual([
      'You ended the chat',
      'The chat was closed',
    ]);
  });

  it('puts the "new messages" line before the first unread message, breaking its group', () => {
    const items = buildTimeline(
      [
        message('a1', 'agent', 'seen', { at: noon }),
        message('a2', 'agent', 'unseen', { at: noon + minute }),
        message('a3', 'agent', 'unseen too', { at: noon + 2 * minute }),
      ],
      { ...options, unreadFrom: 'a2' },
    );
    expect(items.map((i) => (i.kind === 'group' ? i.messages.map((m) => m.id).join(',') : i.kind))).toEqual([
      'day',
      'a1',
      'unread',
      'a2,a3',
    ]);
  });
});
