import { useSignal } from '../lib/ui/signals';
import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
import { isValidEmail } from '../lib/ui/validate';
import { Survey } from './Survey';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './forms.css';

function Transcript({ model }: { model: ChatModel }) {
  const config = model.config.value;
  const email = useSignal(model.visitor.value.email);
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const done = useSignal<string | null>(null);
  if (done.value)
    return (
      <p class="lqs-ended__done" role="status">
        {done.value}
      </p>
    );

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const address = email.value.trim();
    if (!isValidEmail(address)) {
      error.value = t('errorEmailInvalid');
      (event.currentTarget as HTMLFormElement).querySelector('input')?.focus();
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      const result = await model.act('chat/transcript', { email: address });
      done.value = result.message || t('transcriptSent', address);
    } catch (failure) {
      error.value = t('transcriptFailed', failure instanceof Error ? failure.message : String(failure));
    } finally {
      busy.value = false;
    }
  }

  return (
    <form class="lqs-transcript" onSubmit={onSubmit} noValidate>
      <label for="lqs-transcript-email" class="lqs-transcript__label">
        {config?.messages.transcriptMessage || t('transcriptQuestion')}
      </label>
      <div class="lqs-transcript__row">
        <input
          id="lqs-transcript-email"
          type="email"
          autocomplete="email"
          placeholder={t('emailPlaceholder')}
          value={email.value}
          aria-invalid={Boolean(error.value)}
          aria-describedby={error.value ? 'lqs-transcript-error' : undefined}
          onInput={(ev) => (email.value = ev.currentTarget.value)}
        />
        <button type="submit" class="lqs-button" disabled={busy.value}>
          {t('transcriptSend')}
        </button>
      </div>
      {error.value && (
        <p id="lqs-transcript-error" class="lqs-field__error" role="alert">
          {error.value}
        </p>
      )}
    </form>
  );
}

/**
 * What follows a closed chat, in place of the composer: the desk's closing words, the satisfaction rating,
 * the transcript by e-mail (when the desk offers it) and a way to start over.
 */
export function ChatEnded({ model }: { model: ChatModel }) {
  const config = model.config.value;
  const room = model.room.value;
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);

  async function startNew(): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      await model.act('chat/new', null);
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure);
      busy.value = false;
    }
  }

  const finishedText = config?.messages.conversationFinishedText;
  return (
    <section class="lqs-ended" aria-labelledby="lqs-ended-title">
      <h2 id="lqs-ended-title" class="lqs-ended__title">
        {config?.messages.conversationFinishedMessage || t('chatEnded')}
      </h2>
      {finishedText && <p class="lqs-ended__text">{finishedText}</p>}
      {room?.surveySent ? (
        <p class="lqs-ended__done" role="status">
          {t('surveyThanks')}
        </p>
      ) : (
        <Survey model={model} />
      )}
      {config?.transcript &&
        (room?.transcriptSent ? (
          <p class="lqs-ended__done">{t('transcriptAlreadySent')}</p>
        ) : (
          <Transcript model={model} />
        ))}
      {error.value && (
        <p class="lqs-form__failure" role="alert">
          {error.value}
        </p>
      )}
      <button
        type="button"
        class="lqs-button lqs-button--primary lqs-button--wide"
        onClick={() => void startNew()}
        disabled={busy.value}
      >
        {t('startNewChat')}
      </button>
    </section>
  );
}
