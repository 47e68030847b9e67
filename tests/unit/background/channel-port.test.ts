/**
 * The worker's messages to a page on a channel of their own (Chrome): they come on the channel from the worker's
 * switch on, in the order the worker posted them whichever of the two is faster; the page's requests, and offers
 * and switches, never reach the hub or the client as protocol messages; the port still says when a page goes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createChannelRegistry, type ChannelEnd, type RawBgPort } from '../../../lib/background/channel-port';
import { createUiHub, type Handlers } from '../../../lib/background/ui-hub';
import { createBackgroundClient } from '../../../lib/ui/background-client';
import { openChannel, type ChannelTarget, type RawUiPort } from '../../../lib/ui/channel-port';
import {
  emptySnapshot,
  PORT_NAME,
  PROTOCOL_VERSION,
  type BgEvent,
  type BgToUi,
  type ChatSnapshot,
  type UiToBg,
} from '../../../lib/messaging';
import { isChannelMessage } from '../../../lib/channel';
import { createPortPair, type TestPort } from '../ui/port-pair';

const DESK = 'https://desk.example';
const open: Array<{ close(): void }> = [];
afterEach(() => {
  for (const port of open.splice(0)) port.close();
});

const event = (seq: number): BgEvent => ({
  v: PROTOCOL_VERSION,
  kind: 'event',
  seq,
  type: 'patch',
  payload: { unread: seq } as Partial<ChatSnapshot>,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * A page and the worker joined by a port pair. `handover` is the service worker's `message` event: at once, late
 * (after the port's offer), or never (`lost`). `switchDelayMs` holds the worker's port messages back, so the
 * channel overtakes the switch.
 */
function setup({ handover = 'now', switchDelayMs = 0, withWorker = true } = {}) {
  const registry = createChannelRegistry();
  const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME) as unknown as [
    TestPort<BgToUi, UiToBg> & RawUiPort,
    TestPort<UiToBg, BgToUi> & RawBgPort,
  ];
  const onPort: unknown[] = [];
  const post = bg.postMessage.bind(bg);
  bg.postMessage = (message) => {
    onPort.push(message);
    if (switchDelayMs > 0) setTimeout(() => post(message), switchDelayMs);
    else post(message);
  };
  const handovers: Array<() => void> = [];
  const target: ChannelTarget = {
    postMessage(data, transfer) {
      const ports = transfer as MessagePort[];
      open.push(...ports);
      const deliver = () => registry.receive(data, ports);
      if (handover === 'now') setTimeout(deliver, 0);
      else if (handover === 'late') handovers.push(deliver);
    },
  };
  const page = ui;
  const worker = registry.wrap(bg);
  const received: BgToUi[] = [];
  // As the background client: the worker's switch carries no events and no answer, so it passes it by.
  page.onMessage.addListener((message) => void (isChannelMessage(message) || received.push(message)));
  openChannel(ui, (message) => void received.push(message), withWorker ? target : null);
  const requests: UiToBg[] = [];
  worker.onMessage.addListener((message) => void requests.push(message));
  return { registry, ui, bg, page, worker, received, requests, onPort, release: () => handovers.forEach((h) => h()) };
}

