/**
 * The stored first screen's two copies (lib/first-screen.ts): the worker writes and removes them together, a page
 * reads the session copy first and the local one when session storage is empty (after a browser restart). A
 * conversation the worker forgot must show from neither.
 */
import { describe, expect, it } from 'vitest';
import { storeFirstScreen } from '../../../lib/background/first-screen';
import { FIRST_SCREEN_KEY, loadFirstScreen } from '../../../lib/first-screen';
import { firstScreenOf } from '../../../lib/first-screen-shape';
import { agentMessage } from '../fakes/chat-message';
import { memoryArea } from '../fakes/storage-area';
import { baseSnapshot } from '../ui/fake-worker';

const BUILD = '1.4.0';
const screenWith = (text: string) =>
  firstScreenOf(baseSnapshot({ messages: [agentMessage('m1', 1000, { text })] }), BUILD);
const shownText = async (areas: Parameters<typeof loadFirstScreen>[0]) =>
  (await loadFirstScreen(areas, BUILD))?.snapshot.messages.map((m) => m.text) ?? null;

describe('the first screen in session and local storage', () => {
  it('writes both copies, and a page reads the session copy before the local one', async () => {
    const areas = { local: memoryArea(), session: memoryArea() };
    await storeFirstScreen(areas)(screenWith('kept'));
    expect(areas.session.items[FIRST_SCREEN_KEY]).toEqual(areas.local.items[FIRST_SCREEN_KEY]);
    let localReads = 0;
    const local = { get: async (key: string) => ((localReads += 1), areas.local.get(key)) };
    expect(await shownText({ session: areas.session, local })).toEqual(['kept']);
    expect(localReads).toBe(0);
  });

  it('falls back to the local copy when session storage is empty (a browser restart) or fails', async () => {
    const areas = { local: memoryArea(), session: memoryArea() };
    await storeFirstScreen(areas)(screenWith('from disk'));
    delete areas.session.items[FIRST_SCREEN_KEY];
    expect(await shownText(areas)).toEqual(['from disk']);
    const broken = { get: async () => Promise.reject(new Error('no session storage')) };
    expect(await shownText({ session: broken, local: areas.local })).toEqual(['from disk']);
    expect(await shownText({ local: areas.local })).toEqual(['from disk']);
  });

  it('removes both copies: a page then shows nothing', async () => {
    const areas = { local: memoryArea(), session: memoryArea() };
    const save = storeFirstScreen(areas);
    await save(screenWith('forgotten'));
    await save(null);
    expect(areas.session.items).toEqual({});
    expect(areas.local.items).toEqual({});
    expect(await shownText(areas)).toBeNull();
  });

  it('drops the session copy it could not rewrite: a forgotten conversation never shows from it', async () => {
    const areas = { local: memoryArea(), session: memoryArea() };
    const save = storeFirstScreen(areas);
    await save(screenWith('forgotten'));
    areas.session.failWrites = true;
    await expect(save(screenWith('after forgetting'))).rejects.toThrow('quota');
    expect(areas.session.items).toEqual({});
    expect(await shownText(areas)).toEqual(['after forgetting']);
  });

  it('drops the local copy it could not rewrite: after a browser restart the forgotten one does not show', async () => {
    const areas = { local: memoryArea(), session: memoryArea() };
    const save = storeFirstScreen(areas);
    await save(screenWith('forgotten'));
    areas.local.failWrites = true;
    await expect(save(screenWith('after forgetting'))).rejects.toThrow('quota');
    expect(await shownText(areas)).toEqual(['after forgetting']);
    delete areas.session.items[FIRST_SCREEN_KEY];
    expect(await shownText(areas)).toBeNull();
  });
});
