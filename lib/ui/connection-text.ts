/** The header's connection line, worded from the worker's {@link ConnectionView}. */
import type { ConnectionView } from '../messaging';

export interface ConnectionLine {
  text: string;
  tone: 'ok' | 'busy' | 'warn' | 'error';
  /** What a screen reader announces: like `text` but without the ticking countdown. */
  spoken: string;
  /** Whether a "Retry now" action makes sense (the worker is waiting, offline or gave up). */
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
      return { text: 'Connected', spoken: 'Connected', tone: 'ok', canRetry: false };
    case 'connecting':
      return { text: 'Connecting…', spoken: 'Connecting…', tone: 'busy', canRetry: false };
    case 'waiting': {
      const seconds = secondsUntil(view.retryAt, now);
      return seconds > 0
        ? {
            text: `Reconnecting in ${seconds} s`,
            spoken: 'Disconnected, reconnecting soon',
            tone: 'warn',
            canRetry: true,
          }
        : { text: 'Reconnecting…', spoken: 'Reconnecting', tone: 'busy', canRetry: false };
    }
    case 'offline':
      return { text: 'Offline', spoken: 'Offline', tone: 'warn', canRetry: true };
    case 'failed': {
      const text = view.reason ? `Connection failed: ${view.reason}` : 'Connection failed';
      return { text, spoken: text, tone: 'error', canRetry: true };
    }
    case 'idle':
      return { text: 'Not connected', spoken: 'Not connected', tone: 'warn', canRetry: true };
    case 'unconfigured':
      return { text: 'No server configured', spoken: 'No server configured', tone: 'warn', canRetry: false };
  }
}
