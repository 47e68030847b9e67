/**
 * The worker's composition root: restores state before answering any UI, runs one session per desk the visitor
 * added (the desk registry keeps a link up only where one is needed), and relays to UIs, notifications and the
 * badge.
 */
import type { Clock } from '../ddp/types';
import type { FirstScreen } from '../first-screen';
import type { FetchLike } from '../livechat/rest';
import { emptySnapshot, type BgPort, type ChatSnapshot } from '../messaging';
import { desksOf, type VisitorSettings } from '../settings';
import { newDesk, type DeskRecord } from './desk';
import { createDeskRegistry } from './desk-registry';
import { createDeskRuntime, type DeskRuntime, type ManagedDdp } from './desk-runtime';
import { createDeskList } from './desk-list';
import { createFirstScreenKeeper } from './first-screen';
import type { NotifierApis } from './notifier';
import { essentialDesk, leanDesk, trimArchives } from './storage-budget';
import { repairDesks, repairSettings } from './repair';
import { createUiHub } from './ui-hub';
import type { Say } from '../system-line';

export type { ManagedDdp } from './desk-runtime';

export interface WorkerDeps {
  loadSettings(): Promise<VisitorSettings>;
  watchSettings(listener: (settings: VisitorSettings) => void): void;
  /** The stored desks as found: anything, for the repair to judge. */
  loadDesks(): Promise<unknown>;
  /** Makes storage hold these desks (writing only what changed is the store's job: `desk-store.ts`). */
  saveDesks(desks: Record<string, DeskRecord>): Promise<void>;
  /** Drops a forgotten desk from the visitor's settings and gives up its host permission if no desk needs it. */
  dropDesk(serverUrl: string): Promise<void>;
  createDdp(serverUrl: string): ManagedDdp;
  fetch: FetchLike;
  clock: Clock;
  /** The hub's burst window in ms (`HubOptions.burst`, lib/background/ui-hub.ts); unset: none. */
  uiBurstMs?: number;
  newId(): string;
  newToken(): string;
  apis: NotifierApis;
  iconUrl: string;
  /** Keeps the worker coming back while a room is open, even if the browser stopped it (alarms). */
  keepAlive(on: boolean): void;
  /** Takes (reads and clears) the desk whose notification the visitor clicked, if any: the next chat shows it. */
  clickedDesk?(): Promise<string | null>;
  /** Stores the first screen a chat page shows while the worker starts, or removes it (lib/first-screen.ts). */
  saveFirstScreen?(screen: FirstScreen | null): Promise<void>;
  /** The extension's version, written with the first screen: a page of another build does not show it. */
  build?: string;
  /** The browser's UI language (`i18n.getUILanguage()`): the first screen's times are stored as its texts. */
  uiLanguage?(): string;
}
/** A failed read of stored data, logged and turned into a value the repair resets. */
const unreadable = (what: string) => (error: unknown) => {
  console.warn(`the stored ${what} could not be read; starting afresh`, error);
  return 'unreadable' as const;
};

const UNCONFIGURED: ChatSnapshot = emptySnapshot({ state: 'unconfigured' });

