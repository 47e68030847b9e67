/** "Share this page" from the chat's menu: read the page (only now, on the visitor's click) and send it. */
import type { ActivePage } from '../lib/ui/active-page';
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
