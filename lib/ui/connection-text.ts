/** The header's connection line, worded from the worker's {@link ConnectionView}. */
import type { ConnectionView } from '../messaging';
import { t } from './i18n';

export interface ConnectionLine {
  text: string;
  tone: 'ok' | 'busy' | 'warn' | 'error';
  /** What a screen reader announces: like `text` but without the ticking countdown. */
  spoken: string;
  /** Whether a "Retry now" action makes sense (the worker is retrying, waiting, offline or gave up). */
  canRetry: boolean;
}

/** Seconds left until `retryAt`, rounded up, never negative. */
export function secondsUntil(retryAt: number, now: number): number {
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}

/**
 * Words the connection state honestly: it says what the extension is doing right now, never "online" while it
 * is only trying. `now` is passed in so the countdown can tick without the worker sending anything.
 */
export function describeConnection(view: ConnectionView, now: number): ConnectionLine {
  switch (view.state) {
    case 'connected':
      return { text: t('connConnected'), spoken: t('connConnected'), tone: 'ok', canRetry: false };
    case 'connecting':
      // After failed attempts the retry stays offered, so the button does not flicker between attempts.
      return { text: t('connConnecting'), spoken: t('connConnecting'), tone: 'busy', canRetry: view.attempt > 0 };
    case 'waiting': {
      const seconds = secondsUntil(view.retryAt, now);
      return seconds > 0
        ? {
            text: t('connRetryIn', seconds),
            spoken: t('connRetrySoon'),
            tone: 'warn',
            canRetry: true,
          }
        : { text: t('connReconnecting'), spoken: t('connReconnecting'), tone: 'busy', canRetry: true };
    }
    case 'offline':
      return { text: t('connOffline'), spoken: t('connOffline'), tone: 'warn', canRetry: true };
    case 'failed': {
      const text = view.reason ? t('connFailedBecause', view.reason) : t('connFailed');
      return { text, spoken: text, tone: 'error', canRetry: true };
    }
    case 'idle':
      return { text: t('connIdle'), spoken: t('connIdle'), tone: 'warn', canRetry: true };
    case 'unconfigured':
      return { text: t('connUnconfigured'), spoken: t('connUnconfigured'), tone: 'warn', canRetry: false };
  }
}