/** Starts the worker logic. `ready` resolves once persisted state is restored. */
export function startWorker(deps: WorkerDeps) {
  let desks: Record<string, DeskRecord> = {};
  let settings: VisitorSettings | null = null;
  /** The desk a newly opened chat shows: the one last looked at (or a notification's), else the default. */
  let preferred: string | null = null;

  /** Set when stored data had to be repaired on start; every snapshot carries it so each chat says so. */
  let notice: ChatSnapshot['notice'] = null;
  const registry = createDeskRegistry<DeskRuntime>({
    create: (url) => {
      const runtime: DeskRuntime = createDeskRuntime(desks[url] ?? newDesk(url, deps.newToken()), {
        ...deps,
        settings: () => settings,
        watchers: () => hub.openCount(url),
        save: (saved) => {
          // A forgotten desk's last delayed write must not bring it back.
          if (registry.get(url) !== runtime) return;
          const before = { ...desks, [saved.serverUrl]: saved };
          desks = trimArchives(before);
          persist();
          if (hub.openCount() === 0) firstScreen.update();
          // What the budget removed (from any desk: the total is shared) goes from the live desks too; their next
          // save then finds nothing to trim.
          for (const [other, kept] of Object.entries(desks)) {
            if (kept === before[other]) continue;
            registry.get(other)?.state.update({ archive: kept.archive, archiveTrimmed: true });
          }
        },
        onEvent: (event) => {
          hub.publish(url, event);
          if (event.type !== 'patch') return;
          if ('config' in event.payload || 'unread' in event.payload) desksChanged();
          if ('room' in event.payload || 'config' in event.payload) registry.applyLinks();
        },
      });
      return runtime;
    },
    watchers: (url) => hub.openCount(url ?? undefined),
    keepAlive: deps.keepAlive,
    clock: deps.clock,
  });

  const deskList = createDeskList({
    runtimes: () => registry.runtimes(),
    publish: (desks) => hub.publishAll({ type: 'patch', payload: { desks } }),
    action: deps.apis.action,
    setTimeout: (fn, ms) => void deps.clock.setTimeout(fn, ms),
  });
  const desksChanged = (): void => deskList.changed();

  const initialDesk = (): string | null =>
    preferred && registry.get(preferred) ? preferred : (registry.urls()[0] ?? null);
  const snapshotOf = (desk: string | null): ChatSnapshot => {
    const runtime = desk === null ? undefined : registry.get(desk);
    return { ...(runtime?.state.snapshot() ?? UNCONFIGURED), desks: deskList.summaries(), notice };
  };
  // The browser's language, which a chat page speaks until a desk's own is loaded: the system lines of what a page
  // shows first come worded in it (lib/system-line.ts), so the page draws them before its own wording is in.
  const i18n = deps.apis.i18n;
  const say: Say | undefined = i18n && ((key, ...subs) => i18n.getMessage(key, subs) || key);
  const firstScreen = createFirstScreenKeeper(
    () => {
      const desk = initialDesk();
      return desk === null ? null : snapshotOf(desk);
    },
    (screen) => deps.saveFirstScreen?.(screen) ?? Promise.resolve(),
    deps.build ?? '',
    say,
    deps.uiLanguage,
  );

  const need = (desk: string | null): DeskRuntime => {
    const runtime = desk === null ? undefined : registry.get(desk);
    if (!runtime) throw new Error('No support desk is configured yet: open the options page to set one.');
    return runtime;
  };
  const hub = createUiHub(
    {
      snapshot: snapshotOf,
      initial: initialDesk,
      exists: (desk) => registry.get(desk) !== undefined,
    },
    {
      'chat/register': async (p, desk) => (await need(desk).register(p), null),
      'chat/send': async (p, desk) => ({ messageId: need(desk).session.send(p.text) }),
      'chat/sharePage': async (p, desk) => ({ messageId: need(desk).sharePage(p) }),
      'chat/retry': async (p, desk) => (need(desk).session.retry(p.messageId), null),
      'chat/typing': async (p, desk) => (await need(desk).session.typing(p.typing), null),
      'chat/seen': async (_p, desk) => {
        if (desk !== null) await registry.get(desk)?.seen();
        return null;
      },
      'chat/resync': async () => null,
      'chat/loadOlder': async (_p, desk) => ({ loaded: await need(desk).session.actions.loadOlder() }),
      'chat/close': async (_p, desk) => (await need(desk).session.actions.close(), null),
      'chat/new': async (_p, desk) => (need(desk).session.actions.startNew(), null),
      'chat/survey': async (p, desk) => (await need(desk).session.actions.survey(p.answers), null),
      'chat/transcript': async (p, desk) => ({ message: await need(desk).session.actions.transcript(p.email) }),
      'chat/offline': async (p, desk) => ({ message: await need(desk).session.actions.offline(p) }),
      'chat/department': async (p, desk) => (await need(desk).session.actions.department(p.department), null),
      'chat/edit': async (p, desk) => (await need(desk).session.actions.edit(p.messageId, p.text), null),
      'chat/delete': async (p, desk) => (await need(desk).session.actions.remove(p.messageId), null),
      'chat/uploadStart': async (p, desk) => need(desk).session.uploads.start(p),
      'chat/uploadChunk': async (p, desk) => ({
        accepted: need(desk).session.uploads.chunk(p.uploadId, p.offset, p.dataBase64),
      }),
      'chat/uploadCancel': async (p, desk) => (need(desk).session.uploads.cancel(p.uploadId), null),
      'settings/reconnect': async (_p, desk) => (need(desk).ddp.reconnect(), null),
      'history/list': async (_p, desk) => need(desk).session.history.list(),
      'history/open': async (p, desk) => need(desk).session.history.open(p.roomId),
      'history/loadOlder': async (p, desk) => await need(desk).session.history.loadOlder(p.roomId),
      'history/forget': async (p, desk) => {
        need(desk).session.history.forget(p.roomId);
        firstScreen.update();
        return null;
      },
      'desk/forget': async (p) => (await forget(p.desk), null),
    },
    { burst: deps.uiBurstMs ? { windowMs: deps.uiBurstMs, clock: deps.clock } : undefined, say },
  );
  hub.onOpenCountChange((changed) => {
    registry.applyLinks();
    for (const url of changed) {
      const count = hub.openCount(url);
      if (count > 0) preferred = url;
      registry.get(url)?.watchersChanged(count);
    }
    // The last chat closed: the next one (maybe after the worker was stopped) starts from what it showed.
    if (hub.openCount() === 0) firstScreen.update();
  });

  /** Deletes a desk: its runtime stops, its record (token, visitor, rooms, messages) leaves storage. */
  async function forget(url: string): Promise<void> {
    if (!registry.get(url) && !desks[url]) throw new Error(`No desk ${url}`);
    registry.sync(registry.urls().filter((known) => known !== url));
    const { [url]: _gone, ...rest } = desks;
    desks = rest;
    persist();
    if (preferred === url) preferred = null;
    hub.resnapshot();
    desksChanged();
    firstScreen.update();
    await writing;
    await firstScreen.written();
    await deps.dropDesk(url);
  }

  // One write at a time, always of the latest desks: a slow or failed write is never overtaken by an older one.
  let writing: Promise<void> = Promise.resolve();
  let writeQueued = false;
  function persist(): void {
    if (writeQueued) return;
    writeQueued = true;
    writing = writing.then(async () => {
      writeQueued = false;
      const all = desks;
      // Whole, then lean, then only what must never be lost: a full storage never stops the visitor's own data.
      for (const cut of [null, leanDesk, essentialDesk]) {
        const desksToSave = cut ? Object.fromEntries(Object.entries(all).map(([url, d]) => [url, cut(d)])) : all;
        try {
          await deps.saveDesks(desksToSave);
          return;
        } catch (error) {
          console.warn(`saving the conversation${cut ? ` (${cut.name})` : ''} failed`, error);
        }
      }
      console.error('saving the conversation failed: storage refuses even the essentials');
    });
  }

  let first = true;
  /** The visitor's desks changed (or were read): start the new ones, stop the ones no longer listed. */
  function apply(next: VisitorSettings): void {
    const urls = desksOf(next);
    const { added, removed } = registry.sync(urls);
    if (added.length === 0 && removed.length === 0 && !first) return;
    first = false;
    if (preferred && !urls.includes(preferred)) preferred = null;
    if (removed.length > 0) firstScreen.update();
    // The default desk leads: a visitor who just picked one sees it on the next opening.
    if (next.serverUrl && urls.includes(next.serverUrl) && added.includes(next.serverUrl)) preferred = next.serverUrl;
    hub.resnapshot();
    desksChanged();
  }

  let restored = false;
  // Watch before reading, so a change saved while the worker starts is not missed between the two.
  deps.watchSettings((next) => {
    settings = repairSettings(next).value;
    if (restored) apply(settings);
  });
  const ready = (async () => {
    // Storage may hold anything: what cannot be read or repaired is reset, and the chat is usable either way.
    const [storedDesks, loaded] = await Promise.all([
      deps.loadDesks().catch(unreadable('conversation')),
      deps.loadSettings().catch(unreadable('settings')),
    ]);
    const repairedDesks = repairDesks(storedDesks === 'unreadable' ? 'unreadable' : storedDesks);
    const repairedSettings = repairSettings(loaded === 'unreadable' ? 'unreadable' : loaded);
    desks = repairedDesks.value;
    settings ??= repairedSettings.value;
    if (repairedDesks.reset || repairedSettings.reset) {
      notice = 'storage-reset';
      console.warn('stored data was damaged and has been partly reset');
    }
    restored = true;
    apply(settings);
    if (repairedDesks.reset) persist();
  })();

  return {
    ready,
    /** Attaches a UI port once state is restored, so no UI ever sees an empty snapshot. */
    async attach(port: BgPort): Promise<void> {
      // Listen at once: a port drops what arrives while nothing listens, and a UI may write before the worker
      // has restored its state (a cold start reads storage and the organization's policy first).
      const early: unknown[] = [];
      const hold = (message: unknown) => void early.push(message);
      port.onMessage.addListener(hold);
      await ready;
      // Read at the opening itself: the click may have woken a worker that knows nothing of it otherwise.
      const clicked = await deps.clickedDesk?.().catch(() => null);
      if (clicked && registry.get(clicked)) preferred = clicked;
      port.onMessage.removeListener(hold);
      hub.attach(port, early);
    },
    /**
     * A click on a desk's notification: the next chat to open shows that desk, at its newest agent reply (the
     * message returned, for the UI to scroll to).
     */
    focusTarget(desk?: string): string | null {
      const runtime = desk ? registry.get(desk) : registry.get(registry.urls()[0] ?? '');
      if (desk && runtime) {
        preferred = desk;
        // The chat the click opens shows the stored first screen before it hears from the worker: this desk's.
        firstScreen.update();
      }
      return runtime?.state.desk.messages.findLast((m) => m.from === 'agent')?.id ?? null;
    },
    /** Re-checks the links (alarm, `online` event): each desk that needs its link reconnects, one after another. */
    wake(): void {
      registry.wake();
    },
  };
}
