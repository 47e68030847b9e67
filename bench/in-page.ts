/**
 * Runs a typed function inside a page. tsx compiles with esbuild's `keepNames`, which wraps inner
 * functions in a `__name(fn, "name")` helper that exists only in Node; a function shipped to the browser as its
 * source text then fails with "__name is not defined". Each function is therefore sent with a no-op `__name`.
 */
import type { Page } from 'playwright-core';

function source<A>(fn: (arg: A) => unknown, arg: A): string {
  return `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg)}); })()`;
}

/** `page.evaluate(fn, arg)` that survives tsx; `arg` must be JSON. */
export async function run<A, R>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  return (await page.evaluate(source(fn, arg))) as R;
}

/** Adds `fn(arg)` as a script that runs in the page before any of its own scripts, on every navigation. */
export async function addInit<A>(page: Page, fn: (arg: A) => unknown, arg: A): Promise<void> {
  await page.addInitScript(source(fn, arg));
}
