/**
 * The options page's list of desks, without `browser.*` so it can be tested: add a desk (validated, with host
 * access asked for its origin from the visitor's click), or make one the default. Forgetting a desk is the
 * worker's (`desk/forget`): it holds the desk's record.
 */
import { isCleartextUrl } from '../cleartext';
import { checkServerUrl, desksOf, originPattern, type VisitorSettings } from '../settings';
import { t } from './i18n';
import { serverError } from './options-form';

export interface DeskListDeps {
  previous: VisitorSettings;
  /** `browser.permissions.request({ origins: [pattern] })` */
  requestAccess(pattern: string): Promise<boolean>;
  write(settings: VisitorSettings): Promise<void>;
}

export type AddOutcome =
  | { status: 'invalid'; error: string }
  /** Access to the server was refused: nothing was saved. */
  | { status: 'refused'; error: string }
  | { status: 'added'; settings: VisitorSettings; url: string };

/**
 * Validates the address, asks for access (synchronously, keeping the user gesture; the page must call it from the
 * click), then appends the desk to the list. A plain http:// desk elsewhere than this machine is refused here:
 * the visitor can still make it the default desk above, where they confirm it.
 */
export function addDesk(input: string, deps: DeskListDeps): Promise<AddOutcome> {
  const check = checkServerUrl(input);
  if (!check.ok) return Promise.resolve({ status: 'invalid', error: serverError(input) });
  if (isCleartextUrl(check.url)) {
    return Promise.resolve({ status: 'invalid', error: t('errorServerCleartext', check.origin) });
  }
  const desks = desksOf(deps.previous);
  if (desks.includes(check.url)) {
    return Promise.resolve({ status: 'invalid', error: t('errorDeskListed', new URL(check.url).host) });
  }
  const access = deps.requestAccess(originPattern(check.origin));
  return (async (): Promise<AddOutcome> => {
    const granted = await access.catch(() => false);
    if (!granted) return { status: 'refused', error: t('errorAccessRefused', check.origin) };
    // The first desk ever added is the default one.
    const serverUrl = deps.previous.serverUrl || check.url;
    const settings = { ...deps.previous, serverUrl, desks: [...desks, check.url] };
    await deps.write(settings);
    return { status: 'added', settings, url: check.url };
  })();
}

/** The settings with `url` (one of the listed desks) as the default desk. */
export function withDefault(settings: VisitorSettings, url: string): VisitorSettings {
  return { ...settings, serverUrl: url, desks: desksOf(settings) };
}
