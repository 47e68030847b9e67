/**
 * "Share this page" and "Send a screenshot" from the chat's menu: the page is read or pictured only now, on the
 * visitor's click; a screenshot is then shown to them, and sent only if they confirm.
 */
import type { ActivePage, Capture } from '../lib/ui/active-page';
import type { ChatModel } from '../lib/ui/chat-model';
import type { ChatUi } from './chat-ui';

/** Sends the active tab's address and title to the agent, or opens the dialog that says why it cannot. */
export async function sharePage(model: ChatModel, ui: ChatUi, read: () => Promise<ActivePage>): Promise<void> {
  try {
    const page = await read();
    if (page.kind !== 'page') {
      ui.dialog.value = { kind: 'share-help', reason: page.kind };
      return;
    }
    await model.act('chat/sharePage', { url: page.url, title: page.title });
  } catch (error) {
    ui.dialog.value = {
      kind: 'share-help',
      reason: 'failed',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Pictures the page and opens the dialog that shows it before sending, or says how to grant access. */
export async function screenshot(ui: ChatUi, capture: () => Promise<Capture>): Promise<void> {
  const shot = await capture();
  ui.dialog.value =
    shot.kind === 'image' ? { kind: 'screenshot', file: shot.file } : { kind: 'share-help', reason: 'no-access' };
}
