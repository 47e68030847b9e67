import { customAlphabet } from 'nanoid';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createDdpClient, systemClock } from '../lib/ddp';
import { defineDesksItem } from '../lib/background/desk';
import { createDeskStore } from '../lib/background/desk-store';
import { storeFirstScreen } from '../lib/background/first-screen';
import { NOTIFICATION_PREFIX, toolbarAction } from '../lib/background/notifier';
import { startWorker } from '../lib/background/worker';
import { openChat } from '../lib/background/open-chat';
import { isOwnPage } from '../lib/background/port-guard';
import { createChannelRegistry, type RawBgPort } from '../lib/background/channel-port';
import { focusDeskItem, focusMessageItem } from '../lib/focus';
import { PORT_NAME } from '../lib/messaging';
import type { ManagedPolicy } from '../lib/managed';
import { effectiveSettings, loadSettings, originPattern, settingsItem, withoutDesk } from '../lib/settings';

/** Meteor's id alphabet: message and room ids look like the ones Rocket.Chat makes itself. */
const meteorId = customAlphabet('23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz', 17);
const visitorToken = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 32);
const KEEPALIVE_ALARM = 'lqs-keepalive';

export default defineBackground(() => {
  // The policy in force, kept so a visitor's change applies at once: a chat page may write to the worker right
  // after the options page saved, and must find the new desk, not wait for a policy read. Until the first read
  // is done (a change can be what woke the worker), changes wait for it.
  let policy: ManagedPolicy | null = null;
  const firstRead = loadSettings(browser.storage.managed).then((loaded) => {
    policy ??= loaded.policy;
    return loaded;
  });
  const desks = createDeskStore(browser.storage.local, () => defineDesksItem().getValue());
  const worker = startWorker({
    loadSettings: async () => (await firstRead).settings,
    watchSettings: (listener) => {
      void settingsItem.watch((next) => {
        if (policy) listener(effectiveSettings(next, policy));
        else void firstRead.then(({ policy: read }) => listener(effectiveSettings(next, read)));
      });
      // An administrator's change reaches running browsers too.
      browser.storage.onChanged.addListener((_changes, area) => {
        if (area !== 'managed') return;
        void loadSettings(browser.storage.managed).then((loaded) => {
          policy = loaded.policy;
          listener(loaded.settings);
        });
      });
    },
    loadDesks: () => desks.load(),
    saveDesks: (all) => desks.save(all),
    dropDesk: async (serverUrl) => {
      const { settings, unusedOrigin } = withoutDesk(await settingsItem.getValue(), serverUrl);
      await settingsItem.setValue(settings);
      // Least privilege: a desk's origin goes with its last desk. A build's own origin cannot be removed; the
      // refusal is expected and harmless.
      if (unusedOrigin) await browser.permissions.remove({ origins: [originPattern(unusedOrigin)] }).catch(() => false);
    },
    createDdp: (serverUrl) =>
      createDdpClient({
        url: serverUrl,
        socketFactory: (url) => new WebSocket(url),
        clock: systemClock,
        autoConnect: false,
        // normalizeMessage reads `{$date}` itself and keeps milliseconds: a revived Date would only be undone.
        reviveStreamArgs: false,
        // A visitor waits for the agent: be back within moments of the server. Retries only run while the
        // conversation needs the link (a chat open or a room open), and the jitter spreads visitors apart.
        backoff: { initialMs: 300, factor: 1.5, maxMs: 5_000, jitter: 0.3 },
        onError: (error, context) => console.warn(`ddp ${context}`, error),
      }),
    fetch: (input, init) => fetch(input, init),
    clock: systemClock,
    // Half a frame: a burst reaches a chat page in about two posts per frame, and the page renders once a frame.
    uiBurstMs: 8,
    newId: meteorId,
    newToken: visitorToken,
    apis: { notifications: browser.notifications, action: toolbarAction(browser), i18n: browser.i18n },
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    clickedDesk: async () => {
      const desk = await focusDeskItem.getValue();
      if (desk) await focusDeskItem.setValue(null);
      return desk;
    },
    build: browser.runtime.getManifest().version,
    // The tag a chat page's `locale` starts with (lib/ui/i18n.ts).
    uiLanguage: () => browser.i18n.getUILanguage() || 'en',
    saveFirstScreen: storeFirstScreen(browser.storage),
    keepAlive: (on) => {
      if (on) void browser.alarms.create(KEEPALIVE_ALARM, { periodInMinutes: 0.5 });
      else void browser.alarms.clear(KEEPALIVE_ALARM);
    },
  });

  // Listeners are registered synchronously so events that woke the worker are not missed.
  // A chat page's channel (Chrome): its messages then skip the browser process (lib/background/channel-port.ts).
  const channels = createChannelRegistry();
  globalThis.addEventListener?.('message', (event) => {
    const { data, ports } = event as MessageEvent;
    channels.receive(data, ports);
  });
  browser.runtime.onConnect.addListener((port) => {
    // Only this extension's own pages (popup, side panel) may talk to the worker.
    if (port.name === PORT_NAME && isOwnPage(port.sender, browser.runtime.id, browser.runtime.getURL('/'))) {
      void worker.attach(channels.wrap(port as unknown as RawBgPort));
    } else port.disconnect();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === KEEPALIVE_ALARM) void worker.ready.then(() => worker.wake());
  });
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    // Open first: the side panel may only be opened while the click still counts as a user gesture.
    void openChat(browser);
    // The notification's id names its desk: the chat opens on that desk, at its newest reply.
    const desk = id.slice(NOTIFICATION_PREFIX.length);
    void focusDeskItem.setValue(desk);
    void worker.ready.then(() => focusMessageItem.setValue(worker.focusTarget(desk)));
    void browser.notifications.clear(id);
  });
  globalThis.addEventListener?.('online', () => worker.wake());
});
