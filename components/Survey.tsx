import { useSignal } from '../lib/ui/signals';
import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
import { StarIcon } from './icons-more';

/**
 * The items Rocket.Chat records, with their question. The server keeps only these four (and the free-text
 * `additionalFeedback`), whatever its config lists, so an unknown item would be asked for nothing.
 */
const QUESTIONS: Record<string, () => string> = {
  satisfaction: () => t('surveySatisfaction'),
  agentKnowledge: () => t('surveyAgentKnowledge'),
  agentResposiveness: () => t('surveyAgentResponsiveness'),
  agentFriendliness: () => t('surveyAgentFriendliness'),
};

/** The desk's survey items this form asks with stars, in the desk's order, each once. */
export function askedItems(items: readonly string[]): string[] {
  return [...new Set(items)].filter((item) => item in QUESTIONS);
}

/** One item's row of stars: a radio group, so arrow keys work. */
function StarRow(props: { item: string; values: string[]; rating: string; onRate: (value: string) => void }) {
  const { item, values, rating, onRate } = props;
  const hover = useSignal('');
  const shown = Number(hover.value || rating || 0);
  return (
    <fieldset class="lqs-stars" onMouseLeave={() => (hover.value = '')}>
      <legend class="lqs-stars__question">{QUESTIONS[item]!()}</legend>
      <span class="lqs-stars__row">
        {values.map((value, index) => (
          <span key={value} class="lqs-star">
            <input
              id={`lqs-star-${item}-${value}`}
              type="radio"
              name={`lqs-rating-${item}`}
              value={value}
              class="lqs-sr"
              checked={rating === value}
              onChange={() => onRate(value)}
            />
            <label
              for={`lqs-star-${item}-${value}`}
              data-filled={index + 1 <= shown || undefined}
              onMouseEnter={() => (hover.value = value)}
              title={t('surveyStars', index + 1, values.length)}
            >
              <StarIcon />
              <span class="lqs-sr">{t('surveyStars', index + 1, values.length)}</span>
            </label>
          </span>
        ))}
      </span>
    </fieldset>
  );
}

/**
 * The rating after a chat: every item the desk's survey defines (overall satisfaction, the agent's knowledge,
 * responsiveness and friendliness) with stars, and an optional comment, sent together as Rocket.Chat's survey
 * answers (`additionalFeedback` for the comment). Any rated subset can be sent; unrated items are left out.
 */
export function Survey({ model }: { model: ChatModel }) {
  const config = model.config.value;
  const items = askedItems(config?.survey.items ?? []);
  const ratings = useSignal<Record<string, string>>({});
  const comment = useSignal('');
  const busy = useSignal(false);
  const failure = useSignal<string | null>(null);
  const values = config?.survey.values.length ? config.survey.values : ['1', '2', '3', '4', '5'];
  if (items.length === 0) return null;
  const rated = items.filter((item) => ratings.value[item]);

  async function onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (rated.length === 0) return;
    busy.value = true;
    failure.value = null;
    const answers = rated.map((name) => ({ name, value: ratings.value[name]! }));
    if (comment.value.trim()) answers.push({ name: 'additionalFeedback', value: comment.value.trim() });
    try {
      await model.act('chat/survey', { answers });
    } catch (error) {
      failure.value = t('surveyFailed', error instanceof Error ? error.message : String(error));
    } finally {
      busy.value = false;
    }
  }

  return (
    <form class="lqs-survey" onSubmit={onSubmit}>
      <p class="lqs-survey__question">{t('surveyQuestion')}</p>
      {items.map((item) => (
        <StarRow
          key={item}
          item={item}
          values={values}
          rating={ratings.value[item] ?? ''}
          onRate={(value) => (ratings.value = { ...ratings.value, [item]: value })}
        />
      ))}
      {rated.length > 0 && (
        <>
          <label class="lqs-sr" for="lqs-survey-comment">
            {t('surveyComment')}
          </label>
          <textarea
            id="lqs-survey-comment"
            class="lqs-survey__comment"
            rows={2}
            placeholder={t('surveyCommentPlaceholder')}
            value={comment.value}
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
