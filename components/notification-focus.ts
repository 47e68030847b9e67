/**
 * Follows the desk and message a clicked notification asked to show (session storage, set by the worker). Loaded
 * after the chat is on screen: it is not needed to interact, so it stays out of what the popup loads on open.
 */
import { effect } from '../lib/ui/signals';
import { focusDeskItem, focusMessageItem } from '../lib/focus';
import type { ChatModel } from '../lib/ui/chat-model';
import type { ChatUi } from './chat-ui';

/** Starts following; returns the function that stops it. */
export function followNotificationFocus(ui: ChatUi, model: ChatModel): () => void {
  /** The desk asked for, until this page shows it; the message waits for it (another desk's log lacks it). */
  let wantDesk: string | null = null;
  let heldId: string | null = null;
  let pending = false;
  const apply = (): void => {
    // A stored first screen may be older than the notification: the message is looked for in the worker's state.
    if (!heldId || !model.live.value || (wantDesk !== null && model.serverUrl.value !== wantDesk)) return;
    pending = true;
    ui.focusId.value = heldId;
    heldId = wantDesk = null;
  };
  const showDesk = (desk: string | null): void => {
    if (!desk) return;
    wantDesk = desk;
    void focusDeskItem.setValue(null);
    // A desk forgotten since the notification is refused by the worker: the page stays where it is.
    void model.act('desk/focus', { desk }).catch(() => {
      wantDesk = null;
      apply();
    });
  };
  const take = (id: string | null): void => {
    if (!id) return;
    heldId = id;
    apply();
  };
  const stops = [
    focusDeskItem.watch(showDesk),
    focusMessageItem.watch(take),
    effect(() => {
      void model.serverUrl.value;
      void model.live.value;
      apply();
    }),
    // Once the log has shown the message it clears the signal; the stored id goes with it.
    effect(() => {
      if (ui.focusId.value === null && pending) {
        pending = false;
        void focusMessageItem.setValue(null);
      }
    }),
  ];
  let stopped = false;
  void (async () => {
    const desk = await focusDeskItem.getValue();
    if (!stopped) showDesk(desk);
    const id = await focusMessageItem.getValue();
    if (!stopped) take(id);
  })();
  return () => {
    stopped = true;
    for (const stop of stops) stop();
  };
}
