import { signal, useSignal } from '../lib/ui/signals';
import { useMemo } from '../lib/ui/hooks';
import type { Params } from '../lib/messaging';
import type { ChatMessage, LivechatConfig } from '../lib/livechat/types';
import { registrationPlan, validateRegistration, type FormErrors } from '../lib/ui/forms';
import { t } from '../lib/ui/i18n';
import { CheckField, focusFirstInvalid, FormSubmit, SelectField, TextField } from './Field';

interface Props {
  config: LivechatConfig;
  defaults: { name: string; email: string };
  register: (params: Params<'chat/register'>) => Promise<unknown>;
  /** The desk's trigger messages so far: they greet the visitor above the form, as the agent's words. */
  greetings?: readonly ChatMessage[];
}

/** The pre-chat form, exactly as the desk configures it: name, e-mail, department, custom fields, consent. */
export function RegistrationForm({ config, defaults, register, greetings = [] }: Props) {
  const plan = registrationPlan(config);
  const name = useSignal(defaults.name);
  const email = useSignal(defaults.email);
  const department = useSignal('');
  const consent = useSignal(false);
  // One signal per custom field, created once: the desk's field list does not change under an open form.
  const custom = useMemo(() => Object.fromEntries(plan.customFields.map((f) => [f.id, signal('')])), []);
  const errors = useSignal<FormErrors>({});
  const failure = useSignal<string | null>(null);
  const busy = useSignal(false);

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = Object.fromEntries(Object.entries(custom).map(([id, value]) => [id, value.value]));
    const found = validateRegistration(plan, {
      name: name.value,
      email: email.value,
      consent: consent.value,
      custom: values,
    });
    errors.value = found;
    failure.value = null;
    if (Object.keys(found).length > 0) {
      queueMicrotask(() => focusFirstInvalid(form));
      return;
    }
    const customFields = plan.customFields
      .map((field) => ({ key: field.id, value: (values[field.id] ?? '').trim() }))
      .filter((field) => field.value);
    busy.value = true;
    try {
      await register({
        name: (plan.name ? name.value : defaults.name).trim(),
        email: (plan.email ? email.value : defaults.email).trim(),
        ...(department.value ? { department: department.value } : {}),
        ...(customFields.length > 0 ? { customFields } : {}),
      });
    } catch (error) {
      failure.value = t('registerFailed', error instanceof Error ? error.message : String(error));
    } finally {
      busy.value = false;
    }
  }

  const e = errors.value;
  return (
    <form class="lqs-form lqs-card" onSubmit={onSubmit} noValidate>
      {greetings.map((greeting) => (
        <div key={greeting.id} class="lqs-greeting" role="note">
          {greeting.author.name && <p class="lqs-greeting__name">{greeting.author.name}</p>}
          <p class="lqs-greeting__text">{greeting.text}</p>
        </div>
      ))}
      <p class="lqs-card__lead">{config.messages.registrationFormMessage || t('registerLead')}</p>
      {plan.name && (
        <TextField id="lqs-reg-name" label={t('name')} value={name} error={e.name} required autocomplete="name" />
      )}
      {plan.email && (
        <TextField
          id="lqs-reg-email"
          label={t('email')}
          type="email"
          value={email}
          error={e.email}
          required
          autocomplete="email"
        />
      )}
      {plan.departments.length > 0 && (
        <SelectField
          id="lqs-reg-department"
          label={t('departmentQuestion')}
          value={department}
          placeholder={t('departmentOptional')}
          options={plan.departments.map((d) => ({ value: d.id, label: d.name }))}
        />
      )}
      {plan.customFields.map((field) => {
        const props = {
          id: `lqs-reg-custom-${field.id}`,
          label: field.label,
          value: custom[field.id] ?? signal(''),
          error: e[`custom-${field.id}`],
          required: field.required,
          optional: !field.required,
        };
        return field.type === 'select' ? (
          <SelectField
            key={field.id}
            {...props}
            placeholder={t('chooseOne')}
            options={field.options.map((option) => ({ value: option, label: option }))}
          />
        ) : (
          <TextField key={field.id} {...props} />
        );
      })}
      {plan.consent && (
        <CheckField
          id="lqs-reg-consent"
          label={config.messages.dataProcessingConsentText || t('consentDefault')}
          checked={consent}
          error={e.consent}
        />
      )}
      <FormSubmit failure={failure} busy={busy} label={t('startChat')} busyLabel={t('starting')} />
    </form>
  );
}
