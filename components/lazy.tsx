import { signal } from '../lib/ui/signals';
import type { ComponentType, FunctionComponent } from 'preact';
import { t } from '../lib/ui/i18n';

/**
 * A component whose code is fetched on first render (a dynamic `import()` of a file inside the extension, so
 * milliseconds), keeping screens most visitors rarely see out of what the popup loads on open (DECISIONS #6).
 * `placeholder` holds the space meanwhile; a failed load says so instead of leaving a blank.
 */
export function lazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
  placeholder: 'screen' | 'none' = 'screen',
): FunctionComponent<P> {
  const loaded = signal<ComponentType<P> | null>(null);
  const failed = signal(false);
  let started = false;
  return function Lazy(props: P) {
    if (!started) {
      started = true;
      load().then(
        (component) => (loaded.value = component),
        (error: unknown) => {
          console.error('Could not load part of the chat', error);
          failed.value = true;
        },
      );
    }
    const Component = loaded.value;
    if (Component) return <Component {...props} />;
    if (failed.value) {
      return (
        <p class="lqs-form__failure" role="alert">
          {t('loadFailed')}
        </p>
      );
    }
    return placeholder === 'screen' ? <div class="lqs-loading" aria-busy="true" /> : null;
  };
}

/**
 * Starts `load` once the page is idle after its first frames, so that a part the visitor may open soon (a menu)
 * is already there when they do, without competing with the first screen.
 */
export function preloadWhenIdle(load: () => Promise<unknown>): void {
  if (typeof requestAnimationFrame !== 'function') return;
  const start = (): void => void load().catch(() => undefined);
  requestAnimationFrame(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2_000 });
    else setTimeout(start, 200);
  });
}
