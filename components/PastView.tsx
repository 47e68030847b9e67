import { signal, useSignal } from '../lib/ui/signals';
import { useEffect, useMemo } from '../lib/ui/hooks';
import { stripBidi } from '../lib/bidi';
import type { ChatMessage } from '../lib/livechat/types';
import type { Op, Params, Result } from '../lib/messaging';
import type { ChatModel } from '../lib/ui/chat-model';
import { dayLabel, formatTime } from '../lib/ui/format';
import { t } from '../lib/ui/i18n';
import type { ChatUi } from './chat-ui';
import { Dialog } from './Dialog';
import { DownloadIcon } from './icons-more';
import { Menu } from './MenuList';
import { MessageList } from './MessageList';

interface Props {
  model: ChatModel;
  ui: ChatUi;
  roomId: string;
}

type Opened = Result<'history/open'>;

/** A call in a closed conversation is over, whatever its last message said: nothing to join any more. */
const callOver = (m: ChatMessage): ChatMessage =>
  m.call && !m.call.ended ? { ...m, call: { ...m.call, ended: true } } : m;

/** When a conversation was had, as the list says it: "Today 14:05", "3 March 14:05". */
export function when(ts: number): string {
  return `${dayLabel(ts, Date.now())} ${formatTime(ts)}`;
}

/**
 * One past conversation, read-only: the stored messages, older ones paged from the server while it answers for
 * the room (else the stored copy is all there is), "Forget this conversation" and "Start a new chat".
 */
export function PastView({ model, ui, roomId }: Props) {
  const opened = useSignal<Opened | null>(null);
  const failure = useSignal<string | null>(null);
  const onlyLocal = useSignal(false);
  const forgetting = useSignal(false);
  const busy = useSignal(false);

  // The message list's model: this conversation's messages instead of the chat's, paging through `history/loadOlder`.
  const list = useMemo(() => {
    const messages = signal<ChatMessage[]>([]);
    const hasOlder = signal(false);
    const act = async <K extends Op>(op: K, params: Params<K>): Promise<Result<K>> => {
      if (op !== 'chat/loadOlder') return model.act(op, params);
      const page = await model.act('history/loadOlder', { roomId });
      const known = new Set(messages.peek().map((m) => m.id));
      messages.value = [...page.messages.filter((m) => !known.has(m.id)).map(callOver), ...messages.peek()];
      hasOlder.value = page.hasOlder;
      if (page.unavailable) onlyLocal.value = true;
      return { loaded: page.messages.length } as Result<K>;
    };
    return {
      messages,
      hasOlder,
      act,
      config: model.config,
      agent: signal(null),
      serverUrl: model.serverUrl,
      connection: model.connection,
      firstUnread: signal<string | null>(null),
      retry: async () => undefined,
      // The worker answers with the conversation whole: nothing more is on its way.
      live: signal(true),
    };
  }, [model, roomId]);

  useEffect(() => {
    model.act('history/open', { roomId }).then(
      (result) => {
        list.messages.value = result.conversation.open ? result.messages : result.messages.map(callOver);
        list.hasOlder.value = result.hasOlder;
        opened.value = result;
      },
      (error: unknown) => (failure.value = error instanceof Error ? error.message : String(error)),
    );
  }, [model, roomId]);

  async function run(task: () => Promise<unknown>): Promise<void> {
    busy.value = true;
    failure.value = null;
    try {
      await task();
    } catch (error) {
      failure.value = error instanceof Error ? error.message : String(error);
    } finally {
      busy.value = false;
    }
  }
  /** Back to the chat; a closed current room is left behind first, so the chat starts afresh. */
  const startNew = () =>
    run(async () => {
      if (model.room.value && !model.room.value.open) await model.act('chat/new', null);
      ui.past.value = null;
    });
  const forget = () =>
    run(async () => {
      await model.act('history/forget', { roomId });
      forgetting.value = false;
      ui.past.value = { roomId: null };
    });

  const conversation = opened.value?.conversation;
  return (
    <section class="lqs-past lqs-past--view" aria-labelledby="lqs-past-title">
      <div class="lqs-past__bar">
        <button type="button" class="lqs-chip" onClick={() => (ui.past.value = { roomId: null })}>
          {t('allConversations')}
        </button>
        <h2 id="lqs-past-title" class="lqs-past__title">
          {stripBidi(conversation?.agent ?? '') || t('conversation')}
          {conversation?.openedAt ? <span class="lqs-past__date">{when(conversation.openedAt)}</span> : null}
        </h2>
        {opened.value && list.messages.value.length > 0 && (
          <Menu
            label={t('download')}
            icon={<DownloadIcon />}
            items={(['html', 'text'] as const).map((format) => ({
              label: t(format === 'html' ? 'downloadHtml' : 'downloadText'),
              icon: <DownloadIcon />,
              onSelect: () =>
                void import('./download-conversation').then((d) =>
                  d.downloadConversation(model, format, list.messages.peek()),
                ),
            }))}
          />
        )}
      </div>
      {onlyLocal.value && (
        <p class="lqs-past__notice" role="note">
          {t('pastOnlyLocal')}
        </p>
      )}
      {opened.value ? (
        <MessageList model={list} empty={<p class="lqs-past__empty">{t('pastNoMessages')}</p>} />
      ) : (
        !failure.value && <div class="lqs-loading" role="status" aria-busy="true" aria-label={t('loading')} />
      )}
      {failure.value && (
        <p class="lqs-form__failure" role="alert">
          {failure.value}
        </p>
      )}
      <div class="lqs-past__actions">
        {!conversation?.open && (
          <button
            type="button"
            class="lqs-button lqs-past__forget"
            onClick={() => (forgetting.value = true)}
            disabled={busy.value || !opened.value}
          >
            {t('forgetConversation')}
          </button>
        )}
        <button
          type="button"
          class="lqs-button lqs-button--primary lqs-past__start"
          onClick={() => void startNew()}
          disabled={busy.value}
        >
          {model.room.value?.open ? t('backToChat') : t('startNewChat')}
        </button>
      </div>
      {forgetting.value && (
        <Dialog title={t('forgetConversationTitle')} role="alertdialog" onCancel={() => (forgetting.value = false)}>
          <p class="lqs-dialog__text">{t('forgetConversationText')}</p>
          <div class="lqs-dialog__actions">
            <button type="button" class="lqs-button" onClick={() => (forgetting.value = false)} data-autofocus>
              {t('cancel')}
            </button>
            <button
              type="button"
              class="lqs-button lqs-button--danger"
              onClick={() => void forget()}
              disabled={busy.value}
            >
              {t('forget')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
