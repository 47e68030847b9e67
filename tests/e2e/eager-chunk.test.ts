/**
 * What the popup loads before it is interactive (issue 12), read from the build the other e2e suites use
 * (`wxt build` first): parts the first screen does not show stay out of it, and so does a polyfill Chromium's MV3
 * APIs do not need.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { moduleGraph, type ReadFile } from '../../bench/module-graph';

const BUILD = '.output/chrome-mv3';
const read: ReadFile = (path) => {
  const full = join(BUILD, path);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : null;
};
const text = (files: string[]): string => files.map((file) => read(file) ?? '').join('\n');

it('keeps the file preview out of the popup’s eager files, and loads it on demand', () => {
  const popup = moduleGraph(['popup.html'], read);
  expect(text(popup.eager)).not.toContain('lqs-file__thumb');
  expect(text(popup.lazy)).toContain('lqs-file__thumb');
});

/**
 * Parts of states a first screen rarely shows, each found by a string only it has: a minified style rule
 * (`.class{`), a class only its component writes, or an icon's path.
 */
const LAZY_PARTS: Array<[part: string, marker: string]> = [
  ['the menu list’s styles', '.lqs-menu__list{'],
  ['the desk switcher’s swatch style', '.lqs-desk-swatch{'],
  ['the upload list’s styles', '.lqs-upload__bar{'],
  ['the notice screens’ styles', '.lqs-notice__icon{'],
  ['the notice panel', 'lqs-notice__body'],
  ['the no-server notice’s icon', 'M7 7.5h.01M7 16.5h.01'],
  ['the offline notice’s icon', 'M21 12.8A9 9 0 1 1'],
  ['the edit bar and its styles', 'lqs-composer__editing'],
  ['the close icon (edit bar, file preview, uploads)', 'M18 6 6 18'],
  ['the attachments’ styles', '.lqs-attachment--file{'],
  ['the gate of an outside image', 'lqs-image-gate'],
  ['the file icon (attachments, file preview, uploads)', 'M14 2v6h6'],
  ['the queue and error line, and its styles', 'lqs-queue-spot'],
  ['the drop zone and its styles', 'lqs-dropzone'],
  ['the emoji short codes’ loader (the Markdown renderer’s)', 'The emoji table could not be loaded'],
  ['the system lines’ wording (a first screen’s come worded by the worker)', 'systemClosedByYou'],
  ['the words of a link in trouble (a first screen says “Connecting…”)', 'connFailedBecause'],
  ['the unread counts’ style (the desk switcher’s menu)', '.lqs-count{'],
  ['the danger and full-width buttons’ styles (forms, dialogs)', '.lqs-button--danger{'],
  ['the “New messages” button and its styles', '.lqs-jump{'],
  ['the first check of an attached file, and file sizes', 'fileTooLarge'],
  ['the placeholders of a desk language’s texts', 'a-z0-9_@'],
];

it.each(LAZY_PARTS)(
  'keeps %s out of the popup’s and the side panel’s eager files, and loads it on demand',
  (_, marker) => {
    for (const page of ['popup.html', 'sidepanel.html']) {
      const graph = moduleGraph([page], read);
      expect(text(graph.eager)).not.toContain(marker);
      expect(text(graph.lazy)).toContain(marker);
    }
  },
);

it('shows the stored first screen with the eager files alone: its check loads no chunk while a cold open waits', () => {
  for (const page of ['popup.html', 'sidepanel.html']) {
    const graph = moduleGraph([page], read);
    expect(text(graph.eager)).toContain('firstScreen');
    expect(graph.lazy.filter((file) => /first-screen|shapes/.test(file))).toEqual([]);
  }
});

it('loads the same files in the popup and the side panel, straight from their HTML: no entry file of their own', () => {
  const popup = moduleGraph(['popup.html'], read).eager;
  expect(moduleGraph(['sidepanel.html'], read).eager).toEqual(popup);
  expect(popup.filter((file) => /^chunks\/(popup|sidepanel)\./.test(file))).toEqual([]);
});

it('names the chat’s files without a content hash: the eager chunk names every lazy part’s (scripts/file-names.ts)', () => {
  const popup = moduleGraph(['popup.html'], read);
  expect(popup.eager).toEqual(['chunks/chat-page.js', 'assets/chat-page.css']);
  expect(popup.lazy).toEqual(
    expect.arrayContaining(['chunks/Markdown.js', 'assets/Markdown.css', 'chunks/system-text.js']),
  );
  for (const file of popup.lazy) expect(file).toMatch(/^(chunks\/[\w-]+\.js|assets\/[\w-]+\.css)$/);
});

it('gives the popup, the side panel and the options page one stylesheet each with the shared tokens in it', () => {
  for (const page of ['popup.html', 'sidepanel.html', 'options.html']) {
    const sheets = moduleGraph([page], read).eager.filter((file) => file.endsWith('.css'));
    const withTokens = sheets.filter((file) => read(file)?.includes('--lqs-accent:'));
    expect(withTokens).toHaveLength(1);
    if (page !== 'options.html') expect(sheets).toEqual(withTokens);
  }
});

it('loads one script in the popup and the side panel, shared with no other page: the options page has its own copies', () => {
  const popup = moduleGraph(['popup.html'], read).eager;
  expect(popup.filter((file) => file.endsWith('.js'))).toHaveLength(1);
  const options = moduleGraph(['options.html'], read);
  expect([...options.eager, ...options.lazy].filter((file) => popup.includes(file))).toEqual([]);
});

it('waits for lazy parts with its own preload helper, and lists to preload only what a first screen’s parts import', () => {
  for (const page of ['popup.html', 'sidepanel.html']) {
    const eager = text(moduleGraph([page], read).eager);
    expect(eager).not.toContain('vite:preloadError');
    // The registration form and the notices (first screens) keep their imports preloaded beside them.
    expect(eager).toContain('"chunks/Field.js"');
    expect(eager).toContain('"chunks/NoticePanel.js"');
    // The dialogs open on a click: they fetch their own imports then.
    expect(eager).not.toContain('"chunks/Dialog.js"');
    expect(eager).not.toContain('"chunks/Confirm.js"');
  }
});

it('ships no webextension-polyfill in the popup or the worker', () => {
  const manifest = JSON.parse(read('manifest.json') ?? 'null') as { background: { service_worker: string } };
  const files = [
    ...moduleGraph(['popup.html'], read).eager,
    ...moduleGraph([manifest.background.service_worker], read).eager,
  ];
  expect(text(files)).not.toContain('This script should only be loaded in a browser extension');
});

it('asks storage for the first screen before any other module’s code asks for a chunk (issue 12)', () => {
  // A bundle runs its modules' top-level code in the order it holds them: the read leaves first.
  const chat = moduleGraph(['popup.html'], read).eager.find((file) => file === 'chunks/chat-page.js')!;
  const code = read(chat) ?? '';
  // The session copy is asked for first (lib/first-screen.ts).
  expect(code.indexOf('session?.get(')).toBeGreaterThan(0);
  expect(code.indexOf('session?.get(')).toBeLessThan(code.indexOf('import("./'));
});

it('holds the chat pages’ first frame until their script has run: no empty frame before it (issue 12)', () => {
  for (const page of ['popup.html', 'sidepanel.html']) {
    expect(read(page)).toMatch(/<script type="module" crossorigin blocking="render" src="\/chunks\/chat-page\.js"/);
  }
});
