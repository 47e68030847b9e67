import { describe, expect, it, vi } from 'vitest';
import {
  BADGE_DELAY_MS,
  createBadge,
  createNotifier,
  NOTIFY_INTERVAL_MS,
  toolbarAction,
  type BadgeApi,
  type NotifierApis,
} from '../../../lib/background/notifier';
import { chatMessage } from '../fakes/chat-message';

const URL = 'https://desk.example.com';

function setup(withUpdate: boolean, i18n?: NotifierApis['i18n']) {
  let now = 1_000;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const shown = new Map<string, { title: string; message: string }>();
  const apis = {
    notifications: {
      create: vi.fn(async (id: string, o: { title: string; message: string }) => (shown.set(id, o), id)),
      ...(withUpdate
        ? {
            update: vi.fn(
              async (id: string, o: { title: string; message: string }) => shown.has(id) && !!shown.set(id, o),
            ),
          }
        : {}),
      clear: vi.fn(async (id: string) => shown.delete(id)),
    },
    action: { setBadgeText: vi.fn(async () => {}), setBadgeBackgroundColor: vi.fn(async () => {}) },
    i18n,
  } satisfies NotifierApis;
  const clock = {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => void timers.push({ at: now + ms, fn }),
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const timer of timers.splice(0).filter((t) => t.at <= now || (timers.push(t), false))) timer.fn();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { notifier: createNotifier(apis, 'icon.png', clock), apis, shown, advance };
}

describe('notifier', () => {
  it('folds 60 agent replies into one notification per desk, updated in place with the count and the newest', async () => {
    for (const withUpdate of [true, false]) {
      const { notifier, apis, shown, advance } = setup(withUpdate);
      for (let i = 1; i <= 60; i += 1) {
        await notifier.agentReplied([chatMessage(`m${i}`, i, { text: `reply ${i}` })], URL, 'Acme');
        await advance(100);
      }
      await advance(NOTIFY_INTERVAL_MS);
      expect([...shown.keys()]).toEqual([`lqs-desk:${URL}`]);
      expect(shown.get(`lqs-desk:${URL}`)).toEqual({
        type: 'basic',
        iconUrl: 'icon.png',
        title: 'Acme: 60 new messages',
        message: 'A: reply 60',
      });
      const ids = new Set([
        ...apis.notifications.create.mock.calls.map((c) => c[0]),
        ...(apis.notifications.update?.mock.calls.map((c) => c[0]) ?? []),
      ]);
      expect(ids).toEqual(new Set([`lqs-desk:${URL}`]));
      // Rate-limited: 60 replies over 6 s change the notification a handful of times, not 60.
      const changes = apis.notifications.create.mock.calls.length + (apis.notifications.update?.mock.calls.length ?? 0);
      expect(changes).toBeLessThanOrEqual(3);
      if (withUpdate) expect(apis.notifications.create).toHaveBeenCalledTimes(1);
    }
  });

  it('keeps bidi controls of the agent out of the notification', async () => {
    const { notifier, shown } = setup(true);
    const author = { id: 'a1', username: 'maria', name: 'Maria \u202Etroppus' };
    await notifier.agentReplied([chatMessage('m1', 1, { text: 'open \u202Egnp.exe', author })], URL, 'Acme');
    expect(shown.get(`lqs-desk:${URL}`)).toMatchObject({ title: 'Maria troppus · Acme', message: 'open gnp.exe' });
  });

  it("speaks the browser's language: the count title and an attachment's preview come from the locale files", async () => {
    const german: Record<string, (subs?: string[]) => string> = {
      notifyNewMessages: (subs) => `${subs?.[0]}: ${subs?.[1]} neue Nachrichten`,
      notifyAttachment: () => 'Hat einen Anhang gesendet',
    };
    const { notifier, shown, advance } = setup(true, { getMessage: (key, subs) => german[key]?.(subs) ?? '' });
    await notifier.agentReplied([chatMessage('m1', 1, { text: 'hallo' })], URL, 'Acme');
    await notifier.agentReplied([chatMessage('m2', 2, { text: ' ' })], URL, 'Acme');
    await advance(NOTIFY_INTERVAL_MS);
    expect(shown.get(`lqs-desk:${URL}`)).toMatchObject({
      title: 'Acme: 2 neue Nachrichten',
      message: 'A: Hat einen Anhang gesendet',
    });
  });

  it('shows a single reply at once, and starts counting again once the visitor looked', async () => {
    const { notifier, shown, advance } = setup(true);
    await notifier.agentReplied([chatMessage('m1', 1, { text: 'hello' })], URL, 'Acme');
    expect(shown.get(`lqs-desk:${URL}`)).toMatchObject({ title: 'A · Acme', message: 'hello' });
    await notifier.clearAll();
    expect(shown.size).toBe(0);
    await notifier.agentReplied([chatMessage('m2', 2, { text: 'again' })], URL, 'Acme');
    expect(shown.get(`lqs-desk:${URL}`)).toMatchObject({ title: 'A · Acme', message: 'again' });
    await advance(NOTIFY_INTERVAL_MS);
    expect(shown.size).toBe(1);
  });
});

