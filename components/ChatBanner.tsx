import { useComputed } from '@preact/signals';
import type { ChatModel } from '../lib/ui/chat-model';

type BannerModel = Pick<ChatModel, 'room' | 'agent' | 'queue' | 'config' | 'lastError' | 'messages'>;

function formatWait(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}

/** The line above the log: an error, the queue position while waiting for an agent, or "chat ended". */
export function ChatBanner({ model }: { model: BannerModel }) {
  const banner = useComputed(() => {
    const room = model.room.value;
    const queue = model.queue.value;
    const messages = model.config.value?.messages;
    if (room && !room.open) {
      return {
        tone: 'info',
        title: messages?.conversationFinishedMessage || 'This chat has ended.',
        text: messages?.conversationFinishedText || 'Send a message to start a new one.',
      };
    }
    if (queue) {
      const wait =
        queue.estimatedWaitSeconds !== null ? ` Estimated wait: ${formatWait(queue.estimatedWaitSeconds)}.` : '';
      return {
        tone: 'wait',
        title: 'Waiting for an agent…',
        text: `You are number ${queue.spot} in the queue.${wait}${queue.message ? ` ${queue.message}` : ''}`,
      };
    }
    if (room?.open && !model.agent.value) {
      return {
        tone: 'wait',
        title: 'Waiting for an agent…',
        text: 'An agent will join this chat as soon as one is free.',
      };
    }
    return null;
  });
  const error = model.lastError.value;

  return (
    <>
      {error && (
        <div class="lqs-banner" data-tone="error" role="alert">
          {error}
        </div>
      )}
      {banner.value && (
        <div class="lqs-banner" data-tone={banner.value.tone} role="status">
          <strong>{banner.value.title}</strong> {banner.value.text}
        </div>
      )}
    </>
  );
}
