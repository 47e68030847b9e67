// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundClient, RequestError } from '../../../lib/ui/background-client';
import {
  PORT_NAME,
  PROTOCOL_VERSION,
  type BgEvent,
  type BgToUi,
  type UiPort,
  type UiToBg,
} from '../../../lib/messaging';
import { createPortPair } from './port-pair';
import { createFakeWorker, flush } from './fake-worker';

afterEach(() => {
  vi.useRealTimers();
});

describe('createBackgroundClient', () => {
  it('resolves each request with the response carrying its id', async () => {
    const worker = createFakeWorker();
    worker.handle('chat/send', async ({ text }) => {
      await flush();
      return { messageId: `id-${text}` };
    });
    worker.handle('chat/register', () => null);
    const client = createBackgroundClient(worker.connect);

    const [first, second, third] = await Promise.all([
      client.request('chat/send', { text: 'a' }),
      client.request('chat/register', { name: 'Ada', email: '' }),
      client.request('chat/send', { text: 'b' }),
    ]);

    expect(first).toEqual({ messageId: 'id-a' });
    expect(second).toBeNull();
    expect(third).toEqual({ messageId: 'id-b' });
    expect(worker.requests.map((r) => r.op)).toEqual(['chat/send', 'chat/register', 'chat/send']);
    expect(new Set(worker.requests.map((r) => r.id)).size).toBe(3);
    client.close();
  });

  it('opens its first port only once openAfter settles, sending what was asked meanwhile in order', async () => {
    const worker = createFakeWorker();
    worker.handle('chat/send', ({ text }) => ({ messageId: `id-${text}` }));
    worker.handle('chat/typing', () => null);
    const connect = vi.fn(worker.connect);
    let release = (): void => undefined;
    const client = createBackgroundClient(connect, { openAfter: new Promise<void>((r) => (release = r)) });

    const answers = Promise.all([
      client.request('chat/typing', { typing: true }),
      client.request('chat/send', { text: 'a' }),
    ]);
    await flush();
    expect(connect).not.toHaveBeenCalled();
    release();

    expect(await answers).toEqual([null, { messageId: 'id-a' }]);
    expect(connect).toHaveBeenCalledOnce();
    expect(worker.requests.map((r) => r.op)).toEqual(['chat/typing', 'chat/send']);
    client.close();
  });

  it('opens its first port when openAfter fails too, and never once closed before it settled', async () => {
    const worker = createFakeWorker();
    worker.handle('chat/send', ({ text }) => ({ messageId: `id-${text}` }));
    const failing = createBackgroundClient(worker.connect, { openAfter: Promise.reject(new Error('no storage')) });
    expect(await failing.request('chat/send', { text: 'a' })).toEqual({ messageId: 'id-a' });
    failing.close();

    const connect = vi.fn(worker.connect);
    let release = (): void => undefined;
    const closed = createBackgroundClient(connect, { openAfter: new Promise<void>((r) => (release = r)) });
    const asked = closed.request('chat/send', { text: 'b' }).catch((e: unknown) => e);
    closed.close();
    release();
    await flush();
    expect(await asked).toMatchObject({ code: 'closed' });
    expect(connect).not.toHaveBeenCalled();
  });

  it('rejects with the worker error code and message', async () => {
    const worker = createFakeWorker();
    worker.handle('chat/retry', () => {
      throw new Error('no such message');
    });
    const client = createBackgroundClient(worker.connect);

    const error = await client.request('chat/retry', { messageId: 'x' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ code: 'server', message: 'no such message' });
    client.close();
  });

  it('delivers events to listeners until they unsubscribe', async () => {
    const worker = createFakeWorker();
    const client = createBackgroundClient(worker.connect);
    const seen: BgEvent['type'][] = [];
    const stop = client.onEvent((event) => seen.push(event.type));
    await flush();
    worker.emit('message/remove', { id: 'm1' });
    await flush();
    stop();
    worker.emit('message/remove', { id: 'm2' });
    await flush();

    expect(seen).toEqual(['snapshot', 'message/remove']);
    client.close();
  });

  it('ignores messages of another protocol version and stray responses', async () => {
    const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
    const client = createBackgroundClient(() => ui);
    const listener = vi.fn();
    client.onEvent(listener);
    // oxlint-disable unicorn/require-post-message-target-origin -- runtime.Port, not a window
    bg.postMessage({ v: PROTOCOL_VERSION + 1, kind: 'event', seq: 1, type: 'patch', payload: {} } as unknown as BgToUi);
    bg.postMessage({ v: PROTOCOL_VERSION, kind: 'response', id: 'nobody', ok: true, result: null });
    bg.postMessage(null as unknown as BgToUi);
    // oxlint-enable unicorn/require-post-message-target-origin
    await flush();

    expect(listener).not.toHaveBeenCalled();
    client.close();
  });

  it('rejects pending requests when the worker goes away, then reconnects and gets a fresh snapshot', async () => {
    const worker = createFakeWorker();
    worker.handle('chat/send', () => new Promise(() => undefined));
    const client = createBackgroundClient(worker.connect);
    const snapshots = vi.fn();
    const drops = vi.fn();
    client.onEvent((event) => event.type === 'snapshot' && snapshots());
    client.onDisconnect(drops);
    await flush();

    const pending = client.request('chat/send', { text: 'hello' });
    await flush();
    worker.kill();

    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
    await flush();
    expect(drops).toHaveBeenCalledTimes(1);
    expect(worker.ports).toHaveLength(2);
    expect(worker.ports[1]!.connected).toBe(true);
    expect(snapshots).toHaveBeenCalledTimes(2);

    worker.handle('chat/send', () => ({ messageId: 'after' }));
    await expect(client.request('chat/send', { text: 'again' })).resolves.toEqual({ messageId: 'after' });
    client.close();
  });

  it('backs off while the worker keeps refusing ports or connect() throws', async () => {
    vi.useFakeTimers();
    const ports: UiPort[] = [];
    let throwing = false;
    const connect = (): UiPort => {
      if (throwing) throw new Error('Extension context invalidated.');
      const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
      ports.push(ui);
      bg.disconnect();
      return ui;
    };
    const client = createBackgroundClient(connect, { maxRetryDelayMs: 1_000 });
    await vi.advanceTimersByTimeAsync(0);
    // First loss reconnects at once; the second port also died without a word, so the next wait is 500 ms.
    expect(ports).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(499);
    expect(ports).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(ports).toHaveLength(3);

    throwing = true;
    await vi.advanceTimersByTimeAsync(5_000);
    const attemptsWhileThrowing = ports.length;
    throwing = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ports.length).toBeGreaterThan(attemptsWhileThrowing);

    await expect(client.request('chat/seen', null)).rejects.toBeInstanceOf(RequestError);
    client.close();
  });

  it('close() rejects pending calls, disconnects and never reconnects', async () => {
    const worker = createFakeWorker();
    worker.handle('chat/send', () => new Promise(() => undefined));
    const client = createBackgroundClient(worker.connect);
    await flush();
    const pending = client.request('chat/send', { text: 'x' });

    client.close();

    await expect(pending).rejects.toMatchObject({ code: 'closed' });
    await flush();
    expect(worker.ports).toHaveLength(1);
    expect(worker.ports[0]!.connected).toBe(false);
    await expect(client.request('chat/seen', null)).rejects.toMatchObject({ code: 'closed' });
  });
});
