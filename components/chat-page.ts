/**
 * The chat page of the toolbar popup and of the side panel: their `main.tsx` only import this module, so Vite
 * links its chunk straight from each page's HTML and the page loads no entry file of its own before the chat
 * (issue 12). `<div id="app" data-layout>` in the page says which of the two it is.
 */
// Imported first, so storage answers while the scripts run: a stopped worker's chat shows this meanwhile.
import { firstScreen } from './first-read';
import { browser } from 'wxt/browser';
import { PORT_NAME } from '../lib/messaging';
import { mountChat } from './mount-chat';

const root = document.getElementById('app')!;
const layout = root.dataset.layout === 'sidepanel' ? 'sidepanel' : 'popup';
const popup = layout === 'popup';

// Chrome's sidePanel.open() must run inside the click's user gesture, so the window id is looked up beforehand.
const sidePanel = popup ? (browser as { sidePanel?: typeof browser.sidePanel }).sidePanel : undefined;
let windowId: number | undefined;
if (sidePanel) void browser.windows.getCurrent().then((window) => (windowId = window.id));

function openSidePanel(): void {
  if (!sidePanel || windowId === undefined) return;
  sidePanel.open({ windowId }).then(
    () => window.close(),
    (error: unknown) => console.error('Could not open the side panel', error),
  );
}

mountChat(root, {
  connect: (deliver) => {
    const port = browser.runtime.connect({ name: PORT_NAME });
    // Chrome: the worker's messages then come on a channel of their own, past the browser process; until the
    // channel is in, they come on the port, so the first screen waits for nothing. Firefox keeps the port alone.
    void import('../lib/ui/channel-port').then((channel) => channel.openChannel(port, deliver));
    return port;
  },
  layout,
  firstScreen,
  actions: {
    // The popup gives way to the settings tab; the side panel stays open beside it.
    openOptions: () => void browser.runtime.openOptionsPage().then(() => popup && window.close()),
    ...(sidePanel ? { openSidePanel } : {}),
    // Read only on the visitor's click, and loaded then: no part of what the chat loads on open.
    activePage: () => import('../lib/ui/active-page').then((page) => page.readActivePage()),
    captureTab: () => import('../lib/ui/active-page').then((page) => page.captureActiveTab()),
  },
});
