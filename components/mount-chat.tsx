import { render } from 'preact';
import type { StoredFirstScreen } from '../lib/first-screen';
import type { BgToUi, UiPort } from '../lib/messaging';
import { autoSeen } from '../lib/ui/auto-seen';
import { createBackgroundClient } from '../lib/ui/background-client';
import { createChatModel, nextFrame } from '../lib/ui/chat-model';
import { makeTimeFormat, takeStoredTimes } from '../lib/ui/format';
import { effect } from '../lib/ui/signals';
import type { ChatActions } from './chat-actions';
import { ChatApp } from './ChatApp';
import { createChatUi } from './chat-ui';

export interface MountOptions {
  /** Opens a port to the worker: `() => browser.runtime.connect({ name: PORT_NAME })`. */
  connect: (deliver: (message: BgToUi) => void) => UiPort;
  layout: 'popup' | 'sidepanel';
  actions: ChatActions;
  /** The stored first screen (lib/first-screen.ts), read and checked as early as the page could; null if none. */
  firstScreen?: Promise<StoredFirstScreen | null>;
}

/** Longest wait for storage before the port opens anyway: a page must never wait on storage alone. */
const STORAGE_WAIT_MS = 1_000;

/** Wires client, model and view into `root`; returns the function that tears it all down. */
export function mountChat(
  root: HTMLElement,
  { connect, layout, actions, firstScreen: stored }: MountOptions,
): () => void {
  // The port wakes a stopped worker, and its start (its script, the desks read from storage, the server's link)
  // runs in the page's own renderer process and in the browser's, on the same two cores as the page's first
  // screen: with a stored first screen to show, the port opens once that is drawn (issue 12, cold opens).
  let drawn = (): void => undefined;
  const firstScreenDrawn = new Promise<void>((resolve) => (drawn = resolve));
  const client = createBackgroundClient(connect, stored ? { openAfter: firstScreenDrawn } : {});
  const model = createChatModel(client);
  const ui = createChatUi();
  const stopSeen = autoSeen(model, root.ownerDocument);
  let closed = false;
  // A stopped worker takes a while to answer: the first screen it stored shows meanwhile (lib/first-screen.ts).
  if (stored) setTimeout(drawn, STORAGE_WAIT_MS);
  void stored?.then(
    (screen) => {
      if (!screen || closed) return drawn();
      nextFrame(() => setTimeout(drawn));
      takeStoredTimes(screen.times);
      model.preview(screen.snapshot);
    },
    () => drawn(),
  );
  render(<ChatApp model={model} layout={layout} actions={actions} ui={ui} />, root);
  // The first time formatter of a page loads its language's data (10–25 ms in a new renderer). The stored first
  // screen brings its times as texts, so the formatter is made once the port is open, before the worker's
  // snapshot (whose older messages need it) can arrive.
  const makeFormatter = (): void => void setTimeout(() => closed || makeTimeFormat());
  if (stored) void firstScreenDrawn.then(makeFormatter);
  else makeFormatter();
  // Following a clicked notification is not needed to interact: its code loads (and reads session storage) in the
  // task after the first frame that shows the chat, not while the first screen is on its way.
  let stopFocus: (() => void) | null = null;
  let shown = false;
  const stopWaiting = effect(() => {
    if (shown || !model.ready.value) return;
    shown = true;
    nextFrame(() =>
      setTimeout(() => {
        if (closed) return;
        void import('./notification-focus').then(({ followNotificationFocus }) => {
          if (!closed) stopFocus = followNotificationFocus(ui, model);
        });
      }),
    );
  });
  return () => {
    render(null, root);
    closed = true;
    stopWaiting();
    stopFocus?.();
    stopSeen();
    model.dispose();
    client.close();
  };
}
