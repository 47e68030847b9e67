import type { Attachment, ChatMessage } from '../lib/livechat/types';
import { formatFull, formatTime, initials } from '../lib/ui/format';
import { safeHref } from '../lib/ui/linkify';
import type { TimelineItem } from '../lib/ui/timeline';
import { AttachmentIcon } from './icons';
import { MessageText } from './MessageText';

type Group = Extract<TimelineItem, { kind: 'group' }>;

interface Props {
  group: Group;
  /** Shown instead of the agent's name when the desk hides agents. */
  agentLabel: string | null;
  serverUrl: string | null;
  /** Whether the worker is connected, to tell "sending" from "waiting for the connection". */
  connected: boolean;
  onRetry: (messageId: string) => void;
}

/** A run of bubbles by one sender: the agent's on the left with an initials avatar, the visitor's on the right. */
export function MessageGroup({ group, agentLabel, serverUrl, connected, onRetry }: Props) {
  const mine = group.from === 'visitor';
  const name = mine ? 'You' : (agentLabel ?? (group.authorName || 'Agent'));
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
            />
          ))}
        </div>
      </div>
      <div class="lqs-group__meta" aria-hidden="true">
        {formatTime(last.ts)}
      </div>
    </div>
  );
}

interface BubbleProps {
  message: ChatMessage;
  sender: string;
  mine: boolean;
  serverUrl: string | null;
  connected: boolean;
  onRetry: (messageId: string) => void;
}

function Bubble({ message, sender, mine, serverUrl, connected, onRetry }: BubbleProps) {
  const delivery = mine ? message.delivery : undefined;
  return (
    <div class="lqs-message" data-delivery={delivery}>
      <div class="lqs-bubble" title={formatFull(message.ts)}>
        <span class="lqs-sr">
          {sender}, {formatTime(message.ts)}:{' '}
        </span>
        {message.text && <MessageText text={message.text} />}
        {message.attachments.map((attachment, index) => (
          <AttachmentLink key={index} attachment={attachment} serverUrl={serverUrl} />
        ))}
        {message.editedAt !== null && <span class="lqs-bubble__edited"> (edited)</span>}
      </div>
      {delivery === 'pending' && (
        <div class="lqs-delivery">{connected ? 'Sending…' : 'Waiting for the connection'}</div>
      )}
      {delivery === 'failed' && (
        <div class="lqs-delivery lqs-delivery--failed" role="alert">
          Not delivered.{' '}
          <button type="button" class="lqs-link-button" onClick={() => onRetry(message.id)}>
            Retry
          </button>
        </div>
      )}
    </div>
  );
}

function AttachmentLink({ attachment, serverUrl }: { attachment: Attachment; serverUrl: string | null }) {
  const href = safeHref(attachment.url, serverUrl ?? undefined);
  const label = attachment.title || attachment.description || 'Attachment';
  return (
    <span class="lqs-attachment">
      <AttachmentIcon />
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {label}
        </a>
      ) : (
        label
      )}
    </span>
  );
}
