import { preact } from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * A branded build may bake its Rocket.Chat server in: `LQS_SERVER_URL=https://chat.example.com wxt build`.
 * Its origin then becomes a required host permission and the default server; otherwise host access is
 * requested at run time for whatever server the visitor configures.
 */
const presetServer = process.env.LQS_SERVER_URL ?? '';
const presetOrigin = presetServer ? `${new URL(presetServer).origin}/*` : null;

/**
 * The extension pages' CSP, stricter than the browsers' defaults: only the extension's own scripts, no plugins,
 * no frames (nothing remote can be embedded in the chat), no `<base>` rewriting relative URLs.
 */
const CSP = "script-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'";

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({
    plugins: [preact()],
    define: { __LQS_PRESET_SERVER__: JSON.stringify(presetServer) },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    minimum_chrome_version: '116',
    permissions: ['storage', 'notifications', 'alarms', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    ...(manifestVersion === 3
      ? {
          host_permissions: presetOrigin ? [presetOrigin] : [],
          optional_host_permissions: ['http://*/*', 'https://*/*'],
        }
      : {
          optional_permissions: ['http://*/*', 'https://*/*'],
          permissions: ['storage', 'notifications', 'alarms', ...(presetOrigin ? [presetOrigin] : [])],
        }),
    action: { default_title: '__MSG_extName__' },
    // Chrome checks an organization's policy for the extension against this schema (see docs/deploy.md); Firefox
    // reads the same settings from policies.json and needs no schema.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    // The toolbar popup opens from the keyboard too (the visitor can change the keys at chrome://extensions/shortcuts).
    commands: {
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+L', mac: 'Alt+Shift+L' },
        description: '__MSG_commandOpenChat__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'livechat-quick-support@example.org',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
    content_security_policy: manifestVersion === 3 ? { extension_pages: CSP } : CSP,
  }),
});