describe('a page’s channel to the worker', () => {
  it('carries the worker’s messages once it switched, in the order they were posted', async () => {
    const { worker, received, onPort } = setup();
    worker.postMessage(event(1));
    await settle();
    for (let seq = 2; seq <= 20; seq++) worker.postMessage(event(seq));
    await settle();
    expect(received).toEqual(Array.from({ length: 20 }, (_, i) => event(i + 1)));
    // The first on the port, then the switch; the 19 after it on the channel alone.
    expect(onPort).toEqual([event(1), { v: PROTOCOL_VERSION, kind: 'channel' }]);
  });

  it('keeps the order when the channel overtakes the switch on the port', async () => {
    const { worker, received, onPort } = setup({ switchDelayMs: 60 });
    worker.postMessage(event(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (let seq = 2; seq <= 10; seq++) worker.postMessage(event(seq));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The channel's messages are in, the switch is not: they wait for it.
    expect(received).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(received).toEqual(Array.from({ length: 10 }, (_, i) => event(i + 1)));
    expect(onPort).toHaveLength(2);
  });

  it('switches when the channel comes after the port named it', async () => {
    const { worker, received, onPort, release } = setup({ handover: 'late' });
    await settle();
    worker.postMessage(event(1));
    release();
    worker.postMessage(event(2));
    await settle();
    expect(received).toEqual([event(1), event(2)]);
    expect(onPort).toEqual([event(1), { v: PROTOCOL_VERSION, kind: 'channel' }]);
  });

  it('stays on the port when the channel never comes, or the page has no service worker', async () => {
    for (const options of [{ handover: 'lost' }, { withWorker: false }]) {
      const { worker, received, onPort } = setup(options);
      await settle();
      worker.postMessage(event(1));
      worker.postMessage(event(2));
      await settle();
      expect(received).toEqual([event(1), event(2)]);
      expect(onPort).toEqual([event(1), event(2)]);
    }
  });

  it('hands the page’s requests on without its offer', async () => {
    const { page, received, requests } = setup();
    const request = { v: PROTOCOL_VERSION, kind: 'request', id: '1', op: 'chat/seen', params: null } as UiToBg;
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a port, not a window
    page.postMessage(request);
    await settle();
    expect(requests).toEqual([request]);
    expect(received.some(isChannelMessage)).toBe(false);
  });

  it('closes the channel when the page’s port goes, and the worker’s port still says so', async () => {
    const { worker, page, received } = setup();
    let gone = false;
    worker.onDisconnect.addListener(() => (gone = true));
    await settle();
    page.disconnect();
    await settle();
    expect(gone).toBe(true);
    // The channel is closed with the port: a post goes to the dead port again and fails, as the hub expects.
    expect(() => worker.postMessage(event(1))).toThrow();
    await settle();
    expect(received).toEqual([]);
  });

  it('keeps at most 16 channels that no port names, closing the oldest', () => {
    const registry = createChannelRegistry();
    const closed: number[] = [];
    const end = (n: number): ChannelEnd => ({ postMessage: () => undefined, close: () => void closed.push(n) });
    for (let n = 0; n < 18; n++) registry.receive({ lqsChannel: `t${n}` }, [end(n)]);
    registry.receive({ lqsChannel: 5 }, [end(99)]);
    registry.receive({ other: 't' }, [end(98)]);
    expect(closed).toEqual([0, 1]);
  });
});

describe('the hub and a page’s client over the channel', () => {
  it('brings the snapshot, the deltas and the answers in order, none of them on the port after the switch', async () => {
    const registry = createChannelRegistry();
    const hub = createUiHub(
      { snapshot: () => emptySnapshot({ state: 'connected' }), initial: () => DESK, exists: () => true },
      { 'chat/seen': async () => null } as unknown as Handlers,
    );
    const onPort: unknown[] = [];
    const client = createBackgroundClient((deliver) => {
      const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
      const post = bg.postMessage.bind(bg);
      bg.postMessage = (message) => {
        onPort.push(message);
        post(message);
      };
      hub.attach(registry.wrap(bg as unknown as RawBgPort));
      openChannel(ui as unknown as RawUiPort, deliver, {
        postMessage(data, transfer) {
          open.push(...(transfer as MessagePort[]));
          setTimeout(() => registry.receive(data, transfer as MessagePort[]), 0);
        },
      });
      return ui;
    });
    const seqs: number[] = [];
    client.onEvent((e) => void seqs.push(e.seq));
    await settle();
    for (let n = 0; n < 5; n++) hub.publish(DESK, { type: 'patch', payload: { unread: n } });
    await expect(client.request('chat/seen', null)).resolves.toBeNull();
    hub.publish(DESK, { type: 'patch', payload: { unread: 9 } });
    await settle();
    expect(seqs).toEqual(Array.from({ length: 7 }, (_, i) => (seqs[0] ?? 0) + i));
    expect(onPort.filter((m) => !isChannelMessage(m)).length).toBeLessThanOrEqual(1);
    client.close();
  });
});

describe('what a page’s client takes past its port', () => {
  it('counts only while that port is the client’s: nothing of a lost port or a closed client gets in', async () => {
    const delivers: Array<(message: BgToUi) => void> = [];
    const workers: Array<TestPort<UiToBg, BgToUi>> = [];
    const client = createBackgroundClient((deliver) => {
      const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
      delivers.push(deliver);
      workers.push(bg);
      return ui;
    });
    const seqs: number[] = [];
    client.onEvent((e) => void seqs.push(e.seq));
    delivers[0]!(event(1));
    workers[0]!.disconnect();
    await settle();
    delivers[0]!(event(2));
    delivers[1]!(event(3));
    client.close();
    delivers[1]!(event(4));
    expect(seqs).toEqual([1, 3]);
  });
});
