/**
 * The UI speaks through `browser.i18n`, which the test browser does not implement: tests read the shipped
 * English locale file instead. Import this module first in every UI test.
 */
import en from '../../../public/_locales/en/messages.json';
import { setBaseCatalog } from '../../../lib/ui/base-catalog';

setBaseCatalog(en, 'en');
