/**
 * Texts read from a shipped locale file rather than from `browser.i18n` (lib/ui/i18n.ts): a desk's language other
 * than the browser's, loaded beside that file, and in tests the base language (lib/ui/base-catalog.ts).
 */
import type { Catalog, Texts } from './i18n';

/** Fills Chrome-style placeholders: `$name$` takes its declared content, then `$1`…`$9` the substitutions. */
export function format(entry: Catalog[string], subs: readonly string[]): string {
  const named = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
    const declared = Object.entries(entry.placeholders ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return declared ? declared[1].content : whole;
  });
  return named.replace(/\$(\d|\$)/g, (_, n: string) => (n === '$' ? '$' : (subs[Number(n) - 1] ?? '')));
}

/** The texts of `catalog`, placeholders filled. */
export function textsOf(catalog: Catalog): Texts {
  return (key, subs) => {
    const entry = catalog[key];
    return entry && format(entry, subs);
  };
}
