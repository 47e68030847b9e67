import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineDesksItem, newDesk, type DeskRecordV1 } from '../../../lib/background/desk';

const URL_A = 'https://chat.example.com';

/** A desk exactly as version 1 of the extension stored it. */
function v1Desk(): DeskRecordV1 {
  const {
    historyComplete: _h,
    room: _r,
    firedTriggers: _f,
    archive: _a,
    archiveTrimmed: _t,
    ...rest
  } = newDesk(URL_A, 'kept-token');
  return {
    ...rest,
    room: { id: 'R1', open: true, confirmed: true },
    messages: [
      {
        id: 'm1',
        rid: 'R1',
        text: 'typed offline',
        ts: 1,
        updatedAt: 1,
        editedAt: null,
        author: { id: '', username: '', name: '' },
        from: 'visitor',
        type: null,
        attachments: [],
        delivery: 'pending',
      },
    ],
    unread: 3,
    caps: { config: 'rest' },
  };
}

describe('stored desks', () => {
  beforeEach(() => fakeBrowser.reset());

  it('upgrades a version 1 desk without losing the token, the room, the outbox or what was learnt', async () => {
    await fakeBrowser.storage.local.set({ desks: { [URL_A]: v1Desk() }, desks$: { v: 1 } });
    const desks = await defineDesksItem().getValue();
    const desk = desks[URL_A];
    expect(desk?.token).toBe('kept-token');
    expect(desk?.room).toEqual({ id: 'R1', open: true, confirmed: true, surveySent: false, transcriptSent: false });
    expect(desk?.historyComplete).toBe(false);
    expect(desk?.messages[0]).toMatchObject({ text: 'typed offline', delivery: 'pending' });
    expect(desk?.unread).toBe(3);
    expect(desk?.caps).toEqual({ config: 'rest' });
    expect(desk?.firedTriggers).toEqual([]);
    expect(await fakeBrowser.storage.local.get('desks$')).toEqual({ desks$: { v: 4 } });
  });

  it('upgrades a version 2 desk: no trigger has fired yet, the rest is kept', async () => {
    const {
      firedTriggers: _f,
      archive: _a,
      archiveTrimmed: _t,
      ...v2
    } = { ...newDesk(URL_A, 'v2-token'), room: null, historyComplete: true };
    await fakeBrowser.storage.local.set({ desks: { [URL_A]: v2 }, desks$: { v: 2 } });
    const desk = (await defineDesksItem().getValue())[URL_A];
    expect(desk).toEqual({ ...v2, firedTriggers: [], archive: [], archiveTrimmed: false });
    expect(await fakeBrowser.storage.local.get('desks$')).toEqual({ desks$: { v: 4 } });
  });

  it('starts empty on a fresh install', async () => {
    expect(await defineDesksItem().getValue()).toEqual({});
  });
});
