import { browser } from 'wxt/browser';
import { mountChat } from '../../components/mount-chat';
import { PORT_NAME, type UiPort } from '../../lib/messaging';
import { captureActiveTab, readActivePage } from '../../lib/ui/active-page';

mountChat(document.getElementById('app')!, {
  connect: (): UiPort => browser.runtime.connect({ name: PORT_NAME }),
  layout: 'sidepanel',
  actions: {
    openOptions: () => void browser.runtime.openOptionsPage(),
    activePage: () => readActivePage(),
    captureTab: () => captureActiveTab(),
  },
});
