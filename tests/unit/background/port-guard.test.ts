import { describe, expect, it, vi } from 'vitest';
import { isOwnPage, paramsProblem } from '../../../lib/background/port-guard';
import { createUiHub, type Handlers } from '../../../lib/background/ui-hub';
import {
  emptySnapshot,
  PORT_NAME,
  PROTOCOL_VERSION,
  type BgPort,
  type BgToUi,
  type UiToBg,
} from '../../../lib/messaging';
import { createPortPair } from '../ui/port-pair';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ROOT = `chrome-extension://${ID}/`;

const ONE_DESK = {
  snapshot: () => emptySnapshot({ state: 'idle' }),
  initial: () => 'https://a.example',
  exists: () => true,
};

function hub(handlers: Partial<Handlers> = {}) {
  const h = createUiHub(ONE_DESK, handlers as Handlers);
  const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
  const responses: BgToUi[] = [];
  ui.onMessage.addListener((m) => {
    if (m.kind === 'response') responses.push(m);
  });
  h.attach(bg);
  const ask = async (op: string, params: unknown) => {
    ui.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: `q${responses.length}`, op, params } as UiToBg);
    await tick();
    await tick();
    return responses.at(-1);
  };
  return { hub: h, ui, ask };
}

describe('port contract', () => {
  it('answers an op inherited from Object.prototype as a bad request, never as ok', async () => {
    const { ask } = hub({ 'chat/seen': async () => null });
    for (const op of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(await ask(op, null)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });

  it('validates every operation’s parameters before its handler runs', async () => {
    const send = vi.fn(async () => ({ messageId: 'm1' }));
    const typing = vi.fn(async () => null);
    const { ask } = hub({ 'chat/send': send, 'chat/typing': typing });
    expect(await ask('chat/send', { text: 42 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await ask('chat/send', null)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await ask('chat/send', { text: 'hi', rid: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await ask('chat/typing', { typing: 'yes' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(send).not.toHaveBeenCalled();
    expect(typing).not.toHaveBeenCalled();
    expect(await ask('chat/send', { text: 'hi' })).toMatchObject({ ok: true, result: { messageId: 'm1' } });
  });

  it('knows each operation’s shape', () => {
    expect(paramsProblem('chat/seen', null)).toBeNull();
    expect(paramsProblem('chat/seen', { x: 1 })).not.toBeNull();
    expect(
      paramsProblem('chat/register', { name: 'A', email: '', customFields: [{ key: 'k', value: 'v' }] }),
    ).toBeNull();
    expect(
      paramsProblem('chat/register', { name: 'A', email: '', customFields: [{ key: 'k', value: 1 }] }),
    ).not.toBeNull();
    expect(paramsProblem('chat/survey', { answers: 'five' })).not.toBeNull();
    expect(paramsProblem('chat/uploadStart', { name: 'a.png', type: 'image/png', size: 3 })).toBeNull();
    expect(paramsProblem('chat/uploadStart', { name: 'a.png', type: 'image/png', size: -1 })).not.toBeNull();
    expect(paramsProblem('chat/uploadChunk', { uploadId: 'u', offset: 0.5, dataBase64: '' })).not.toBeNull();
    expect(paramsProblem('chat/uploadChunk', { uploadId: 'u', offset: 0, dataBase64: '' })).toBeNull();
    expect(paramsProblem('chat/offline', { name: 'a', email: 'b', message: 'c', department: 7 })).not.toBeNull();
  });

  it('lets only the extension’s own pages connect', () => {
    expect(isOwnPage({ id: ID, url: `${ROOT}popup.html` }, ID, ROOT)).toBe(true);
    expect(isOwnPage({ id: ID, url: `${ROOT}sidepanel.html#x` }, ID, ROOT)).toBe(true);
    // Our id but a web page's URL: a content script.
    expect(isOwnPage({ id: ID, url: 'https://evil.example/' }, ID, ROOT)).toBe(false);
    expect(isOwnPage({ id: 'other-extension', url: 'chrome-extension://other-extension/x.html' }, ID, ROOT)).toBe(
      false,
    );
    expect(isOwnPage({ id: ID }, ID, ROOT)).toBe(false);
    expect(isOwnPage(undefined, ID, ROOT)).toBe(false);
  });
});

describe('ui hub delivery', () => {
  it('disconnects a port a message could not be posted to, so the UI reconnects for a snapshot', async () => {
    const h = createUiHub(ONE_DESK, {} as Handlers);
    const [ui, bg] = createPortPair<UiToBg, BgToUi>(PORT_NAME);
    const lost = vi.fn();
    ui.onDisconnect.addListener(lost);
    let refuse = false;
    const picky: BgPort = {
      ...bg,
      name: bg.name,
      onMessage: bg.onMessage,
      onDisconnect: bg.onDisconnect,
      disconnect: () => bg.disconnect(),
      postMessage(message) {
        // Chrome refuses what it cannot serialise (e.g. a tree nested thousands deep).
        if (refuse) throw new Error('Maximum call stack size exceeded');
        bg.postMessage(message);
      },
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    h.attach(picky);
    await tick();
    expect(h.openCount()).toBe(1);
    refuse = true;
    h.publish('https://a.example', { type: 'patch', payload: { unread: 1 } });
    await tick();
    expect(lost).toHaveBeenCalledTimes(1);
    expect(h.openCount()).toBe(0);
    warn.mockRestore();
  });
});
