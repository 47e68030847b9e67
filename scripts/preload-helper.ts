/**
 * Vite's dynamic imports wait on `lib/ui/preload.ts` instead of Vite's own preload helper (docs/performance.md,
 * Size): the same contract (`__vitePreload(load, deps)`), a fifth of the bytes.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const VITE_HELPER = '\0vite/preload-helper.js';
const OWN_HELPER = fileURLToPath(new URL('../lib/ui/preload.ts', import.meta.url));

/** The Vite plugin (build only: the dev server loads modules one by one, without the helper). */
export function preloadHelper(): Plugin {
  return {
    name: 'lqs-preload-helper',
    apply: 'build',
    enforce: 'pre',
    resolveId: (source) => (source === VITE_HELPER ? OWN_HELPER : null),
  };
}

/**
 * Parts that load only on the visitor's action (a click, a drag, a notification), or once the page is idle: their
 * `import()` fetches the chunks they import one after the other (a few milliseconds inside the extension) instead
 * of listing them all in the eager chunk to preload. Every other part (one a first screen can show: the forms,
 * the notices, the Markdown renderer, attachments, the desk switcher, uploads) keeps its chunks preloaded beside it.
 */
const ON_ACTION = /^chunks\/(ChatMenu|ChatDialogs|PastChats|FilePreview|EditBar|DropZone|notification-focus)\.js$/;

/** Vite's `build.modulePreload.resolveDependencies`: the chunks to preload with `file` (its stylesheets always). */
export function preloadedChunks(file: string, chunks: string[]): string[] {
  return ON_ACTION.test(file) ? [] : chunks.filter((chunk) => chunk !== file);
}