function fakeBadge(): BadgeApi {
  return { setBadgeText: vi.fn(), setBadgeBackgroundColor: vi.fn() };
}

describe('toolbar badge', () => {
  function badgeSetup() {
    const action = fakeBadge();
    const timers: Array<() => void> = [];
    const delays: number[] = [];
    const badge = createBadge(action, (fn, ms) => void (timers.push(fn), delays.push(ms)));
    const fire = async () => {
      for (const fn of timers.splice(0)) fn();
      await Promise.resolve();
      await Promise.resolve();
    };
    return { action, badge, fire, delays };
  }

  it('follows the count after a delay, with the count as it is then, and only when its text changes', async () => {
    const { action, badge, fire, delays } = badgeSetup();
    badge.show(1);
    badge.show(2);
    expect(action.setBadgeText).not.toHaveBeenCalled();
    expect(delays).toEqual([BADGE_DELAY_MS]);
    await fire();
    expect(action.setBadgeText).toHaveBeenCalledTimes(1);
    expect(action.setBadgeText).toHaveBeenLastCalledWith({ text: '2' });
    expect(action.setBadgeBackgroundColor).toHaveBeenCalledTimes(1);
    badge.show(120);
    await fire();
    expect(action.setBadgeText).toHaveBeenLastCalledWith({ text: '99' });
    // The colour is set when a number appears, not again for every count.
    expect(action.setBadgeBackgroundColor).toHaveBeenCalledTimes(1);
    badge.show(0);
    await fire();
    expect(action.setBadgeText).toHaveBeenLastCalledWith({ text: '' });
    expect(action.setBadgeText).toHaveBeenCalledTimes(3);
  });

  it('a reply an open chat marks seen within the delay never touches the badge', async () => {
    const { action, badge, fire } = badgeSetup();
    badge.show(0);
    await fire();
    // Unknown at first (the badge outlives a worker stop): the first count is written even if it is 0.
    expect(action.setBadgeText).toHaveBeenCalledWith({ text: '' });
    for (let i = 0; i < 5; i += 1) {
      badge.show(1);
      badge.show(0);
      await fire();
    }
    expect(action.setBadgeText).toHaveBeenCalledTimes(1);
    expect(action.setBadgeBackgroundColor).not.toHaveBeenCalled();
  });

  it('a failed toolbar call is reported, not thrown', async () => {
    const { action, badge, fire } = badgeSetup();
    vi.mocked(action.setBadgeText).mockRejectedValueOnce(new Error('no action'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    badge.show(3);
    await fire();
    await fire();
    expect(warn).toHaveBeenCalledWith('the toolbar badge could not be updated', expect.any(Error));
    warn.mockRestore();
  });
});

describe('toolbarAction', () => {
  it('uses action where the manifest is MV3', () => {
    const action = fakeBadge();
    expect(toolbarAction({ action, browserAction: fakeBadge() })).toBe(action);
  });

  it("uses browserAction in Firefox's MV2 build, which has no action", () => {
    const browserAction = fakeBadge();
    expect(toolbarAction({ browserAction })).toBe(browserAction);
  });

  it('says so when neither exists', () => {
    expect(() => toolbarAction({})).toThrow(/neither action nor browserAction/);
  });
});
