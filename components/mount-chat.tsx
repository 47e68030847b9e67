import { effect } from '@preact/signals';
import { render } from 'preact';
import type { UiPort } from '../lib/messaging';
import { autoSeen } from '../lib/ui/auto-seen';
import { createBackgroundClient } from '../lib/ui/background-client';
import { createChatModel, type ChatModel } from '../lib/ui/chat-model';
import type { ChatActions } from './chat-actions';
import { ChatApp } from './ChatApp';
import { createChatUi, type ChatUi } from './chat-ui';

export interface MountOptions {
  /** Opens a port to the worker: `() => browser.runtime.connect({ name: PORT_NAME })`. */
  connect: () => UiPort;
  layout: 'popup' | 'sidepanel';
  actions: ChatActions;
}

/**
 * Follows the desk and message a clicked notification asked to show (session storage, set by the worker). Loaded
 * after the chat is on screen: it is not needed to interact, so it stays out of what the popup loads on open.
 */
function followNotificationFocus(ui: ChatUi, model: ChatModel): () => void {
  let stopped = false;
  const stops: Array<() => void> = [];
  void import('../lib/focus').then(async ({ focusDeskItem, focusMessageItem }) => {
    if (stopped) return;
    /** The desk asked for, until this page shows it; the message waits for it (another desk's log lacks it). */
    let wantDesk: string | null = null;
    let heldId: string | null = null;
    let pending = false;
    const apply = (): void => {
      if (!heldId || (wantDesk !== null && model.serverUrl.value !== wantDesk)) return;
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
    stops.push(
      focusDeskItem.watch(showDesk),
      focusMessageItem.watch(take),
      effect(() => {
        void model.serverUrl.value;
        apply();
      }),
      // Once the log has shown the message it clears the signal; the stored id goes with it.
      effect(() => {
        if (ui.focusId.value === null && pending) {
          pending = false;
          void focusMessageItem.setValue(null);
        }
      }),
    );
    showDesk(await focusDeskItem.getValue());
    take(await focusMessageItem.getValue());
  });
  return () => {
    stopped = true;
    for (const stop of stops) stop();
  };
}

/** Wires client, model and view into `root`; returns the function that tears it all down. */
export function mountChat(root: HTMLElement, { connect, layout, actions }: MountOptions): () => void {
  const client = createBackgroundClient(connect);
  const model = createChatModel(client);
  const ui = createChatUi();
  const stopSeen = autoSeen(model, root.ownerDocument);
  render(<ChatApp model={model} layout={layout} actions={actions} ui={ui} />, root);
  const stopFocus = followNotificationFocus(ui, model);
  return () => {
    render(null, root);
    stopFocus();
    stopSeen();
    model.dispose();
    client.close();
  };
}
