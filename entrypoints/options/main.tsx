import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsPage } from '../../components/OptionsPage';
import { settingsItem } from '../../lib/settings';

render(
  <OptionsPage
    load={() => settingsItem.getValue()}
    deps={{
      requestAccess: (pattern) => browser.permissions.request({ origins: [pattern] }),
      dropAccess: (pattern) => browser.permissions.remove({ origins: [pattern] }),
      write: (settings) => settingsItem.setValue(settings),
    }}
  />,
  document.getElementById('app')!,
);
