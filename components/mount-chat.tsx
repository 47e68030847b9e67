import { render } from 'preact';
import type { UiPort } from '../lib/messaging';
import { autoSeen } from '../lib/ui/auto-seen';
import { createBackgroundClient } from '../lib/ui/background-client';
import { createChatModel } from '../lib/ui/chat-model';
import type { ChatActions } from './chat-actions';
import { ChatApp } from './ChatApp';

export interface MountOptions {
  /** Opens a port to the worker: `() => browser.runtime.connect({ name: PORT_NAME })`. */
  connect: () => UiPort;
  layout: 'popup' | 'sidepanel';
  actions: ChatActions;
}

/** Wires client, model and view into `root`; returns the function that tears it all down. */
export function mountChat(root: HTMLElement, { connect, layout, actions }: MountOptions): () => void {
  const client = createBackgroundClient(connect);
  const model = createChatModel(client);
  const stopSeen = autoSeen(model, root.ownerDocument);
  render(<ChatApp model={model} layout={layout} actions={actions} />, root);
  return () => {
    render(null, root);
    stopSeen();
    model.dispose();
    client.close();
  };
}
