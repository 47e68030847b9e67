import { useComputed } from '../lib/ui/signals';
import type { ChatModel } from '../lib/ui/chat-model';
import { t } from '../lib/ui/i18n';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './banner.css';

export type BannerModel = Pick<ChatModel, 'room' | 'agent' | 'queue' | 'lastError'>;

function formatWait(seconds: number): string {
  if (seconds < 60) return t('waitUnderMinute');
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? t('waitOneMinute') : t('waitMinutes', minutes);
}

/** The line above the log: an error, or the queue position and estimated wait while waiting for an agent. */
export function ChatBanner({ model }: { model: BannerModel }) {
  const banner = useComputed(() => {
    const room = model.room.value;
    const queue = model.queue.value;
    if (!room?.open) return null;
    if (queue) {
      return {
        spot: queue.spot,
        text: [
          t('queueSpot', queue.spot),
          queue.estimatedWaitSeconds !== null ? t('queueWait', formatWait(queue.estimatedWaitSeconds)) : '',
          queue.message,
        ]
          .filter(Boolean)
          .join(' '),
      };
    }
    if (!model.agent.value) return { spot: null, text: t('waitingSoon') };
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
        <div class="lqs-banner lqs-banner--queue" data-tone="wait" role="status">
          {banner.value.spot !== null && (
            <span class="lqs-queue-spot" aria-hidden="true">
              {banner.value.spot}
            </span>
          )}
          <span>
            <strong>{t('waitingTitle')}</strong> {banner.value.text}
          </span>
        </div>
      )}
    </>
  );
}
