// @vitest-environment happy-dom
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { signal } from '../../../lib/ui/signals';
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '../../../lib/livechat/types';
import { autoSeen } from '../../../lib/ui/auto-seen';
import { message } from './messages';

function fakeModel() {
  return {
    ready: signal(true),
    messages: signal<ChatMessage[]>([]),
    unread: signal(0),
    seen: vi.fn(),
  };
}

function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('autoSeen', () => {
  it('marks new desk messages seen while the page is visible, and on becoming visible', () => {
    setVisibility('visible');
    const model = fakeModel();
    const stop = autoSeen(model, document);
    expect(model.seen).not.toHaveBeenCalled();

    model.messages.value = [message('a1', 'agent', 'hello')];
    expect(model.seen).toHaveBeenCalledTimes(1);
    model.messages.value = [...model.messages.value, message('v1', 'visitor', 'mine')];
    expect(model.seen).toHaveBeenCalledTimes(1);

    setVisibility('hidden');
    model.messages.value = [...model.messages.value, message('a2', 'agent', 'later')];
    model.unread.value = 1;
    expect(model.seen).toHaveBeenCalledTimes(1);
    setVisibility('visible');
    expect(model.seen).toHaveBeenCalledTimes(2);

    stop();
    model.unread.value = 2;
    expect(model.seen).toHaveBeenCalledTimes(2);
  });
});
