// @vitest-environment happy-dom
// Issue 14 item 13: Rocket.Chat's parser needs seconds for some crafted texts, so it never runs on the page's
// thread. Texts over the size bound are never parsed (plain text with links); a text the worker is stuck on is
// given up after a stall and the texts behind it still get parsed by a fresh worker.
// oxlint-disable-next-line import/no-unassigned-import -- installs the English texts
import './english';
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageBody } from '../../../components/MessageText';
import { PARSE_LIMIT, setParseClient } from '../../../lib/ui/markdown-source';
import { createWorkerParseClient, PARSE_STALL_MS } from '../../../lib/ui/parse-client';

afterEach(() => {
  cleanup();
  setParseClient(null);
  vi.useRealTimers();
});

/** A worker stand-in: ready at once, then one text at a time, in order; a text starting with "slow" keeps it busy for good. */
class FakeWorker {
  static spawned: FakeWorker[] = [];
  listener: ((event: MessageEvent) => void) | null = null;
  terminated = false;
  stuck = false;
  received: string[] = [];
  constructor() {
    FakeWorker.spawned.push(this);
    queueMicrotask(() => this.listener?.({ data: { ready: true } } as MessageEvent));
  }
  postMessage({ id, text }: { id: number; text: string }) {
    this.received.push(text);
    if (this.stuck || text.startsWith('slow')) {
      this.stuck = true;
      return;
    }
    queueMicrotask(() => {
      if (!this.terminated)
        this.listener?.({ data: { id, ast: [{ type: 'PARAGRAPH', value: text }] } } as MessageEvent);
    });
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    if (type === 'message') this.listener = listener;
  }
  terminate() {
    this.terminated = true;
  }
}

describe('parsing off the page thread', () => {
  it('gives up a text the worker is stuck on and parses the rest in a fresh worker', async () => {
    vi.useFakeTimers();
    FakeWorker.spawned = [];
    const client = createWorkerParseClient(() => new FakeWorker() as unknown as Worker);
    const first = client.parse('before');
    const slow = client.parse('slow ['.repeat(10)).then(
      () => 'parsed',
      () => 'given up',
    );
    const third = client.parse('slow again');
    const fourth = client.parse('fine');
    await expect(first).resolves.toEqual([{ type: 'PARAGRAPH', value: 'before' }]);
    await vi.advanceTimersByTimeAsync(PARSE_STALL_MS + 1);
    expect(await slow).toBe('given up');
    expect(FakeWorker.spawned[0]!.terminated).toBe(true);
    // The stuck text was given up; the ones queued behind it went to a new worker, which sticks on the next.
    expect(FakeWorker.spawned[1]!.received).toEqual(['slow again', 'fine']);
    const thirdOutcome = third.then(
      () => 'parsed',
      () => 'given up',
    );
    await vi.advanceTimersByTimeAsync(PARSE_STALL_MS + 1);
    expect(await thirdOutcome).toBe('given up');
    expect(FakeWorker.spawned[2]!.received).toEqual(['fine']);
    await expect(fourth).resolves.toEqual([{ type: 'PARAGRAPH', value: 'fine' }]);
  });

  it('does not count the time the worker takes to load as a stall', async () => {
    vi.useFakeTimers();
    const listeners: Array<(event: MessageEvent) => void> = [];
    const posted: Array<{ id: number; text: string }> = [];
    const slowLoader = {
      addEventListener: (type: string, listener: (event: MessageEvent) => void) => {
        if (type === 'message') listeners.push(listener);
      },
      postMessage: (message: { id: number; text: string }) => posted.push(message),
      terminate: vi.fn(),
    };
    const client = createWorkerParseClient(() => slowLoader as unknown as Worker);
    const parsed = client.parse('**x**');
    await vi.advanceTimersByTimeAsync(PARSE_STALL_MS * 3);
    expect(slowLoader.terminate).not.toHaveBeenCalled();
    const answer = (data: unknown) => listeners.forEach((listener) => listener({ data } as MessageEvent));
    answer({ ready: true });
    answer({ id: posted[0]!.id, ast: ['done'] });
    await expect(parsed).resolves.toEqual(['done']);
  });

  it('never parses a text over the size bound and shows it as plain text with links', async () => {
    const parse = vi.fn(async (text: string) => [{ type: 'PARAGRAPH', value: [{ type: 'BOLD', value: text }] }]);
    setParseClient({ parse });
    const long = `${'*a* '.repeat(PARSE_LIMIT / 4)} https://example.com/x`;
    const { container } = render(<MessageBody message={{ text: long }} serverUrl="https://chat.example.com" />);
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.com/x');
    expect(container.querySelector('strong')).toBeNull();
    expect(parse).not.toHaveBeenCalled();
  });

  it('shows plain text while the parse is on its way and when it failed', async () => {
    const fails: Array<(error: Error) => void> = [];
    setParseClient({ parse: () => new Promise((_resolve, reject) => fails.push(reject)) });
    const { container } = render(<MessageBody message={{ text: '**bold**' }} serverUrl={null} />);
    expect(container.textContent).toBe('**bold**');
    for (const fail of fails) fail(new Error('too long'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await waitFor(() => expect(container.textContent).toBe('**bold**'));
    expect(container.querySelector('strong')).toBeNull();
  });
});
