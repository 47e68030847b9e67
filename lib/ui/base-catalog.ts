/** The base language from a locale file instead of the browser's, for where no extension runtime is. */
import { textsOf } from './catalog';
import { setBaseTexts, type Catalog } from './i18n';

/**
 * Replaces `browser.i18n` as the base language where the extension runtime is absent (unit tests, the
 * screenshot of a single component). The extension itself never calls this.
 */
export function setBaseCatalog(catalog: Catalog | null, tag = 'en'): void {
  setBaseTexts(catalog && textsOf(catalog), catalog ? tag : null);
}
