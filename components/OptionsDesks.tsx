/**
 * The options page's card of desks: every desk the visitor added, the default marked, each one can become the
 * default or be forgotten (after a confirmation, loaded when first asked); below, a field to add another desk.
 */
import { useSignal } from '../lib/ui/signals';
import { addDesk, withDefault, type DeskListDeps } from '../lib/ui/desk-list-form';
import { t } from '../lib/ui/i18n';
import { desksOf, type VisitorSettings } from '../lib/settings';
import { TextField } from './Field';
import { lazy } from './lazy';

const Confirm = lazy(() => import('./Confirm').then((m) => m.Confirm), 'none');

export interface DeskCardDeps extends Omit<DeskListDeps, 'previous'> {
  /** Has the worker delete the desk and everything stored for it (`desk/forget`). */
  forget(url: string): Promise<void>;
}

interface Props {
  settings: VisitorSettings;
  deps: DeskCardDeps;
  /** The settings were written (a desk added, another default), or a desk was forgotten (`null`: read again). */
  onChange(settings: VisitorSettings | null): void;
}

/** The desks card; the page leaves it out when a policy or the brand keeps the visitor on one desk. */
export function OptionsDesks({ settings, deps, onChange }: Props) {
  const address = useSignal('');
  const error = useSignal<string | undefined>(undefined);
  const status = useSignal('');
  const forgetting = useSignal<string | null>(null);
  const desks = desksOf(settings);

  function onAdd(event: Event): void {
    event.preventDefault();
    status.value = '';
    // Called synchronously from the submit event: the permission prompt needs this user gesture.
    void addDesk(address.value, { ...deps, previous: settings }).then(
      (outcome) => {
        if (outcome.status !== 'added') {
          error.value = outcome.error;
          return;
        }
        error.value = undefined;
        address.value = '';
        status.value = t('optionsDeskAdded', new URL(outcome.url).host);
        onChange(outcome.settings);
      },
      (failure: unknown) => (error.value = t('optionsSaveFailed', String(failure))),
    );
  }

  return (
    <section class="lqs-form lqs-options__card lqs-options__desks" aria-labelledby="opt-desks-title">
      <h2 id="opt-desks-title">{t('optionsDesks')}</h2>
      {desks.length > 0 && (
        <ul class="lqs-options__desk-list">
          {desks.map((url) => {
            const host = new URL(url).host;
            return (
              <li key={url} class="lqs-options__desk">
                <span class="lqs-options__desk-url">{url}</span>
                {url === settings.serverUrl ? (
                  <span class="lqs-options__desk-default">{t('optionsDefaultDesk')}</span>
                ) : (
                  <button
                    type="button"
                    class="lqs-button"
                    aria-label={t('optionsMakeDefaultNamed', host)}
                    onClick={() => {
                      const next = withDefault(settings, url);
                      void deps.write(next).then(() => onChange(next));
                    }}
                  >
                    {t('optionsMakeDefault')}
                  </button>
                )}
                <button
                  type="button"
                  class="lqs-button lqs-button--danger"
                  aria-label={t('optionsForgetDeskNamed', host)}
                  onClick={() => (forgetting.value = url)}
                >
                  {t('forgetDeskConfirm')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form class="lqs-form" onSubmit={onAdd} noValidate>
        <TextField
          id="opt-add-desk"
          type="url"
          autocomplete="url"
          placeholder="https://help.example.org"
          label={t('optionsAddDesk')}
          value={address}
          error={error.value}
        />
        <div class="lqs-options__actions">
          <button type="submit" class="lqs-button">
            {t('optionsAddDeskButton')}
          </button>
          {/* Only once a desk was added: otherwise the page keeps a single status line, its own. */}
          {status.value && (
            <span class="lqs-options__status" data-tone="ok" role="status">
              {status.value}
            </span>
          )}
        </div>
      </form>
      {forgetting.value && (
        <Confirm
          title={t('forgetDeskTitle', new URL(forgetting.value).host)}
          confirmLabel={t('forgetDeskConfirm')}
          danger
          onConfirm={() => deps.forget(forgetting.value!).then(() => onChange(null))}
          onClose={() => (forgetting.value = null)}
        >
          <p class="lqs-dialog__text">{t('forgetDeskText')}</p>
        </Confirm>
      )}
    </section>
  );
}
