import { useComputed } from '../lib/ui/signals';
import { t } from '../lib/ui/i18n';
import { waiting, type BannerModel } from './banner-state';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './banner.css';

function formatWait(seconds: number): string {
  if (seconds < 60) return t('waitUnderMinute');
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? t('waitOneMinute') : t('waitMinutes', minutes);
}

/** The line above the log: an error, or the queue position and estimated wait while waiting for an agent. */
export function ChatBanner({ model }: { model: BannerModel }) {
  const banner = useComputed(() => {
    if (!waiting(model)) return null;
    const queue = model.queue.value;
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
    return { spot: null, text: t('waitingSoon') };
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
