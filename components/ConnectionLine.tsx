import { useComputed, useSignal, useSignalEffect, whenLoaded, type ReadonlySignal } from '../lib/ui/signals';
import type { ConnectionView } from '../lib/messaging';
import type { ConnectionLine as Line } from '../lib/ui/connection-text';
import { t } from '../lib/ui/i18n';

/**
 * The words for every state (lib/ui/connection-text.ts), loaded as the page starts rather than before its first
 * screen (issue 12): a first screen says "Connecting…" (a stored one always does), and the worker's first answer,
 * which may say the link is in trouble, comes after this file from the extension's own package.
 */
export const connectionTextLoaded: Promise<(view: ConnectionView, now: number) => Line> =
  import('../lib/ui/connection-text').then((module) => module.describeConnection);
const wording = whenLoaded(connectionTextLoaded);

/** Until the wording is in: the two states of a chat that opens as `describeConnection` words them, else nothing. */
function describe(view: ConnectionView, now: number): Line {
  const words = wording.value;
  if (words) return words(view, now);
  const connected = view.state === 'connected';
  const text = connected ? t('connConnected') : view.state === 'connecting' ? t('connConnecting') : '';
  return {
    text,
    spoken: text,
    tone: connected ? 'ok' : 'busy',
    canRetry: view.state === 'connecting' && view.attempt > 0,
  };
}

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
  const line = useComputed(() => describe(connection.value, now.value));
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
