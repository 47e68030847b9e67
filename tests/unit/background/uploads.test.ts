import { describe, expect, it, vi } from 'vitest';
import { MAX_UPLOAD_BYTES, STALL_MS, createUploads, type UploadDeps } from '../../../lib/background/uploads';
import { LivechatError } from '../../../lib/livechat/errors';
import type { UploadLimits } from '../../../lib/livechat/upload-limits';
import { UPLOAD_CHUNK_BYTES, type UploadView } from '../../../lib/messaging';
import { FakeClock } from '../ddp/fake-clock';

const b64 = (bytes: number[]): string => btoa(String.fromCharCode(...bytes));
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(options: { limits?: UploadLimits; fileUpload?: boolean; roomOpen?: boolean } = {}) {
  const clock = new FakeClock();
  const lists: UploadView[][] = [];
  let ids = 0;
  let finish: (() => void) | null = null;
  let fail: ((error: unknown) => void) | null = null;
  const sent: Array<{ bytes: number[]; name: string; description: string | undefined; signal: AbortSignal }> = [];
  const send: UploadDeps['send'] = async (file, name, description, signal) => {
    sent.push({ bytes: [...new Uint8Array(await file.arrayBuffer())], name, description, signal });
    await new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
      signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  };
  const uploads = createUploads({
    clock,
    newId: () => `u${++ids}`,
    desk: () => ({
      fileUpload: options.fileUpload ?? true,
      limits: options.limits,
      roomOpen: options.roomOpen ?? true,
    }),
    send,
    changed: (list) => lists.push(list),
  });
  return {
    clock,
    uploads,
    sent,
    lists,
    last: () => lists.at(-1) ?? [],
    finish: () => finish?.(),
    fail: (error: unknown) => fail?.(error),
  };
}

