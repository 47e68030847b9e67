import type { ReadonlySignal } from '../lib/ui/signals';
import { t } from '../lib/ui/i18n';
// oxlint-disable-next-line import/no-unassigned-import -- stylesheets are imported for Vite to bundle
import './composer.css';

/** "Jane is typing…" with three animated dots; kept in the layout (empty) when nobody types. */
export function TypingLine({ who }: { who: ReadonlySignal<string | null> }) {
  return (
    <div class="lqs-typing" role="status">
      {who.value && (
        <>
          <span class="lqs-typing__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {t('isTyping', who.value)}
        </>
      )}
    </div>
  );
}
