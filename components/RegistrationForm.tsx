import { useSignal } from '@preact/signals';
import type { Params } from '../lib/messaging';
import type { LivechatConfig } from '../lib/livechat/types';
import { isValidEmail } from '../lib/ui/validate';

interface Props {
  config: LivechatConfig;
  defaults: { name: string; email: string };
  register: (params: Params<'chat/register'>) => Promise<unknown>;
}

type Errors = Partial<Record<'name' | 'email' | 'consent', string>>;

/** The pre-chat form, exactly as the desk configures it: name, e-mail, department and consent as asked. */
export function RegistrationForm({ config, defaults, register }: Props) {
  const name = useSignal(defaults.name);
  const email = useSignal(defaults.email);
  const department = useSignal('');
  const consent = useSignal(false);
  const errors = useSignal<Errors>({});
  const failure = useSignal<string | null>(null);
  const busy = useSignal(false);

  const fields = config.registrationForm;
  const askName = fields && config.nameField;
  const askEmail = fields && config.emailField;
  const departments = fields ? config.departments.filter((d) => d.showOnRegistration) : [];
  const askConsent = config.forceDataProcessingConsent;

  function validate(): Errors {
    const found: Errors = {};
    if (askName && !name.value.trim()) found.name = 'Please enter your name.';
    if (askEmail && !email.value.trim()) found.email = 'Please enter your e-mail address.';
    else if (askEmail && !isValidEmail(email.value)) found.email = 'This does not look like an e-mail address.';
    if (askConsent && !consent.value) found.consent = 'Please accept to continue.';
    return found;
  }

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const found = validate();
    errors.value = found;
    failure.value = null;
    if (Object.keys(found).length > 0) {
      const first = (event.currentTarget as HTMLFormElement).querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
      return;
    }
    busy.value = true;
    try {
      await register({
        name: (askName ? name.value : defaults.name).trim(),
        email: (askEmail ? email.value : defaults.email).trim(),
        ...(department.value ? { department: department.value } : {}),
      });
    } catch (error) {
      failure.value = `Could not start the chat: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      busy.value = false;
    }
  }

  const message = config.messages.registrationFormMessage || 'Tell us a little about yourself to start the chat.';
  const e = errors.value;

  return (
    <form class="lqs-form lqs-register" onSubmit={onSubmit} noValidate>
      <p class="lqs-register__message">{message}</p>
      {askName && (
        <div class="lqs-field">
          <label for="lqs-reg-name">Name</label>
          <input
            id="lqs-reg-name"
            type="text"
            autocomplete="name"
            required
            value={name}
            onInput={(ev) => (name.value = ev.currentTarget.value)}
            aria-invalid={Boolean(e.name)}
            aria-describedby={e.name ? 'lqs-reg-name-error' : undefined}
          />
          {e.name && (
            <p id="lqs-reg-name-error" class="lqs-field__error">
              {e.name}
            </p>
          )}
        </div>
      )}
      {askEmail && (
        <div class="lqs-field">
          <label for="lqs-reg-email">E-mail</label>
          <input
            id="lqs-reg-email"
            type="email"
            autocomplete="email"
            required
            value={email}
            onInput={(ev) => (email.value = ev.currentTarget.value)}
            aria-invalid={Boolean(e.email)}
            aria-describedby={e.email ? 'lqs-reg-email-error' : undefined}
          />
          {e.email && (
            <p id="lqs-reg-email-error" class="lqs-field__error">
              {e.email}
            </p>
          )}
        </div>
      )}
      {departments.length > 0 && (
        <div class="lqs-field">
          <label for="lqs-reg-department">I need help with</label>
          <select
            id="lqs-reg-department"
            value={department}
            onChange={(ev) => (department.value = ev.currentTarget.value)}
          >
            <option value="">Choose a department (optional)</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {askConsent && (
        <div class="lqs-field lqs-field--check">
          <input
            id="lqs-reg-consent"
            type="checkbox"
            checked={consent}
            onChange={(ev) => (consent.value = ev.currentTarget.checked)}
            aria-invalid={Boolean(e.consent)}
            aria-describedby={e.consent ? 'lqs-reg-consent-error' : undefined}
          />
          <label for="lqs-reg-consent">
            {config.messages.dataProcessingConsentText || 'I agree that my data is processed to answer my request.'}
          </label>
          {e.consent && (
            <p id="lqs-reg-consent-error" class="lqs-field__error">
              {e.consent}
            </p>
          )}
        </div>
      )}
      {failure.value && (
        <p class="lqs-form__failure" role="alert">
          {failure.value}
        </p>
      )}
      <button type="submit" class="lqs-button lqs-button--primary" disabled={busy.value}>
        {busy.value ? 'Starting…' : 'Start chat'}
      </button>
    </form>
  );
}
