import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsPage } from '../../components/OptionsPage';
import { probeDesk } from '../../lib/livechat/desk-probe';
import { PORT_NAME, PROTOCOL_VERSION, type BgToUi } from '../../lib/messaging';
import { locale, t } from '../../lib/ui/i18n';
import { loadSettings, settingsItem } from '../../lib/settings';

// The page speaks the browser's language (the desk's is unknown here); say so to screen readers and the tab.
document.documentElement.lang = locale.value;
document.title = `${t('extName')} — ${t('settings')}`;

render(
  <OptionsPage
    load={() => loadSettings(browser.storage.managed)}
    deps={{
      requestAccess: (pattern) => browser.permissions.request({ origins: [pattern] }),
      dropAccess: (pattern) => browser.permissions.remove({ origins: [pattern] }),
      write: (settings) => settingsItem.setValue(settings),
    }}
    probe={(serverUrl) => probeDesk(serverUrl, (url, init) => fetch(url, init))}
    desks={{
      requestAccess: (pattern) => browser.permissions.request({ origins: [pattern] }),
      write: (settings) => settingsItem.setValue(settings),
      // The worker holds the desk's record: it deletes it, then the desk from the settings and its permission.
      forget: (desk) =>
        new Promise<void>((resolve, reject) => {
          // One request on a port of its own: the chat's client (reconnects, events) is more than this page needs.
          const port = browser.runtime.connect({ name: PORT_NAME });
          port.onMessage.addListener((message: BgToUi) => {
            if (message.kind !== 'response' || message.id !== 'forget') return;
            port.disconnect();
            if (message.ok) resolve();
            else reject(new Error(message.error.message));
          });
          port.onDisconnect.addListener(() => reject(new Error('The extension background was restarted; try again')));
          port.postMessage({ v: PROTOCOL_VERSION, kind: 'request', id: 'forget', op: 'desk/forget', params: { desk } });
        }),
    }}
  />,
  document.getElementById('app')!,
);
