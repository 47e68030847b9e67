import { describe, expect, it } from 'vitest';
import { createChatState } from '../../../lib/background/chat-state';
import { newDesk, type DeskRecord } from '../../../lib/background/desk';
import { createTriggerRunner } from '../../../lib/background/triggers';
import type { AgentInfo, LivechatConfig } from '../../../lib/livechat/types';
import { normalizeConfig } from '../../../lib/livechat/normalize-config';
import { FakeClock } from '../ddp/fake-clock';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const trigger = (id: string, condition: unknown, extra: Record<string, unknown> = {}, params?: unknown) => ({
  _id: id,
  runOnce: false,
  conditions: [condition],
  actions: [{ name: 'send-message', params: params ?? { sender: 'custom', name: 'Ana', msg: `greeting ${id}` } }],
  ...extra,
});

function setup(triggers: unknown[], desk: Partial<DeskRecord> = {}) {
  const config: LivechatConfig = normalizeConfig({ enabled: true, triggers });
  const state = createChatState({ ...newDesk('https://x.test', 't'), config, ...desk }, () => {});
  const clock = new FakeClock();
  const logs: string[] = [];
  let next: AgentInfo | null = { id: 'A1', name: 'Maria Souza', username: 'maria', status: 'online', hidden: false };
  let asked = 0;
  const runner = createTriggerRunner({
    state,
    clock,
    nextAgent: async () => (asked++, next),
    log: (line) => logs.push(line),
  });
  const shown = () => state.desk.messages.filter((m) => m.trigger).map((m) => [m.author.name, m.text]);
  return { state, clock, logs, runner, shown, setNext: (a: AgentInfo | null) => (next = a), asked: () => asked };
}

describe('trigger runner', () => {
  it('greets as the custom sender when the chat opens, before any room, once per opening', async () => {
    const { runner, shown, state } = setup([trigger('T1', { name: 'chat-opened-by-visitor' })]);
    runner.chatOpened();
    await flush();
    expect(shown()).toEqual([['Ana', 'greeting T1']]);
    expect(state.desk.messages[0]).toMatchObject({ id: 'trigger-T1', rid: '', from: 'agent', trigger: true });
    runner.chatClosed();
    runner.chatOpened();
    await flush();
    expect(shown()).toHaveLength(1);
  });

  it("names the queue's next agent, and nobody when the desk has none", async () => {
    const queue = { sender: 'queue', msg: 'Can I help?' };
    const { runner, shown, setNext, state } = setup([trigger('Q', { name: 'chat-opened-by-visitor' }, {}, queue)]);
    runner.chatOpened();
    await flush();
    expect(shown()).toEqual([['Maria Souza', 'Can I help?']]);
    expect(state.desk.messages[0]?.author).toEqual({ id: 'A1', username: 'maria', name: 'Maria Souza' });
    state.remove('trigger-Q', '');
    setNext(null);
    runner.chatClosed();
    runner.chatOpened();
    await flush();
    expect(shown()).toEqual([['', 'Can I help?']]);
  });

  it('fires a runOnce trigger once per visitor, remembered in the desk', async () => {
    const once = [trigger('O', { name: 'chat-opened-by-visitor' }, { runOnce: true })];
    const first = setup(once);
    first.runner.chatOpened();
    await flush();
    expect(first.state.desk.firedTriggers).toEqual(['O']);
    const restarted = setup(once, { firedTriggers: ['O'] });
    restarted.runner.chatOpened();
    await flush();
    expect(restarted.shown()).toEqual([]);
  });

  it('stays quiet once a conversation exists, but answers a shared page', async () => {
    const { runner, shown } = setup(
      [
        trigger('T', { name: 'chat-opened-by-visitor' }),
        trigger('G', { name: 'after-guest-registration' }),
        trigger('P', { name: 'page-url', value: 'cart' }),
      ],
      { room: { id: 'R', open: true, confirmed: true } },
    );
    runner.chatOpened();
    runner.registered();
    await flush();
    expect(shown()).toEqual([]);
    runner.pageShared('https://shop.example/cart');
    await flush();
    expect(shown()).toEqual([['Ana', 'greeting P']]);
  });

  it('waits the time-on-site seconds while the chat is open, and forgets the wait when it closes', async () => {
    const { runner, shown, clock } = setup([trigger('S', { name: 'time-on-site', value: 10 })]);
    runner.chatOpened();
    clock.advance(9_000);
    runner.chatClosed();
    clock.advance(5_000);
    await flush();
    expect(shown()).toEqual([]);
    runner.chatOpened();
    clock.advance(10_000);
    await flush();
    expect(shown()).toEqual([['Ana', 'greeting S']]);
  });

  it('schedules the opening triggers when the config arrives after the chat opened', async () => {
    const { runner, shown, state } = setup([]);
    runner.chatOpened();
    state.update({ config: normalizeConfig({ triggers: [trigger('L', { name: 'chat-opened-by-visitor' })] }) });
    runner.configChanged();
    await flush();
    expect(shown()).toEqual([['Ana', 'greeting L']]);
  });

  it('fires after-guest-registration on registration and page-url on a matching shared page only', async () => {
    const { runner, shown } = setup([
      trigger('R', { name: 'after-guest-registration' }),
      trigger('P', { name: 'page-url', value: '/pricing' }),
    ]);
    runner.chatOpened();
    await flush();
    expect(shown()).toEqual([]);
    runner.registered();
    runner.pageShared('https://shop.example/help');
    await flush();
    expect(shown()).toEqual([['Ana', 'greeting R']]);
    runner.pageShared('https://shop.example/pricing');
    await flush();
    expect(shown().map(([, text]) => text)).toEqual(['greeting R', 'greeting P']);
  });

  it('skips use-external-service with a log line', async () => {
    const external = {
      _id: 'X',
      conditions: [{ name: 'chat-opened-by-visitor' }],
      actions: [{ name: 'use-external-service', params: { sender: 'queue', serviceFallbackMessage: 'Sorry' } }],
    };
    const { runner, shown, logs, asked } = setup([external]);
    runner.chatOpened();
    await flush();
    expect(shown()).toEqual([]);
    expect(asked()).toBe(0);
    expect(logs).toEqual(['trigger X: use-external-service is not supported by this client; skipped']);
  });
});
