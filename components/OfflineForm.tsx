import { useSignal } from '../lib/ui/signals';
import type { ChatModel } from '../lib/ui/chat-model';
import { offlineDepartments, validateOffline, type FormErrors } from '../lib/ui/forms';
import { t } from '../lib/ui/i18n';
import { focusFirstInvalid, FormSubmit, SelectField, TextField } from './Field';
import { CheckIcon } from './icons-more';
import { NoticePanel } from './NoticePanel';

/**
 * Nobody is online and the desk takes messages: name, e-mail, department (those the desk offers here) and the
 * message, with the desk's own texts above the form and after sending.
 */
export function OfflineForm({ model }: { model: ChatModel }) {
  const config = model.config.value!;
  const name = useSignal(model.visitor.value.name);
  const email = useSignal(model.visitor.value.email);
  const department = useSignal('');
  const message = useSignal('');
  const errors = useSignal<FormErrors>({});
  const failure = useSignal<string | null>(null);
  const busy = useSignal(false);
  const sent = useSignal<string | null>(null);
  const departments = offlineDepartments(config);

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const found = validateOffline({ name: name.value, email: email.value, message: message.value });
    errors.value = found;
    failure.value = null;
    if (Object.keys(found).length > 0) {
      queueMicrotask(() => focusFirstInvalid(form));
      return;
    }
    busy.value = true;
    try {
      const result = await model.act('chat/offline', {
        name: name.value.trim(),
        email: email.value.trim(),
        message: message.value.trim(),
        ...(department.value ? { department: department.value } : {}),
      });
      // The desk's own thank-you text, else ours (the worker never passes on the server's REST status text).
      sent.value = config.messages.offlineSuccessMessage || result.message || t('offlineSent');
    } catch (error) {
      failure.value = t('offlineFailed', error instanceof Error ? error.message : String(error));
    } finally {
      busy.value = false;
    }
  }

  if (sent.value) {
    return (
      <NoticePanel icon={<CheckIcon />} title={t('offlineSentTitle')}>
        <p role="status">{sent.value}</p>
      </NoticePanel>
    );
  }

  const e = errors.value;
  return (
    <div class="lqs-scroll">
      <form class="lqs-form lqs-card" onSubmit={onSubmit} noValidate>
        <p class="lqs-card__lead">{config.messages.offlineMessage || t('offlineLead')}</p>
        <TextField id="lqs-off-name" label={t('name')} value={name} error={e.name} required autocomplete="name" />
        <TextField
          id="lqs-off-email"
          label={t('email')}
          type="email"
          value={email}
          error={e.email}
          required
          autocomplete="email"
        />
        {departments.length > 0 && (
          <SelectField
            id="lqs-off-department"
            label={t('departmentQuestion')}
            value={department}
            placeholder={t('departmentOptional')}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        )}
        <TextField id="lqs-off-message" label={t('yourMessage')} value={message} error={e.message} required multiline />
        <FormSubmit failure={failure} busy={busy} label={t('sendOffline')} busyLabel={t('sendingOffline')} />
      </form>
    </div>
  );
}
