// The shared tokens first: the field styles imported with ./Field build on them.
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './theme.css';
import { useSignal } from '../lib/ui/signals';
import { useEffect } from '../lib/ui/hooks';
import { isCleartextUrl } from '../lib/cleartext';
import { locks, type ManagedPolicy } from '../lib/managed';
import type { VisitorSettings } from '../lib/settings';
import type { DeskProbe } from '../lib/livechat/desk-probe';
import { t } from '../lib/ui/i18n';
import { saveOptions, type OptionsErrors, type SaveDeps } from '../lib/ui/options-form';
import { CheckField, focusFirstInvalid, TextField } from './Field';
import { ChatIcon } from './icons';
import { OptionsDesks, type DeskCardDeps } from './OptionsDesks';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './options.css';

interface Props {
  /** The settings in force and the organization's policy behind them (`loadSettings`). */
  load(): Promise<{ settings: VisitorSettings; policy: ManagedPolicy }>;
  deps: Omit<SaveDeps, 'previous'>;
  /** Asks the saved server whether it is a Livechat desk (`probeDesk`). */
  probe(serverUrl: string): Promise<DeskProbe>;
  /** Adding, choosing the default and forgetting desks. */
  desks: DeskCardDeps;
}

type Status = { tone: 'ok' | 'error' | 'pending'; text: string };

function probeStatus(result: DeskProbe, host: string): Status {
  switch (result.kind) {
    case 'ready':
      return { tone: 'ok', text: t('optionsDeskReady', result.title || host) };
    case 'disabled':
      return { tone: 'error', text: t('optionsDeskDisabled', host) };
    case 'not-livechat':
      return { tone: 'error', text: t('optionsDeskNotLivechat', host) };
    case 'unreachable':
      return { tone: 'error', text: t('optionsDeskUnreachable', host, result.detail) };
  }
}

/** The settings form: support desk address, the visitor's name and e-mail, notifications. */
export function OptionsPage({ load, deps, probe, desks }: Props) {
  const saved = useSignal<VisitorSettings | null>(null);
  const serverUrl = useSignal('');
  const name = useSignal('');
  const email = useSignal('');
  const notifications = useSignal(true);
  const allowCleartext = useSignal(false);
  const errors = useSignal<OptionsErrors>({});
  const status = useSignal<Status | null>(null);
  const busy = useSignal(false);
  const policy = useSignal<ManagedPolicy>({});

  function reload(): void {
    load().then(
      (loaded) => {
        const { settings } = loaded;
        policy.value = loaded.policy;
        saved.value = settings;
        serverUrl.value = settings.serverUrl;
        name.value = settings.name;
        email.value = settings.email;
        notifications.value = settings.notifications;
        allowCleartext.value = settings.allowCleartext === true;
      },
      (error: unknown) => (status.value = { tone: 'error', text: t('optionsReadFailed', String(error)) }),
    );
  }
  useEffect(reload, []);

  function onSubmit(event: Event): void {
    event.preventDefault();
    if (!saved.value) return;
    status.value = null;
    busy.value = true;
    // Called synchronously from the submit event: the permission prompt needs this user gesture.
    const outcome = saveOptions(
      {
        serverUrl: serverUrl.value,
        name: name.value,
        email: email.value,
        notifications: notifications.value,
        allowCleartext: allowCleartext.value,
      },
      { ...deps, previous: saved.value },
    );
    outcome
      .then((result) => {
        if (result.status === 'invalid') {
          errors.value = result.errors;
          focusFirstInvalid(event.target as HTMLFormElement);
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
        const address = result.settings.serverUrl;
        const host = new URL(address).host;
        status.value = { tone: 'pending', text: t('optionsDeskChecking', host) };
        // Saving is done; the check runs on without holding the button. A later save has its own check, and the
        // answer to this one is then stale.
        void probe(address).then((answer) => {
          if (serverUrl.value === address) status.value = probeStatus(answer, host);
        });
      })
      .catch((error: unknown) => (status.value = { tone: 'error', text: t('optionsSaveFailed', String(error)) }))
      .finally(() => (busy.value = false));
  }

  const e = errors.value;
  const locked = locks(policy.value);
  const lockedText = locked.serverUrl
    ? t(locked.visitor ? 'optionsManagedBoth' : 'optionsManagedDesk')
    : locked.visitor && t('optionsManagedVisitor');
  const managedDefault = t('optionsManagedDefault');
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
        {lockedText && (
          <p class="lqs-options__managed" role="note">
            {t('optionsManagedLocked', lockedText)}
          </p>
        )}
        {!locked.serverUrl && (
          <TextField
            id="opt-server"
            type="url"
            autocomplete="url"
            placeholder="https://chat.example.com"
            label={t('optionsServer')}
            value={serverUrl}
            error={e.serverUrl}
            hint={policy.value.deskUrl ? managedDefault : t('optionsServerHint')}
          />
        )}
        {!locked.serverUrl && (allowCleartext.value || isCleartextUrl(serverUrl.value)) && (
          <CheckField id="opt-cleartext" label={t('optionsAllowCleartext')} checked={allowCleartext} />
        )}
        {!locked.visitor && (
          <>
            <TextField
              id="opt-name"
              autocomplete="name"
              label={t('optionsName')}
              value={name}
              hint={policy.value.visitorName ? managedDefault : undefined}
            />
            <TextField
              id="opt-email"
              type="email"
              autocomplete="email"
              label={t('optionsEmail')}
              value={email}
              error={e.email}
              hint={policy.value.visitorEmail ? managedDefault : t('optionsEmailHint')}
            />
          </>
        )}
        <CheckField id="opt-notifications" label={t('optionsNotifications')} checked={notifications} />
        <div class="lqs-options__actions">
          <button type="submit" class="lqs-button lqs-button--primary" disabled={busy.value || saved.value === null}>
            {busy.value ? t('optionsSaving') : t('optionsSave')}
          </button>
          <span class="lqs-options__status" data-tone={status.value?.tone} role="status">
            {status.value?.text}
          </span>
        </div>
      </form>
      {saved.value && !locked.serverUrl && !locked.otherDesks && (
        <OptionsDesks
          settings={saved.value}
          deps={desks}
          onChange={(next) => {
            if (!next) return reload();
            saved.value = next;
            serverUrl.value = next.serverUrl;
          }}
        />
      )}
    </main>
  );
}
