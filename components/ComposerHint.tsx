import { t } from '../lib/ui/i18n';

interface HintProps {
  error: string | null;
  /** Characters over the desk's limit (0 or less when within). */
  over: number;
  offline: boolean;
  /** "12/500" when close to the limit, else null. */
  counter: string | null;
}

/**
 * The line under the message box, by priority: what went wrong, the text being too long, that messages wait
 * for the connection; otherwise the keyboard help for screen readers only. The counter sits at its end.
 */
export function ComposerHint({ error, over, offline, counter }: HintProps) {
  return (
    <div id="lqs-composer-hint" class="lqs-composer__hint">
      {error ? (
        <span class="lqs-composer__error" role="alert">
          {error}
        </span>
      ) : over > 0 ? (
        <span class="lqs-composer__error">{t('tooLong', over)}</span>
      ) : offline ? (
        <span>{t('offlineHint')}</span>
      ) : (
        <span class="lqs-sr">{t('composerHint')}</span>
      )}
      {counter && (
        <span class="lqs-composer__counter" data-over={over > 0}>
          {counter}
        </span>
      )}
    </div>
  );
}
