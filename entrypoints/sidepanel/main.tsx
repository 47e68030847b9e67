import { browser } from 'wxt/browser';
import { mountChat } from '../../components/mount-chat';
import { PORT_NAME, type UiPort } from '../../lib/messaging';

mountChat(document.getElementById('app')!, {
  connect: (): UiPort => browser.runtime.connect({ name: PORT_NAME }),
  layout: 'sidepanel',
  actions: {
    openOptions: () => void browser.runtime.openOptionsPage(),
    // Read only on the visitor's click, and loaded then: no part of what the chat loads on open.
    activePage: () => import('../../lib/ui/active-page').then((page) => page.readActivePage()),
    captureTab: () => import('../../lib/ui/active-page').then((page) => page.captureActiveTab()),
  },
});
