import { useComputed, useSignal, useSignalEffect, type ReadonlySignal } from '../lib/ui/signals';
import type { ConnectionView } from '../lib/messaging';
import { describeConnection } from '../lib/ui/connection-text';
import { t } from '../lib/ui/i18n';

interface Props {
  connection: ReadonlySignal<ConnectionView>;
  pendingCount: ReadonlySignal<number>;
  onRetry: () => void;
}

/** "Connected", "Reconnecting in 4 s", "Offline"…, plus how many messages wait to be sent. */
export function ConnectionLine({ connection, pendingCount, onRetry }: Props) {
  const now = useSignal(Date.now());
  // Only a scheduled retry needs a ticking clock; every other state changes when the worker says so.
  useSignalEffect(() => {
    const view = connection.value;
    now.value = Date.now();
    if (view.state !== 'waiting') return;
    const timer = setInterval(() => (now.value = Date.now()), 1000);
    return () => clearInterval(timer);
  });
  const line = useComputed(() => describeConnection(connection.value, now.value));
  const pending = pendingCount.value;

  return (
    <p class="lqs-connection" data-tone={line.value.tone}>
      <span class="lqs-connection__dot" aria-hidden="true" />
      <span class="lqs-connection__text">
        <span aria-hidden="true">{line.value.text}</span>
        <span class="lqs-sr" role="status">
          {line.value.spoken}
        </span>
      </span>
      {line.value.canRetry && (
        <button type="button" class="lqs-link-button" onClick={onRetry}>
          {t('retryNow')}
        </button>
      )}
      {pending > 0 && (
        <span class="lqs-connection__pending">{pending === 1 ? t('pendingOne') : t('pendingMany', pending)}</span>
      )}
    </p>
  );
}
