import { describe, expect, it } from 'vitest';
import { createChatState, SAVE_DELAY_MS } from '../../../lib/background/chat-state';
import { newDesk, type DeskRecord } from '../../../lib/background/desk';
import { MESSAGE_CACHE_LIMIT } from '../../../lib/background/storage-budget';
import { chatMessage as message } from '../fakes/chat-message';
import { testConfig } from '../ui/config';

const microtasks = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const saved: DeskRecord[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const state = createChatState(
    newDesk('https://x.test', 't'),
    (desk) => saved.push(desk),
    (fn, ms) => timers.push({ fn, ms }),
  );
  const events: string[] = [];
  state.onEvent((e) => events.push(e.type === 'patch' ? `patch:${Object.keys(e.payload).join(',')}` : e.type));
  return { state, saved, timers, events };
}

describe('chat state', () => {
  it('writes a burst of incoming messages once, after a short delay', async () => {
    const { state, saved, timers } = setup();
    for (let i = 0; i < 100; i += 1) state.upsert(message(`m${i}`, i));
    await microtasks();
    expect(saved).toHaveLength(0);
    expect(timers).toHaveLength(1);
    expect(timers[0]?.ms).toBe(SAVE_DELAY_MS);
    timers[0]?.fn();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.messages).toHaveLength(100);
  });

  it("writes the visitor's own message and the room at once", async () => {
    const { state, saved } = setup();
    state.upsert(message('typed', 1, { from: 'visitor', delivery: 'pending' }));
    await microtasks();
    expect(saved).toHaveLength(1);
    state.update({ room: { id: 'R', open: true, confirmed: true } });
    await microtasks();
    expect(saved).toHaveLength(2);
  });

  it('persists only the newest messages, but never drops an undelivered one, and can page back to the rest', async () => {
    const { state, saved } = setup();
    state.upsert(message('typed', 0, { from: 'visitor', delivery: 'pending' }));
    state.upsert(message('refused', 0.5, { from: 'visitor', delivery: 'failed' }));
    for (let i = 1; i <= MESSAGE_CACHE_LIMIT + 10; i += 1) state.upsert(message(`m${i}`, i));
    state.update({ visitor: { ...state.desk.visitor, name: 'x' }, historyComplete: true });
    await microtasks();
    expect(saved.at(-1)?.historyComplete).toBe(false);
    expect(state.desk.historyComplete).toBe(true);
    const stored = saved.at(-1)?.messages ?? [];
    expect(stored).toHaveLength(MESSAGE_CACHE_LIMIT);
    expect(stored.slice(0, 2).map((m) => m.id)).toEqual(['typed', 'refused']);
    expect(stored.at(-1)?.id).toBe(`m${MESSAGE_CACHE_LIMIT + 10}`);
    expect(state.desk.messages).toHaveLength(MESSAGE_CACHE_LIMIT + 12);
  });

  it('pushes only what changed, and nothing for an identical message', () => {
    const { state, events } = setup();
    state.update({ unread: 1 });
    state.update({ unread: 1 });
    state.upsert(message('m1', 1));
    state.upsert(message('m1', 1));
    state.update({ room: { id: 'R', open: true, confirmed: true } });
    state.update({ historyComplete: true });
    expect(events).toEqual(['patch:unread', 'message/upsert', 'patch:room,hasOlder', 'patch:hasOlder']);
  });

  it('sends the header colours it works out from the config, and again when the config changes them', () => {
    const seen: unknown[] = [];
    const { state, events } = setup();
    state.onEvent((e) => void (e.type === 'patch' && seen.push(e.payload.theme)));
    expect(state.snapshot().theme).toEqual({ online: { accent: '#2563eb', onAccent: '#ffffff' }, offline: null });
    state.update({ config: testConfig({ color: '#fc0', offlineColor: '' }) });
    state.update({ config: testConfig({ color: '#fc0', offlineColor: '', title: 'Other title' }) });
    state.update({ config: testConfig({ color: '#fc0', offlineColor: '#C1272D' }) });
    expect(events).toEqual(['patch:config,theme', 'patch:config', 'patch:config,theme']);
    expect(seen).toEqual([
      { online: { accent: '#ffcc00', onAccent: '#111827' }, offline: null },
      undefined,
      { online: { accent: '#ffcc00', onAccent: '#111827' }, offline: { accent: '#c1272d', onAccent: '#ffffff' } },
    ]);
    expect(state.snapshot().theme).toEqual(seen[2]);
  });
});
