import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsPage } from '../../components/OptionsPage';
import { probeDesk } from '../../lib/livechat/desk-probe';
import { PORT_NAME, type UiPort } from '../../lib/messaging';
import { createBackgroundClient } from '../../lib/ui/background-client';
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
      forget: async (desk) => {
        const client = createBackgroundClient(() => browser.runtime.connect({ name: PORT_NAME }) as unknown as UiPort);
        try {
          await client.request('desk/forget', { desk });
        } finally {
          client.close();
        }
      },
    }}
  />,
  document.getElementById('app')!,
);
