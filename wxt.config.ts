import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { preact } from '@preact/preset-vite';
import { plainFileNames } from './scripts/file-names';
import { optionsCopy } from './scripts/options-copy';
import { preloadedChunks, preloadHelper } from './scripts/preload-helper';
import { renderBlockingScript } from './scripts/render-blocking';
import type { PluginOption } from 'vite';
import { defineConfig } from 'wxt';
import { brandedMessages, checkDeskUrl, ICON_SIZES, readBrand } from './scripts/brand';
import { accentPair } from './lib/accent';

/**
 * A branded build (docs/deploy.md): `LQS_BRAND=brands/example wxt zip` takes name, icon, colour, desk, locale and
 * Firefox id from that folder's brand.json and builds into `.output/brands/<folder>`.
 */
const brand = process.env.LQS_BRAND ? readBrand(process.env.LQS_BRAND) : null;

/**
 * A build may bake its Rocket.Chat server in: `LQS_SERVER_URL=https://chat.example.com wxt build`, or a brand's
 * deskUrl. Its origin then becomes a required host permission and the default server; otherwise host access is
 * requested at run time for whatever server the visitor configures. A non-loopback http:// address fails the
 * build: visitors' messages would cross the network unencrypted.
 */
const presetServer = process.env.LQS_SERVER_URL || brand?.deskUrl || '';
const presetOrigin = presetServer
  ? `${checkDeskUrl(presetServer, process.env.LQS_SERVER_URL ? 'LQS_SERVER_URL' : 'brand.json deskUrl')}/*`
  : null;

/**
 * The extension pages' CSP, stricter than the browsers' defaults: only the extension's own scripts, no plugins,
 * no frames (nothing remote can be embedded in the chat), no `<base>` rewriting relative URLs.
 */
const CSP = "script-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'";

/**
 * JSX compiles to Preact's `h(type, props, ...children)` instead of its automatic runtime's `jsx(type, { ...props,
 * children: [...] })`: shorter at every element, and no second vnode factory (0.17 kB gzip less in the popup's eager
 * chunk, docs/performance.md, Size). Build only; the unit tests and the type checker keep the automatic runtime,
 * whose vnodes Preact treats the same.
 */
const classicJsx = (): PluginOption => ({
  name: 'lqs-classic-jsx',
  apply: 'build',
  config: () => ({
    esbuild: {
      jsx: 'transform',
      jsxFactory: 'h',
      jsxFragment: 'Fragment',
      jsxInject: "import { h, Fragment } from 'preact'",
    },
  }),
});

export default defineConfig({
  imports: false,
  ...(brand ? { outDir: `.output/brands/${brand.slug}` } : {}),
  zip: {
    ...(brand ? { name: brand.slug } : {}),
    // The sources zip addons.mozilla.org reviewers rebuild from: the code and the build, not local test output.
    excludeSources: ['test-results/**', '.tmp/**', 'docs/screenshots/**'],
  },
  hooks: {
    // WXT names the toolbar button and the sidebar after the pages' <title>; they take the localized (or brand's)
    // name instead.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const surface of [manifest.action, manifest.browser_action, manifest.sidebar_action]) {
        if (surface) surface.default_title = '__MSG_extName__';
      }
    },
    // A brand's icon and texts replace the stock ones in the build's public files.
    'build:publicAssets': async (wxt, files) => {
      if (!brand) return;
      const { renderIcons } = await import('./scripts/brand-icons');
      const icons = await renderIcons(brand.icon, ICON_SIZES, join(wxt.config.wxtDir, 'brand-icons', brand.slug));
      for (let i = 0; i < files.length; i += 1) {
        const file = files[i];
        if (!file || !('absoluteSrc' in file)) continue;
        const size = /^icon\/(\d+)\.png$/.exec(file.relativeDest)?.[1];
        const icon = size ? icons.get(Number(size)) : undefined;
        if (icon) files[i] = { ...file, absoluteSrc: icon };
        else if (/^_locales\/[^/]+\/messages\.json$/.test(file.relativeDest)) {
          const messages = JSON.parse(readFileSync(file.absoluteSrc, 'utf8')) as Record<string, { message: string }>;
          files[i] = { relativeDest: file.relativeDest, contents: brandedMessages(messages, brand) };
        }
      }
    },
  },
  vite: () => ({
    plugins: [preact(), optionsCopy(), preloadHelper(), classicJsx(), renderBlockingScript(), plainFileNames()],
    build: {
      // Terser's second pass shrinks what the popup loads before it is interactive by 0.8 kB gzip over esbuild's
      // minifier, the worker by 2 kB (docs/performance.md, Size).
      minify: 'terser',
      terserOptions: { compress: { passes: 2 } },
      // Every browser the manifest allows (Chrome 116+, Firefox 142+) preloads modules itself. Parts loaded on an
      // action fetch their own imports; the eager chunk lists only what a first screen's parts import.
      modulePreload: { polyfill: false, resolveDependencies: preloadedChunks },
      // For bench/size-breakdown.ts only: maps beside the chunks, which stay byte for byte the shipped ones.
      sourcemap: process.env.LQS_SOURCEMAP ? 'hidden' : false,
    },
    define: {
      __LQS_PRESET_SERVER__: JSON.stringify(presetServer),
      __LQS_BRAND_ACCENT__: JSON.stringify(brand?.colors.accent ?? ''),
      __LQS_DEFAULT_THEME__: JSON.stringify(accentPair(brand?.colors.accent)),
      __LQS_SINGLE_DESK__: JSON.stringify(brand ? !brand.allowOtherDesks : false),
    },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    ...(brand ? { short_name: '__MSG_extShortName__' } : {}),
    description: '__MSG_extDescription__',
    default_locale: brand?.defaultLocale ?? 'en',
    minimum_chrome_version: '116',
    permissions: ['storage', 'notifications', 'alarms', 'activeTab', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    ...(manifestVersion === 3
      ? {
          host_permissions: presetOrigin ? [presetOrigin] : [],
          optional_host_permissions: ['http://*/*', 'https://*/*'],
        }
      : {
          optional_permissions: ['http://*/*', 'https://*/*'],
          permissions: ['storage', 'notifications', 'alarms', 'activeTab', ...(presetOrigin ? [presetOrigin] : [])],
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
              id: brand?.firefoxId ?? 'livechat-quick-support@example.org',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
    content_security_policy: manifestVersion === 3 ? { extension_pages: CSP } : CSP,
  }),
});
