import { useEffect, useRef } from '../lib/ui/hooks';
import { stripBidi } from '../lib/bidi';
import { fnv1a, growRuns, hashRuns, type Run } from '../lib/hash-runs';
import type { ChatMessage } from '../lib/livechat/types';
import { formatFull, formatTime, initials } from '../lib/ui/format';
import { t } from '../lib/ui/i18n';
import type { TimelineItem } from '../lib/ui/timeline';
import { EditIcon, TrashIcon } from './icons';
import { lazy, preloadWhenIdle } from './lazy';
import { memo } from './memo';
import { MessageBody } from './MessageText';

type Group = Extract<TimelineItem, { kind: 'group' }>;

/**
 * Attachments' cards and thumbnails, out of what the popup loads on open (issue 12): loaded by the first message that
 * has one, or once the page is idle after its first frames, so a file the agent sends later shows at once.
 */
const loadAttachments = () => import('./Attachments').then((m) => m.AttachmentView);
const AttachmentView = lazy(loadAttachments, 'none');
preloadWhenIdle(loadAttachments);

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
 * Bubbles per part of a group on average, and at most. A group renders its bubbles in parts (`lib/hash-runs.ts`
 * runs, keyed by their first message): a new message re-renders and lays out only the last part, never the
 * hundreds of bubbles a long run by one agent can hold (an open log keeps every unread message on screen).
 */
const PART_MESSAGES = 16;
const PART_MAX = 64;

const hashes = new WeakMap<ChatMessage, number>();
function hashOf(message: ChatMessage): number {
  let hash = hashes.get(message);
  if (hash === undefined) {
    hash = fnv1a(message.id);
    hashes.set(message, hash);
  }
  return hash;
}

/**
 * The group's messages in parts. A part holding the same messages as in the last render is that very array, so
 * its memoised view skips re-rendering. A group grown by newer messages (the usual render: one came) walks only
 * its open last part and the new messages, not the hundreds a long run by one agent can hold.
 */
function useParts(messages: ChatMessage[]): ChatMessage[][] {
  const last = useRef<{ messages: ChatMessage[]; runs: Run<ChatMessage>[]; parts: ChatMessage[][] } | null>(null);
  const previous = last.current;
  if (previous?.messages === messages) return previous.parts;
  const grown = previous && growRuns(previous.messages, previous.runs, messages, hashOf, PART_MESSAGES, PART_MAX);
  const runs = grown ?? hashRuns(messages, hashOf, PART_MESSAGES, PART_MAX);
  let parts = runs.map((run) => run.items);
  if (!grown && previous) {
    const byFirst = new Map(previous.parts.map((part) => [part[0]!.id, part]));
    parts = parts.map((items) => {
      const old = byFirst.get(items[0]!.id);
      return old && old.length === items.length && old.every((message, i) => message === items[i]) ? old : items;
    });
  }
  last.current = { messages, runs, parts };
  return parts;
}

/**
 * A run of bubbles by one sender: the agent's on the left with an initials avatar, the visitor's on the right.
 * Memoised, as are its parts and each bubble: a new message re-renders only its own group, its part and bubble.
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
  const first = group.messages[0]!;
  const last = group.messages[group.messages.length - 1]!;
  const parts = useParts(group.messages);
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
          {parts.map((messages, index) => (
            <Part
              key={messages[0]!.id}
              messages={messages}
              // Only the part holding the group's first bubble hears of it. The last bubble is the last child of the
              // last part, which CSS finds (messages.css): a new message renders itself, not the bubble it follows.
              firstId={index === 0 ? first.id : null}
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

/** A part's bubbles, and which of them is the group's first; the rest goes to every bubble as it is. */
interface PartProps extends Omit<BubbleProps, 'message' | 'first'> {
  messages: ChatMessage[];
  firstId: string | null;
}

const Part = memo(function Part({ messages, firstId, ...rest }: PartProps) {
  const element = useRef<HTMLDivElement>(null);
  // Once drawn (its size remembered, messages.css), a closed part off screen may be skipped by the browser's layout
  // and paint. Only written here: reading a part's size in each part's effect would lay the log out once per part.
  useEffect(() => element.current?.setAttribute('data-drawn', ''), []);
  return (
    <div class="lqs-group__part" ref={element}>
      {messages.map((message) => (
        <Bubble key={message.id} message={message} first={message.id === firstId} {...rest} />
      ))}
    </div>
  );
});

interface BubbleProps {
  message: ChatMessage;
  /** The group's first bubble (its corners are round where the group starts). */
  first: boolean;
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

const Bubble = memo(function Bubble({ message, first, sender, mine, serverUrl, connected, onRetry, own }: BubbleProps) {
  const delivery = mine ? message.delivery : undefined;
  const delivered = delivery === undefined || delivery === 'sent';
  const hasText = message.text.trim().length > 0;
  return (
    <div
      class="lqs-message"
      data-message-id={message.id}
      data-from={message.from}
      data-delivery={delivery}
      data-first={first || undefined}
    >
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
