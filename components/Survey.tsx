import { useSignal } from '@preact/signals';
import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
import { StarIcon } from './icons';

/** The survey item rated with stars: Rocket.Chat's overall one when the desk asks it, else its first item. */
function ratedItem(items: readonly string[]): string | null {
  return items.includes('satisfaction') ? 'satisfaction' : (items[0] ?? null);
}

/**
 * The satisfaction rating after a chat: a row of stars (a radio group, so arrow keys work) and an optional
 * comment, sent as Rocket.Chat's survey answers (`satisfaction`, `additionalFeedback`).
 */
export function Survey({ model }: { model: ChatModel }) {
  const config = model.config.value;
  const rating = useSignal('');
  const hover = useSignal('');
  const comment = useSignal('');
  const busy = useSignal(false);
  const failure = useSignal<string | null>(null);
  const item = ratedItem(config?.survey.items ?? []);
  const values = config?.survey.values.length ? config.survey.values : ['1', '2', '3', '4', '5'];
  if (!item) return null;

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (!rating.value) return;
    busy.value = true;
    failure.value = null;
    const answers = [{ name: item!, value: rating.value }];
    if (comment.value.trim()) answers.push({ name: 'additionalFeedback', value: comment.value.trim() });
    try {
      await model.act('chat/survey', { answers });
    } catch (error) {
      failure.value = t('surveyFailed', error instanceof Error ? error.message : String(error));
    } finally {
      busy.value = false;
    }
  }

  const shown = Number(hover.value || rating.value || 0);
  return (
    <form class="lqs-survey" onSubmit={onSubmit}>
      <fieldset class="lqs-stars" onMouseLeave={() => (hover.value = '')}>
        <legend class="lqs-survey__question">{t('surveyQuestion')}</legend>
        {values.map((value, index) => (
          <span key={value} class="lqs-star">
            <input
              id={`lqs-star-${value}`}
              type="radio"
              name="lqs-rating"
              value={value}
              class="lqs-sr"
              checked={rating.value === value}
              onChange={() => (rating.value = value)}
            />
            <label
              for={`lqs-star-${value}`}
              data-filled={index + 1 <= shown || undefined}
              onMouseEnter={() => (hover.value = value)}
              title={t('surveyStars', index + 1, values.length)}
            >
              <StarIcon />
              <span class="lqs-sr">{t('surveyStars', index + 1, values.length)}</span>
            </label>
          </span>
        ))}
      </fieldset>
      {rating.value && (
        <>
          <label class="lqs-sr" for="lqs-survey-comment">
            {t('surveyComment')}
          </label>
          <textarea
            id="lqs-survey-comment"
            class="lqs-survey__comment"
            rows={2}
            placeholder={t('surveyCommentPlaceholder')}
            value={comment}
            onInput={(ev) => (comment.value = ev.currentTarget.value)}
          />
          {failure.value && (
            <p class="lqs-form__failure" role="alert">
              {failure.value}
            </p>
          )}
          <button type="submit" class="lqs-button lqs-button--primary" disabled={busy.value}>
            {t('surveySend')}
          </button>
        </>
      )}
    </form>
  );
}
