import type { ChatMessage } from '../lib/livechat/types';
import { stripBidi } from '../lib/bidi';
import { formatFull, formatTime, initials } from '../lib/ui/format';
import { t } from '../lib/ui/i18n';
import type { TimelineItem } from '../lib/ui/timeline';
import { AttachmentView } from './Attachments';
import { EditIcon, TrashIcon } from './icons';
import { memo } from './memo';
import { MessageBody } from './MessageText';

type Group = Extract<TimelineItem, { kind: 'group' }>;

/** What the visitor may do with their own delivered messages; absent when the conversation is over. */
export interface OwnMessageActions {
  edit(message: ChatMessage): void;
  remove(message: ChatMessage): void;
}

interface Props {
  group: Group;
  /** Shown instead of the agent's name when the desk hides agents. */
  agentLabel: string | null;
  serverUrl: string | null;
  /** Whether the worker is connected, to tell "sending" from "waiting for the connection". */
  connected: boolean;
  onRetry: (messageId: string) => void;
  own: OwnMessageActions | null;
}

/**
 * A run of bubbles by one sender: the agent's on the left with an initials avatar, the visitor's on the right.
 * Memoised, as is each bubble: a new message re-renders only its own group and bubble, given stable props.
 */
export const MessageGroup = memo(function MessageGroup({
  group,
  agentLabel,
  serverUrl,
  connected,
  onRetry,
  own,
}: Props) {
  const mine = group.from === 'visitor';
  const name = mine ? t('you') : stripBidi(agentLabel ?? group.authorName) || t('agent');
  const last = group.messages[group.messages.length - 1]!;
  return (
    <div class={`lqs-group lqs-group--${mine ? 'mine' : 'theirs'}`}>
      <div class="lqs-group__row">
        {!mine && (
          <span class="lqs-avatar" aria-hidden="true">
            {initials(name)}
          </span>
        )}
        <div class="lqs-group__body">
          {!mine && (
            <div class="lqs-group__name" aria-hidden="true">
              {name}
            </div>
          )}
          {group.messages.map((message) => (
            <Bubble
              key={message.id}
              message={message}
              sender={name}
              mine={mine}
              serverUrl={serverUrl}
              connected={connected}
              onRetry={onRetry}
              own={mine ? own : null}
            />
          ))}
        </div>
      </div>
      <div class="lqs-group__meta" aria-hidden="true">
        {formatTime(last.ts)}
      </div>
    </div>
  );
});

interface BubbleProps {
  message: ChatMessage;
  sender: string;
  mine: boolean;
  serverUrl: string | null;
  connected: boolean;
  onRetry: (messageId: string) => void;
  own: OwnMessageActions | null;
}

/**
 * The bubble's tooltip, its full date, is written when a pointer first comes over it: a formatter for full
 * dates costs the popup's opening several ms (its locale data), and a title is only ever read on hover.
 */
function showFullDate(bubble: HTMLElement, ts: number): void {
  if (!bubble.title) bubble.title = formatFull(ts);
}

const Bubble = memo(function Bubble({ message, sender, mine, serverUrl, connected, onRetry, own }: BubbleProps) {
  const delivery = mine ? message.delivery : undefined;
  const delivered = delivery === undefined || delivery === 'sent';
  const hasText = message.text.trim().length > 0;
  return (
    <div class="lqs-message" data-message-id={message.id} data-from={message.from} data-delivery={delivery}>
      <div class="lqs-message__line">
        {own && delivered && (
          <div class="lqs-message__tools">
            {hasText && (
              <button
                type="button"
                class="lqs-tool"
                aria-label={t('editMessage')}
                title={t('editMessage')}
                onClick={() => own.edit(message)}
              >
                <EditIcon />
              </button>
            )}
            <button
              type="button"
              class="lqs-tool"
              aria-label={t('deleteMessage')}
              title={t('deleteMessage')}
              onClick={() => own.remove(message)}
            >
              <TrashIcon />
            </button>
          </div>
        )}
        <div
          class="lqs-bubble"
          onPointerEnter={(event) => showFullDate(event.currentTarget, message.ts)}
          data-attachment-only={!hasText || undefined}
        >
          <span class="lqs-sr">{t('messageFrom', sender, formatTime(message.ts))} </span>
          {hasText && <MessageBody message={message} serverUrl={serverUrl} />}
          {message.attachments.map((attachment, index) => (
            <AttachmentView key={index} attachment={attachment} serverUrl={serverUrl} />
          ))}
          {message.editedAt !== null && <span class="lqs-bubble__edited"> {t('edited')}</span>}
          {message.shortened && <p class="lqs-bubble__note">{t('messageShortened')}</p>}
        </div>
      </div>
      {delivery === 'pending' && <div class="lqs-delivery">{connected ? t('sending') : t('waitingConnection')}</div>}
      {delivery === 'failed' && (
        <div class="lqs-delivery lqs-delivery--failed" role="alert">
          {t('notDelivered')}{' '}
          <button type="button" class="lqs-link-button" onClick={() => onRetry(message.id)}>
            {t('retry')}
          </button>
        </div>
      )}
    </div>
  );
});
