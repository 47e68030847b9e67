import { describe, expect, it } from 'vitest';
import { agentJoined } from '../../../lib/background/session';
import type { ChatMessage } from '../../../lib/livechat/types';

const msg = (id: string, type: string | null, from: ChatMessage['from'], rid = 'R'): ChatMessage => ({
  id,
  rid,
  text: '',
  ts: 0,
  updatedAt: 0,
  editedAt: null,
  author: { id: 'a', username: 'a', name: 'a' },
  from,
  type,
  attachments: [],
});

describe('agentJoined (agent info is asked only once an agent serves the room)', () => {
  it('is false for a room nobody joined yet, or that an agent left or was transferred away from', () => {
    expect(agentJoined([], 'R')).toBe(false);
    expect(agentJoined([msg('1', null, 'visitor'), msg('2', 'livechat-started', 'system')], 'R')).toBe(false);
    expect(agentJoined([msg('1', 'uj', 'system'), msg('2', 'ul', 'system')], 'R')).toBe(false);
    expect(agentJoined([msg('1', 'uj', 'system', 'OTHER')], 'R')).toBe(false);
  });

  it('is true after a join or an agent message, the latest deciding', () => {
    expect(agentJoined([msg('1', null, 'visitor'), msg('2', 'uj', 'system')], 'R')).toBe(true);
    expect(agentJoined([msg('1', null, 'agent')], 'R')).toBe(true);
    expect(agentJoined([msg('1', 'ul', 'system'), msg('2', 'uj', 'system'), msg('3', null, 'visitor')], 'R')).toBe(
      true,
    );
  });
});
