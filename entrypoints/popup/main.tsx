import { browser } from 'wxt/browser';
import { mountChat } from '../../components/mount-chat';
import { PORT_NAME, type UiPort } from '../../lib/messaging';

// Chrome's sidePanel.open() must run inside the click's user gesture, so the window id is looked up beforehand.
const sidePanel = (browser as { sidePanel?: typeof browser.sidePanel }).sidePanel;
let windowId: number | undefined;
if (sidePanel) void browser.windows.getCurrent().then((window) => (windowId = window.id));

function openSidePanel(): void {
  if (!sidePanel || windowId === undefined) return;
  sidePanel.open({ windowId }).then(
    () => window.close(),
    (error: unknown) => console.error('Could not open the side panel', error),
  );
}

mountChat(document.getElementById('app')!, {
  connect: (): UiPort => browser.runtime.connect({ name: PORT_NAME }),
  layout: 'popup',
  actions: {
    openOptions: () => void browser.runtime.openOptionsPage().then(() => window.close()),
    ...(sidePanel ? { openSidePanel } : {}),
    // Read only on the visitor's click, and loaded then: no part of what the chat loads on open.
    activePage: () => import('../../lib/ui/active-page').then((page) => page.readActivePage()),
    captureTab: () => import('../../lib/ui/active-page').then((page) => page.captureActiveTab()),
  },
});
