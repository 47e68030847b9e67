import { describe, expect, it, vi } from 'vitest';
import { createDeskRegistry, LINGER_MS, WAKE_STAGGER_MS, type LinkedDesk } from '../../../lib/background/desk-registry';

class FakeDesk implements LinkedDesk {
  up = false;
  reconnects = 0;
  disposed = false;
  conversation = false;
  known = true;
  constructor(readonly url: string) {}
  needsConnection = () => this.conversation;
  unknown = () => !this.known;
  connect = () => void (this.up = true);
  disconnect = () => void (this.up = false);
  reconnect = () => void (this.reconnects += 1);
  dispose = () => void (this.disposed = true);
}

function setup() {
  const watchers = new Map<string, number>();
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const keepAlive = vi.fn();
  const clock = { now: 0 };
  const registry = createDeskRegistry<FakeDesk>({
    create: (url) => new FakeDesk(url),
    watchers: (url) => (url === null ? [...watchers.values()].reduce((a, b) => a + b, 0) : (watchers.get(url) ?? 0)),
    keepAlive,
    clock: { setTimeout: (fn: () => void, ms: number) => void timers.push({ fn, ms }), now: () => clock.now } as never,
  });
  return { registry, watchers, timers, keepAlive, clock };
}

const A = 'https://a.example';
const B = 'https://b.example';
const C = 'https://c.example';

describe('desk registry', () => {
  it('holds a link only for a desk that needs one: a conversation open, or a UI showing it', () => {
    const { registry, watchers, keepAlive } = setup();
    registry.sync([A, B, C]);
    const [a, b, c] = registry.runtimes();
    expect([a?.up, b?.up, c?.up]).toEqual([false, false, false]);
    expect(keepAlive).toHaveBeenLastCalledWith(false);

    b!.conversation = true;
    watchers.set(C, 1);
    registry.applyLinks();
    expect([a?.up, b?.up, c?.up]).toEqual([false, true, true]);
    // Only a conversation keeps the worker alive; a UI keeps it alive by its port.
    expect(keepAlive).toHaveBeenLastCalledWith(true);

    watchers.set(C, 0);
    b!.conversation = false;
    registry.applyLinks();
    expect([a?.up, b?.up, c?.up]).toEqual([false, false, false]);
    expect(keepAlive).toHaveBeenLastCalledWith(false);
  });

  it('links a desk whose title is not known yet while a chat UI is open, to learn it', () => {
    const { registry, watchers } = setup();
    registry.sync([A, B]);
    const [a, b] = registry.runtimes();
    b!.known = false;
    registry.applyLinks();
    expect([a?.up, b?.up]).toEqual([false, false]);
    watchers.set(A, 1);
    registry.applyLinks();
    expect([a?.up, b?.up]).toEqual([true, true]);
    b!.known = true;
    registry.applyLinks();
    expect([a?.up, b?.up]).toEqual([true, false]);
  });

  it('keeps the link of a desk the chat just left for a while, so flipping between desks does not storm a server', () => {
    const { registry, watchers, timers, clock } = setup();
    registry.sync([A, B]);
    const [a, b] = registry.runtimes();
    watchers.set(A, 1);
    registry.applyLinks();
    watchers.set(A, 0);
    watchers.set(B, 1);
    registry.applyLinks();
    expect([a?.up, b?.up]).toEqual([true, true]);
    clock.now = LINGER_MS;
    expect(timers.at(-1)?.ms).toBe(LINGER_MS);
    timers.at(-1)?.fn();
    expect([a?.up, b?.up]).toEqual([false, true]);

    // With no chat open at all, nothing lingers: the worker may sleep.
    watchers.set(B, 0);
    registry.applyLinks();
    expect([a?.up, b?.up]).toEqual([false, false]);
  });

  it('adds and removes desks: a removed desk stops, the others keep their runtime', () => {
    const { registry } = setup();
    expect(registry.sync([A, B])).toEqual({ added: [A, B], removed: [] });
    const [a, b] = registry.runtimes();
    expect(registry.sync([B, C, B])).toEqual({ added: [C], removed: [A] });
    expect(a?.disposed).toBe(true);
    expect(registry.get(A)).toBeUndefined();
    expect(registry.get(B)).toBe(b);
    expect(b?.disposed).toBe(false);
    expect(registry.urls()).toEqual([B, C]);
  });

  it('reconnects the desks that need their link one after another on a wake-up, never all at once', () => {
    const { registry, timers } = setup();
    registry.sync([A, B, C]);
    for (const desk of registry.runtimes()) desk.conversation = true;
    registry.get(B)!.conversation = false;
    registry.wake();
    expect(registry.runtimes().map((desk) => desk.reconnects)).toEqual([1, 0, 0]);
    expect(timers.map((timer) => timer.ms)).toEqual([WAKE_STAGGER_MS]);
    timers[0]?.fn();
    expect(registry.runtimes().map((desk) => desk.reconnects)).toEqual([1, 0, 1]);
  });

  it('does not reconnect a desk removed before its turn came', () => {
    const { registry, timers } = setup();
    registry.sync([A, B]);
    for (const desk of registry.runtimes()) desk.conversation = true;
    registry.wake();
    const b = registry.get(B)!;
    registry.sync([A]);
    timers[0]?.fn();
    expect(b.reconnects).toBe(0);
  });
});
