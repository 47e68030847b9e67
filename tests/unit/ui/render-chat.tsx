/** Renders the whole chat against a scripted worker, for component tests. */
import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import { ChatApp } from '../../../components/ChatApp';
import type { ChatUi } from '../../../components/chat-ui';
import type { ChatSnapshot } from '../../../lib/messaging';
import type { ActivePage, Capture } from '../../../lib/ui/active-page';
import { createBackgroundClient } from '../../../lib/ui/background-client';
import { createChatModel } from '../../../lib/ui/chat-model';
import { baseSnapshot, createFakeWorker, flush } from './fake-worker';

export async function renderChat(
  snapshot: Partial<ChatSnapshot> = {},
  {
    layout = 'popup',
    sidePanel = true,
    ui,
    activePage,
    captureTab,
  }: {
    layout?: 'popup' | 'sidepanel';
    sidePanel?: boolean;
    ui?: ChatUi;
    activePage?: () => Promise<ActivePage>;
    captureTab?: () => Promise<Capture>;
  } = {},
) {
  const worker = createFakeWorker(baseSnapshot(snapshot));
  const client = createBackgroundClient(worker.connect);
  const model = createChatModel(client);
  const actions = {
    openOptions: vi.fn(),
    ...(sidePanel ? { openSidePanel: vi.fn() } : {}),
    ...(activePage ? { activePage } : {}),
    ...(captureTab ? { captureTab } : {}),
  };
  const view = render(<ChatApp model={model} layout={layout} actions={actions} ui={ui} />);
  await flush();
  return {
    ...view,
    worker,
    model,
    actions,
    cleanup(): void {
      view.unmount();
      model.dispose();
      client.close();
    },
  };
}