describe('the worker’s uploads', () => {
  it('receives the file in chunks with determinate progress, then sends it once, whole', async () => {
    const t = setup();
    const started = t.uploads.start({ name: 'a.txt', type: 'text/plain', size: 5, description: 'hi' });
    expect(started).toEqual({ uploadId: 'u1' });
    expect(t.last()).toEqual([{ id: 'u1', name: 'a.txt', size: 5, phase: 'receiving', received: 0, error: null }]);
    expect(t.uploads.chunk('u1', 0, b64([1, 2, 3]))).toBe(true);
    expect(t.last()[0]).toMatchObject({ phase: 'receiving', received: 3 });
    expect(t.uploads.chunk('u1', 3, b64([4, 5]))).toBe(true);
    expect(t.last()[0]).toMatchObject({ phase: 'sending', received: 5 });
    await flush();
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]).toMatchObject({ bytes: [1, 2, 3, 4, 5], name: 'a.txt', description: 'hi' });
    t.finish();
    await flush();
    expect(t.last()).toEqual([]);
  });

  it('cancel aborts the request and drops the upload without an error', async () => {
    const t = setup();
    t.uploads.start({ name: 'a.txt', type: 'text/plain', size: 1 });
    t.uploads.chunk('u1', 0, b64([9]));
    await flush();
    t.uploads.cancel('u1');
    expect(t.sent[0]!.signal.aborted).toBe(true);
    await flush();
    expect(t.last()).toEqual([]);
  });

  it('cancel during the hand-over tells the UI to stop sending chunks', () => {
    const t = setup();
    t.uploads.start({ name: 'a.txt', type: 'text/plain', size: 4 });
    t.uploads.chunk('u1', 0, b64([1]));
    t.uploads.cancel('u1');
    expect(t.uploads.chunk('u1', 1, b64([2]))).toBe(false);
    expect(t.last()).toEqual([]);
  });

  it('a refusal by the server stays, with its code, until dismissed', async () => {
    const t = setup();
    t.uploads.start({ name: 'a.bin', type: 'application/x-bin', size: 1 });
    t.uploads.chunk('u1', 0, b64([1]));
    await flush();
    t.fail(new LivechatError('rejected', 'error-type-not-allowed', 'File type is not accepted.'));
    await flush();
    expect(t.last()[0]).toMatchObject({
      phase: 'failed',
      error: { code: 'error-type-not-allowed', message: 'File type is not accepted.' },
    });
    t.uploads.cancel('u1');
    expect(t.last()).toEqual([]);
  });

  it('a hand-over whose page went away is dropped after a while', () => {
    const t = setup();
    t.uploads.start({ name: 'a.txt', type: 'text/plain', size: 4 });
    t.uploads.chunk('u1', 0, b64([1]));
    t.clock.advance(STALL_MS - 1);
    expect(t.last()).toHaveLength(1);
    t.clock.advance(1);
    expect(t.last()).toEqual([]);
    expect(t.sent).toHaveLength(0);
  });

  it('when every chat closed, a hand-over is dropped but an upload being sent goes on', async () => {
    const t = setup();
    t.uploads.start({ name: 'sent.txt', type: 'text/plain', size: 1 });
    t.uploads.chunk('u1', 0, b64([1]));
    t.uploads.start({ name: 'half.txt', type: 'text/plain', size: 2 });
    t.uploads.chunk('u2', 0, b64([1]));
    await flush();
    t.uploads.abandonHandOvers();
    expect(t.last().map((u) => [u.name, u.phase])).toEqual([['sent.txt', 'sending']]);
    expect(t.sent[0]!.signal.aborted).toBe(false);
  });

  it('refuses out-of-order, oversized or overflowing chunks', () => {
    const t = setup();
    t.uploads.start({ name: 'a.txt', type: 'text/plain', size: 2 });
    expect(() => t.uploads.chunk('u1', 1, b64([1]))).toThrow(/Expected the bytes at 0/);
    expect(() => t.uploads.chunk('u1', 0, b64([1, 2, 3]))).toThrow(/announced size/);
    expect(t.last()).toEqual([]);
    t.uploads.start({ name: 'b.txt', type: 'text/plain', size: UPLOAD_CHUNK_BYTES + 10 });
    const big = btoa('x'.repeat(UPLOAD_CHUNK_BYTES + 1));
    expect(() => t.uploads.chunk('u2', 0, big)).toThrow(/announced size/);
  });

  it('refuses before anything is sent: the desk’s size and type limits, empty files, no files, no room', () => {
    const limits: UploadLimits = {
      maxBytes: 1000,
      accepted: ['image/*', 'application/pdf'],
      blocked: ['image/svg+xml'],
    };
    const t = setup({ limits });
    expect(t.uploads.start({ name: 'a.png', type: 'image/png', size: 1001 })).toEqual({
      refused: { reason: 'too-large', maxBytes: 1000 },
    });
    expect(t.uploads.start({ name: 'a.svg', type: 'image/svg+xml', size: 10 })).toEqual({
      refused: { reason: 'type' },
    });
    expect(t.uploads.start({ name: 'a.zip', type: 'application/zip', size: 10 })).toEqual({
      refused: { reason: 'type' },
    });
    expect(t.uploads.start({ name: 'a.png', type: 'image/png', size: 0 })).toEqual({ refused: { reason: 'empty' } });
    expect(t.lists).toEqual([]);
    expect(t.uploads.start({ name: 'a.pdf', type: 'application/pdf', size: 1000 })).toEqual({ uploadId: 'u1' });
    expect(setup({ fileUpload: false }).uploads.start({ name: 'a', type: '', size: 1 })).toEqual({
      refused: { reason: 'disabled' },
    });
    expect(setup({ roomOpen: false }).uploads.start({ name: 'a', type: '', size: 1 })).toEqual({
      refused: { reason: 'no-room' },
    });
    expect(setup().uploads.start({ name: 'a', type: '', size: MAX_UPLOAD_BYTES + 1 })).toEqual({
      refused: { reason: 'too-large', maxBytes: MAX_UPLOAD_BYTES },
    });
  });

  it('dispose cancels every upload', async () => {
    const t = setup();
    t.uploads.start({ name: 'a.txt', type: 'text/plain', size: 1 });
    t.uploads.chunk('u1', 0, b64([1]));
    await flush();
    const abort = vi.fn();
    t.sent[0]!.signal.addEventListener('abort', abort);
    t.uploads.dispose();
    expect(abort).toHaveBeenCalled();
    expect(t.last()).toEqual([]);
  });
});
