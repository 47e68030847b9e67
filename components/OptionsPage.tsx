import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { VisitorSettings } from '../lib/settings';
import { t } from '../lib/ui/i18n';
import { saveOptions, type OptionsErrors, type SaveDeps } from '../lib/ui/options-form';
import { ChatIcon } from './icons';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './theme.css';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './forms.css';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './options.css';

interface Props {
  load(): Promise<VisitorSettings>;
  deps: Omit<SaveDeps, 'previous'>;
}

/** The settings form: support desk address, the visitor's name and e-mail, notifications. */
export function OptionsPage({ load, deps }: Props) {
  const saved = useSignal<VisitorSettings | null>(null);
  const serverUrl = useSignal('');
  const name = useSignal('');
  const email = useSignal('');
  const notifications = useSignal(true);
  const errors = useSignal<OptionsErrors>({});
  const status = useSignal<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const busy = useSignal(false);

  useEffect(() => {
    load().then(
      (settings) => {
        saved.value = settings;
        serverUrl.value = settings.serverUrl;
        name.value = settings.name;
        email.value = settings.email;
        notifications.value = settings.notifications;
      },
      (error: unknown) => (status.value = { tone: 'error', text: t('optionsReadFailed', String(error)) }),
    );
  }, []);

  function onSubmit(event: Event): void {
    event.preventDefault();
    if (!saved.value) return;
    status.value = null;
    busy.value = true;
    // Called synchronously from the submit event: the permission prompt needs this user gesture.
    const outcome = saveOptions(
      { serverUrl: serverUrl.value, name: name.value, email: email.value, notifications: notifications.value },
      { ...deps, previous: saved.value },
    );
    outcome
      .then((result) => {
        if (result.status === 'invalid') {
          errors.value = result.errors;
          (event.target as HTMLFormElement).querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
          return;
        }
        saved.value = result.settings;
        name.value = result.settings.name;
        email.value = result.settings.email;
        if (result.status === 'refused') {
          // The typed address stays in the field so the visitor can try again.
          errors.value = result.errors;
          status.value = { tone: 'error', text: t('optionsPartlySaved') };
          return;
        }
        serverUrl.value = result.settings.serverUrl;
        errors.value = {};
        status.value = { tone: 'ok', text: t('optionsSaved') };
      })
      .catch((error: unknown) => (status.value = { tone: 'error', text: t('optionsSaveFailed', String(error)) }))
      .finally(() => (busy.value = false));
  }

  const e = errors.value;
  return (
    <main class="lqs-options">
      <header class="lqs-options__header">
        <span class="lqs-options__logo" aria-hidden="true">
          <ChatIcon />
        </span>
        <div>
          <h1>{t('extName')}</h1>
          <p>{t('settings')}</p>
        </div>
      </header>
      <form class="lqs-form lqs-options__card" onSubmit={onSubmit} noValidate aria-busy={saved.value === null}>
        <div class="lqs-field">
          <label for="opt-server">{t('optionsServer')}</label>
          <input
            id="opt-server"
            type="url"
            inputMode="url"
            autocomplete="url"
            placeholder="https://chat.example.com"
            value={serverUrl}
            onInput={(ev) => (serverUrl.value = ev.currentTarget.value)}
            aria-invalid={Boolean(e.serverUrl)}
            aria-describedby={e.serverUrl ? 'opt-server-error' : 'opt-server-hint'}
          />
          {e.serverUrl ? (
            <p id="opt-server-error" class="lqs-field__error" role="alert">
              {e.serverUrl}
            </p>
          ) : (
            <p id="opt-server-hint" class="lqs-field__hint">
              {t('optionsServerHint')}
            </p>
          )}
        </div>
        <div class="lqs-field">
          <label for="opt-name">{t('optionsName')}</label>
          <input
            id="opt-name"
            type="text"
            autocomplete="name"
            value={name}
            onInput={(ev) => (name.value = ev.currentTarget.value)}
          />
        </div>
        <div class="lqs-field">
          <label for="opt-email">{t('optionsEmail')}</label>
          <input
            id="opt-email"
            type="email"
            autocomplete="email"
            value={email}
            onInput={(ev) => (email.value = ev.currentTarget.value)}
            aria-invalid={Boolean(e.email)}
            aria-describedby={e.email ? 'opt-email-error' : 'opt-email-hint'}
          />
          {e.email ? (
            <p id="opt-email-error" class="lqs-field__error" role="alert">
              {e.email}
            </p>
          ) : (
            <p id="opt-email-hint" class="lqs-field__hint">
              {t('optionsEmailHint')}
            </p>
          )}
        </div>
        <div class="lqs-field lqs-field--check">
          <input
            id="opt-notifications"
            type="checkbox"
            checked={notifications}
            onChange={(ev) => (notifications.value = ev.currentTarget.checked)}
          />
          <label for="opt-notifications">{t('optionsNotifications')}</label>
        </div>
        <div class="lqs-options__actions">
          <button type="submit" class="lqs-button lqs-button--primary" disabled={busy.value || saved.value === null}>
            {busy.value ? t('optionsSaving') : t('optionsSave')}
          </button>
          <span class="lqs-options__status" data-tone={status.value?.tone} role="status">
            {status.value?.text}
          </span>
        </div>
      </form>
    </main>
  );
}
