/**
 * The chat's chunks and stylesheets named without a content hash (`chunks/Markdown.js`, not
 * `chunks/Markdown-RIkSQgki.js`; docs/performance.md, Size). A hash busts a web cache; an extension's files come
 * from its own package, replaced whole by an update, so it busts nothing. And the popup's eager chunk names every
 * lazy part's files (each `import()` and the list of what to preload beside it): forty hashes of eight random
 * characters, which gzip cannot shrink. Rollup still gives two chunks of one name distinct file names.
 */
import type { Plugin } from 'vite';

type FileName<I> = string | ((info: I) => string) | undefined;

/** `name` with its `-[hash]` left out, whether Rollup's option is a pattern or a function returning one. */
function plain<I>(name: FileName<I>): FileName<I> {
  if (typeof name === 'string') return name.replace('-[hash]', '');
  if (typeof name === 'function') return (info: I) => name(info).replace('-[hash]', '');
  return name;
}

/** The Vite plugin (build only), applied to the output options WXT set for each of its builds. */
export function plainFileNames(): Plugin {
  return {
    name: 'lqs-plain-file-names',
    apply: 'build',
    outputOptions: (options) => ({
      ...options,
      entryFileNames: plain(options.entryFileNames),
      chunkFileNames: plain(options.chunkFileNames),
      assetFileNames: plain(options.assetFileNames),
    }),
  };
}
