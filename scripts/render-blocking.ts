/**
 * Each page's script holds the page's first frame until it has run (`blocking="render"`; browsers without it ignore
 * the attribute). Without it Chromium may draw the popup once its stylesheet is in, before its script has run (one
 * warm open in three in traces, issue 12): that frame paints an empty `#app`, the module waits for it, and the
 * loading screen, the first frame with content, for the frame after.
 */
import type { Plugin } from 'vite';

const ENTRY = /<script type="module" crossorigin src=/g;

/** The Vite plugin: marks the module script Vite writes into each built page. */
export function renderBlockingScript(): Plugin {
  return {
    name: 'lqs-render-blocking-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(ENTRY, '<script type="module" crossorigin blocking="render" src='),
    },
  };
}
