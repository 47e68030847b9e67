import { effect } from '@preact/signals';
import { render } from 'preact';
import type { UiPort } from '../lib/messaging';
import { autoSeen } from '../lib/ui/auto-seen';
import { createBackgroundClient } from '../lib/ui/background-client';
import { createChatModel } from '../lib/ui/chat-model';
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
 * Follows the message a clicked notification asked to show (session storage, set by the worker). Loaded after
 * the chat is on screen: it is not needed to interact, so it stays out of what the popup loads on open.
 */
function followNotificationFocus(ui: ChatUi): () => void {
  let stopped = false;
  let stopWatch: (() => void) | undefined;
  let stopClear: (() => void) | undefined;
  void import('../lib/focus').then(async ({ focusMessageItem }) => {
    if (stopped) return;
    let pending = false;
    const take = (id: string | null): void => {
      if (!id) return;
      pending = true;
      ui.focusId.value = id;
    };
    stopWatch = focusMessageItem.watch(take);
    // Once the log has shown the message it clears the signal; the stored id goes with it.
    stopClear = effect(() => {
      if (ui.focusId.value === null && pending) {
        pending = false;
        void focusMessageItem.setValue(null);
      }
    });
    take(await focusMessageItem.getValue());
  });
  return () => {
    stopped = true;
    stopWatch?.();
    stopClear?.();
  };
}

/** Wires client, model and view into `root`; returns the function that tears it all down. */
export function mountChat(root: HTMLElement, { connect, layout, actions }: MountOptions): () => void {
  const client = createBackgroundClient(connect);
  const model = createChatModel(client);
  const ui = createChatUi();
  const stopSeen = autoSeen(model, root.ownerDocument);
  render(<ChatApp model={model} layout={layout} actions={actions} ui={ui} />, root);
  const stopFocus = followNotificationFocus(ui);
  return () => {
    render(null, root);
    stopFocus();
    stopSeen();
    model.dispose();
    client.close();
  };
}
