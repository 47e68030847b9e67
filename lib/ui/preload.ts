/**
 * What a lazy part's `import()` waits for: the build (scripts/preload-helper.ts) routes Vite's dynamic imports here
 * instead of Vite's own helper, which weighed 0.6 kB gzip in the popup's eager chunk for cases the extension does
 * not have (browsers without `modulepreload`, CSP nonces, `vite:preloadError` listeners). As Vite's: the part's
 * stylesheets are linked and waited for, so it never shows unstyled, and the chunks it imports are preloaded
 * beside it. Unlike Vite's, a second part that needs a stylesheet still loading waits for it too.
 */

/** Each file linked so far, by URL: its stylesheet's load, or nothing to wait for (a chunk, a link in the HTML). */
const linked = new Map<string, Promise<unknown> | undefined>();

/**
 * Links `deps` (build-relative paths: `assets/x.css`, `chunks/y.js`), then runs `load` (the `import()`) once every
 * stylesheet among them has loaded; a stylesheet that fails to load fails the import.
 */
export function __vitePreload<T>(load: () => Promise<T>, deps?: string[]): Promise<T> {
  return Promise.all(
    (deps ?? []).map((dep) => {
      const href = `/${dep}`;
      if (!linked.has(href)) linked.set(href, link(href));
      return linked.get(href);
    }),
  ).then(load);
}

function link(href: string): Promise<unknown> | undefined {
  if (document.querySelector(`link[href="${href}"]`)) return undefined;
  const css = href.endsWith('.css');
  const element = document.createElement('link');
  element.rel = css ? 'stylesheet' : 'modulepreload';
  element.crossOrigin = '';
  element.href = href;
  document.head.append(element);
  if (!css) return undefined;
  return new Promise((resolve, reject) => {
    element.onload = resolve;
    element.onerror = () => reject(new Error(`Could not load ${href}`));
  });
}
