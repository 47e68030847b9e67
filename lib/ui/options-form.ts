/**
 * The options page's save logic, without `browser.*` so it can be tested: validate, ask for host access to the
 * server's origin, then write the settings. The permission prompt only appears inside a user gesture, so
 * {@link saveOptions} calls `requestAccess` before its first `await`; the page must call it from the click.
 */
import { isCleartextUrl } from '../cleartext';
import { checkServerUrl, desksOf, originPattern, type VisitorSettings } from '../settings';
import { t } from './i18n';
import { isValidEmail } from './validate';

export type OptionsErrors = Partial<Record<'serverUrl' | 'email', string>>;

/** What the form edits: the default desk's address and the visitor's own settings (the desk list has its own). */
export type OptionsInput = Omit<VisitorSettings, 'desks' | 'department'>;

export type SaveOutcome =
  | { status: 'invalid'; errors: OptionsErrors }
  | { status: 'saved'; settings: VisitorSettings }
  /** Access to the server was refused: everything else was saved, the server address was not. */
  | { status: 'refused'; settings: VisitorSettings; errors: OptionsErrors };

export interface SaveDeps {
  previous: VisitorSettings;
  /** `browser.permissions.request({ origins: [pattern] })` */
  requestAccess(pattern: string): Promise<boolean>;
  /** `browser.permissions.remove({ origins: [pattern] })`, for the origin the visitor moved away from. */
  dropAccess(pattern: string): Promise<unknown>;
  write(settings: VisitorSettings): Promise<void>;
}

/**
 * Words a refused server address in the visitor's language. `checkServerUrl` decides whether an address is
 * acceptable; this only tells the visitor why not, following the same order of checks.
 */
export function serverError(input: string): string {
  const text = input.trim();
  if (!text) return t('errorServerEmpty');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return t('errorServerInvalid', text);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return t('errorServerProtocol', `${url.protocol}//`);
  if (url.username || url.password) return t('errorServerCredentials');
  return t('errorServerInvalid', text);
}

/** Checks the form; returns the errors to show next to the fields, or the cleaned values. */
export function validateOptions(
  input: OptionsInput,
): { ok: true; settings: OptionsInput; origin: string } | { ok: false; errors: OptionsErrors } {
  const errors: OptionsErrors = {};
  const server = checkServerUrl(input.serverUrl);
  if (!server.ok) errors.serverUrl = serverError(input.serverUrl);
  const cleartext = server.ok && isCleartextUrl(server.url);
  if (server.ok && cleartext && !input.allowCleartext) errors.serverUrl = t('errorServerCleartext', server.origin);
  const email = input.email.trim();
  if (email && !isValidEmail(email)) errors.email = t('errorEmailNamed', email);
  if (!server.ok || errors.serverUrl || errors.email) return { ok: false, errors };
  return {
    ok: true,
    origin: server.origin,
    settings: {
      serverUrl: server.url,
      name: input.name.trim(),
      email,
      notifications: input.notifications,
      // Consent covers this unencrypted address only; moving to https:// or loopback forgets it.
      allowCleartext: cleartext && input.allowCleartext,
    },
  };
}

function originOf(url: string): string | null {
  const check = url ? checkServerUrl(url) : null;
  return check?.ok ? check.origin : null;
}

/** The desk list with the default desk replaced by `after` in its place (or leading, if it was not listed). */
function replaceDefault(previous: VisitorSettings, after: string): string[] {
  const desks = desksOf(previous);
  const at = desks.indexOf(previous.serverUrl);
  const next = at >= 0 ? desks.map((desk, i) => (i === at ? after : desk)) : [after, ...desks];
  return [...new Set(next.filter(Boolean))];
}

/** Validates, asks for access (synchronously, keeping the user gesture), then saves. */
export function saveOptions(input: OptionsInput, deps: SaveDeps): Promise<SaveOutcome> {
  const validated = validateOptions(input);
  if (!validated.ok) return Promise.resolve({ status: 'invalid', errors: validated.errors });
  const checked = {
    ...validated,
    settings: { ...validated.settings, desks: replaceDefault(deps.previous, validated.settings.serverUrl) },
  };
  const access = deps.requestAccess(originPattern(checked.origin));
  return (async (): Promise<SaveOutcome> => {
    let granted: boolean;
    try {
      granted = await access;
    } catch {
      granted = false;
    }
    if (!granted) {
      const settings = { ...checked.settings, serverUrl: deps.previous.serverUrl, desks: deps.previous.desks };
      await deps.write(settings);
      const error = t('errorAccessRefused', checked.origin);
      return { status: 'refused', settings, errors: { serverUrl: error } };
    }
    await deps.write(checked.settings);
    const before = originOf(deps.previous.serverUrl);
    const stillUsed = checked.settings.desks.some((desk) => originOf(desk) === before);
    if (before && before !== checked.origin && !stillUsed) {
      // Least privilege: the old desk's origin is no longer needed. A build-time required origin cannot be
      // removed; that refusal is expected and harmless.
      await deps.dropAccess(originPattern(before)).catch(() => undefined);
    }
    return { status: 'saved', settings: checked.settings };
  })();
}
