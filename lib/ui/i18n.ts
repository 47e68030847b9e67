/**
 * Every string the visitor reads goes through {@link t}. The extension's own locale files
 * (`public/_locales/<dir>/messages.json`) are the source; the browser picks one of them by its UI language. A
 * desk configured for another language wins: that locale's file is fetched from the extension at run time and
 * looked up first, so a Brazilian desk talks Portuguese to a visitor whose browser is in English.
 */
import { signal } from './signals';
import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;
export type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** Locale folders shipped in `public/_locales`, default first. */
export const LOCALES = ['en', 'pt_BR', 'de'] as const;

function browserLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    // No extension runtime (unit tests): the page's language is the closest thing.
    return globalThis.navigator?.language || 'en';
  }
}

/** The BCP 47 tag the UI speaks right now (for `Intl` formats and `<html lang>`). */
export const locale = signal(browserLanguage());
/** A locale file's texts (lib/ui/catalog.ts): the text for `key` with `$1`… filled, or undefined without one. */
export type Texts = (key: string, subs: readonly string[]) => string | undefined;
const deskTexts = signal<Texts | null>(null);
let baseTexts: Texts | null = null;
let baseLocale: string | null = null;
let generation = 0;
/**
 * The browser's texts as it gave them, by key and substitutions: they cannot change while the page lives, and each
 * `getMessage` costs the page about 0.1 ms, paid on every new message (the log's day line asks for "Today", each
 * bubble for "Message from $1 at $2", the same for all of a minute's messages by one sender). At most
 * `BROWSER_TEXTS_KEPT` are kept: the texts with substitutions are as many as the messages.
 */
const browserTexts = new Map<string, string>();
const BROWSER_TEXTS_KEPT = 500;

/** The shipped locale folder that serves a language tag (`pt-BR` → `pt_BR`, `de-AT` → `de`), or null. */
export function localeDir(tag: string): string | null {
  const wanted = tag.trim().replace('-', '_').toLowerCase();
  if (!wanted) return null;
  const exact = LOCALES.find((dir) => dir.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split('_')[0];
  return LOCALES.find((dir) => dir.toLowerCase().split('_')[0] === base) ?? null;
}

/** The text for `key` in the current language, with `$1`… filled from `subs`. */
export function t(key: MessageKey, ...subs: Array<string | number>): string {
  const values = subs.map(String);
  const own = deskTexts.value?.(key, values) ?? baseTexts?.(key, values);
  if (own !== undefined) return own;
  const asked = values.length === 0 ? key : `${key}\u0000${values.join('\u0000')}`;
  const known = browserTexts.get(asked);
  if (known !== undefined) return known;
  try {
    // WXT types one overload per message; the key is already checked against the English file above.
    const getMessage = browser.i18n.getMessage as (name: string, substitutions: string[]) => string;
    const text = getMessage(key, values) || key;
    if (browserTexts.size >= BROWSER_TEXTS_KEPT) browserTexts.clear();
    browserTexts.set(asked, text);
    return text;
  } catch {
    return key;
  }
}

/** Puts `texts` in place of `browser.i18n` as the base language (lib/ui/base-catalog.ts). */
export function setBaseTexts(texts: Texts | null, tag: string | null): void {
  baseTexts = texts;
  baseLocale = tag;
  deskTexts.value = null;
  locale.value = baseLocale ?? browserLanguage();
}

/** Loads one shipped locale file; throws when the extension cannot serve it. */
async function fetchCatalog(dir: string): Promise<Catalog> {
  const url = browser.runtime.getURL(`/_locales/${dir}/messages.json` as '/popup.html');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as Catalog;
}

/**
 * Follows the desk's configured language (`config.language`; empty means "the visitor's"). When it maps to a
 * shipped locale other than the one the browser chose, that locale is fetched and takes precedence; a desk
 * language we do not ship leaves the browser's choice in place.
 */
export async function followDeskLanguage(tag: string | null | undefined, load = fetchCatalog): Promise<void> {
  const current = (generation += 1);
  const ui = baseLocale ?? browserLanguage();
  const want = localeDir(tag ?? '');
  const have = localeDir(ui) ?? 'en';
  if (!want || want === have) {
    deskTexts.value = null;
    locale.value = want && tag ? tag : ui;
    return;
  }
  try {
    // What reads a locale file loads beside the file itself: only a desk in another language needs it.
    const [{ textsOf }, catalog] = await Promise.all([import('./catalog'), load(want)]);
    if (current !== generation) return;
    deskTexts.value = textsOf(catalog);
    locale.value = tag ?? ui;
  } catch (error) {
    // The browser's language still works; a missing file must not leave the chat without words.
    console.warn(`Could not load the ${want} texts`, error);
  }
}
