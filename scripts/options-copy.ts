/**
 * The options page builds from its own copies of the modules it shares with the chat (Preact, the signals, i18n,
 * the port protocol, the icons…), so that nothing the chat loads eagerly is shared with another page
 * (docs/performance.md, Size). Rollup never puts one module in two chunks: while the options page shared them,
 * they formed a chunk of their own, and popup and side panel loaded two scripts before their first frame instead
 * of one (each gzipped on its own, 0.65 kB more). The options page's own bundle gets smaller too (it no longer
 * loads the chat's icons and glue with the shared chunk); the zip grows by the copies.
 */
import type { Plugin } from 'vite';

/** What an options-page copy's module id ends with. */
export const OPTIONS_COPY = '?lqs-options';

/** Where the options page's graph starts: its HTML (WXT's plugin loader) and its script. */
const OPTIONS_PAGE = /[\\/]entrypoints[\\/]options[\\/](main\.tsx|index\.html)$/;

/**
 * Virtual modules every page imports that hold no state a copy could split (Vite's preload helper, WXT's empty
 * plugin loader); other virtual and query ids (CommonJS wrappers) stay shared, as their plugins expect their ids.
 */
const COPIED_VIRTUAL = /^\0(vite\/preload-helper|virtual:wxt-(html-)?plugins)/;

/** The Vite plugin (build only: the dev server serves each file once, by its path). */
export function optionsCopy(): Plugin {
  return {
    name: 'lqs-options-copy',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer) return null;
      const original = importer.endsWith(OPTIONS_COPY) ? importer.slice(0, -OPTIONS_COPY.length) : importer;
      if (original === importer && !OPTIONS_PAGE.test(importer)) return null;
      const resolved = await this.resolve(source, original, { ...options, skipSelf: true });
      if (!resolved || resolved.external || resolved.id.endsWith(OPTIONS_COPY)) return resolved;
      const copied = resolved.id.startsWith('\0') ? COPIED_VIRTUAL.test(resolved.id) : !resolved.id.includes('?');
      return copied ? { ...resolved, id: resolved.id + OPTIONS_COPY } : resolved;
    },
    // A file's copy loads from its path (Vite drops the query); a virtual module's from its original id.
    async load(id) {
      if (!id.startsWith('\0') || !id.endsWith(OPTIONS_COPY)) return null;
      const original = await this.load({ id: id.slice(0, -OPTIONS_COPY.length) });
      return { code: original.code ?? '', moduleSideEffects: original.moduleSideEffects };
    },
  };
}
