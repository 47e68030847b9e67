import { useSignal } from '../lib/ui/signals';
import { useEffect } from '../lib/ui/hooks';
import { stripBidi } from '../lib/bidi';
import type { PastConversation, Result } from '../lib/messaging';
import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
import type { ChatUi } from './chat-ui';
import { HistoryIcon } from './icons-more';
import { NoticePanel } from './NoticePanel';
import { PastView, when } from './PastView';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './past.css';

interface Props {
  model: ChatModel;
  ui: ChatUi;
}

/** The desk's conversations, or one of them read-only: shown in place of the chat, loaded on first use. */
export function PastChats({ model, ui }: Props) {
  const roomId = ui.past.value?.roomId ?? null;
  if (roomId) return <PastView key={roomId} model={model} ui={ui} roomId={roomId} />;
  return <PastList model={model} ui={ui} />;
}

/** The list, newest first: who served it, when, its first and last words, open or closed. */
function PastList({ model, ui }: Props) {
  const listed = useSignal<Result<'history/list'> | null>(null);
  const failure = useSignal<string | null>(null);
  useEffect(() => {
    model.act('history/list', null).then(
      (result) => (listed.value = result),
      (error: unknown) => (failure.value = error instanceof Error ? error.message : String(error)),
    );
  }, [model]);

  // The open chat is the chat itself; any other, the current one once closed included, opens read-only.
  const open = (conversation: PastConversation) =>
    (ui.past.value = conversation.current && conversation.open ? null : { roomId: conversation.id });
  const result = listed.value;
  return (
    <section class="lqs-past" aria-labelledby="lqs-past-title">
      <div class="lqs-past__bar">
        <button type="button" class="lqs-chip" onClick={() => (ui.past.value = null)}>
          {t('backToChat')}
        </button>
        <h2 id="lqs-past-title" class="lqs-past__title">
          {t('pastConversations')}
        </h2>
      </div>
      {failure.value && (
        <p class="lqs-form__failure" role="alert">
          {failure.value}
        </p>
      )}
      {!result && !failure.value && (
        <div class="lqs-loading" role="status" aria-busy="true" aria-label={t('loading')} />
      )}
      {result && result.conversations.length === 0 && (
        <NoticePanel icon={<HistoryIcon />} title={t('noPastConversations')}>
          <p>{t('noPastConversationsText')}</p>
        </NoticePanel>
      )}
      {result && result.conversations.length > 0 && (
        <ul class="lqs-past__list">
          {result.conversations.map((c) => (
            <li key={c.id}>
              <button type="button" class="lqs-past__item" onClick={() => open(c)} data-room-id={c.id}>
                <span class="lqs-past__head">
                  <span class="lqs-past__agent">{stripBidi(c.agent ?? '') || t('conversation')}</span>
                  <span class="lqs-past__state" data-open={c.open}>
                    {c.current && c.open ? t('pastCurrent') : c.open ? t('pastOpen') : t('pastClosed')}
                  </span>
                </span>
                <span class="lqs-past__date">{c.openedAt ? when(c.openedAt) : ''}</span>
                {c.firstLine && <span class="lqs-past__line">{stripBidi(c.firstLine)}</span>}
                {c.lastLine && c.lastLine !== c.firstLine && (
                  <span class="lqs-past__line lqs-past__line--last">{stripBidi(c.lastLine)}</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {result?.trimmed && (
        <p class="lqs-past__notice" role="note">
          {t('pastTrimmed')}
        </p>
      )}
    </section>
  );
}
